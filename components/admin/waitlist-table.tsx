// A show's waitlist for venue staff: who waits for what, who has an offer out until when, and how
// past offers ended. Rendered by the admin show page after its venue-access check.
import "server-only";
import { waitlistOfShow } from "@/lib/waitlist/admin";

const time = (d: Date | null, tz: string) => (d ? d.toLocaleString("en-IN", { timeZone: tz, dateStyle: "short", timeStyle: "short" }) : "—");

export async function WaitlistTable({ showId, timeZone = "Asia/Kolkata" }: { showId: string; timeZone?: string }) {
  const { rows, counts } = await waitlistOfShow(showId);
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="waitlist" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-black/5">
      <h2 id="waitlist" className="font-semibold">Waitlist</h2>
      <p className="mb-2 text-sm text-slate-600">
        {counts.WAITING} waiting · {counts.OFFERED} {counts.OFFERED === 1 ? "offer" : "offers"} out · {counts.CLAIMED} claimed · {counts.LAPSED} lapsed · {counts.LEFT} left
        {counts.CLOSED ? ` · ${counts.CLOSED} closed` : ""}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead className="text-left text-xs text-slate-500">
            <tr><th className="py-1">User</th><th>For</th><th className="pr-4 text-right">Qty</th><th>Status</th><th>Joined</th><th>Offered</th><th>Offer ends</th><th>Booking</th></tr>
          </thead>
          <tbody className="tabular-nums">
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100">
                <td className="py-1.5">{r.email}</td>
                <td>{r.zoneName ?? "Seats"}</td>
                <td className="pr-4 text-right tabular-nums">{r.quantity}</td>
                <td>{r.status.toLowerCase()}</td>
                <td>{time(r.createdAt, timeZone)}</td>
                <td>{time(r.offeredAt, timeZone)}</td>
                <td>{time(r.offerExpiresAt, timeZone)}</td>
                <td>{r.bookingReference ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
