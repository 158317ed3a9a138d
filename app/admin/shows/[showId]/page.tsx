import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BlockSeatsForm, CancelShowForm } from "@/components/admin/forms";
import { ZonePricesForm } from "@/components/admin/zone-prices-form";
import { OnSaleSection } from "@/components/admin/on-sale-section";
import { WaitlistTable } from "@/components/admin/waitlist-table";
import { requireStaffPage } from "@/lib/admin/access";
import { showSales } from "@/lib/admin/sales";
import { unsettledBookings } from "@/lib/admin/shows";
import { canRepriceZones, zoneFill } from "@/lib/admin/show-zones";
import { formatMoney } from "@/lib/format/money";
import { getAvailability, getSeatMapLayout } from "@/lib/seating/availability";

export const metadata: Metadata = { title: "Admin · Show" };

export default async function AdminShowPage({ params, searchParams }: { params: Promise<{ showId: string }>; searchParams: Promise<{ scheduled?: string }> }) {
  const { showId } = await params;
  const { scheduled } = await searchParams;
  const user = await requireStaffPage(`/admin/shows/${showId}`);
  if (!/^[0-9a-f-]{36}$/i.test(showId)) notFound();
  const [s] = await showSales(user, { showId });
  if (!s) notFound();
  const [layout, snap, unsettled, zones] = await Promise.all([getSeatMapLayout(showId), getAvailability(showId), s.status === "CANCELLED" ? unsettledBookings(showId) : 0, zoneFill(user, showId)]);
  const blocked = layout.seats.filter((_, i) => snap.status[i] === "X" ).map((x) => x.label);
  const money = (m: number) => formatMoney(m, s.currency);
  const stat = (label: string, value: string) => (
    <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-black/5">
      <p className="text-2xl font-bold tabular-nums">{value}</p>
      <p className="text-xs text-slate-500">{label}</p>
    </div>
  );
  return (
    <div className="space-y-4">
      {scheduled ? <p role="status" className="rounded-xl bg-emerald-50 p-3 text-emerald-800 ring-1 ring-emerald-200">Scheduled 1 show(s).</p> : null}
      <div>
        <h1 className="text-2xl font-bold">{s.title}</h1>
        <p className="text-sm text-slate-600">
          {s.startsAt.toLocaleString("en-IN", { timeZone: "Asia/Kolkata", dateStyle: "full", timeStyle: "short" })} · {s.venue}, {s.section} · {s.status.toLowerCase()}
        </p>
      </div>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {stat("seats sold", `${s.sold} / ${s.seats - s.blocked}`)}
        {stat("occupancy", `${Math.round(s.occupancy * 100)}%`)}
        {stat("held now", String(s.held))}
        {stat("blocked", String(s.blocked))}
        {stat("revenue", money(s.revenueMinor))}
        {stat("discounts", money(s.discountMinor))}
        {stat("refunded", money(s.refundedMinor))}
        {stat("bookings", String(s.bookings))}
      </div>
      {zones.length ? (
        <section aria-labelledby="zone-fill" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-black/5">
          <h2 id="zone-fill" className="font-semibold">Zone fill</h2>
          <p className="mb-2 text-sm text-slate-600">General admission places, counted in the totals above ({s.zoneSold} of {s.zonePlaces} sold, {s.zoneHeld} held).</p>
          <table className="w-full text-sm">
            <thead className="text-left text-xs text-slate-500">
              <tr><th className="py-1">Zone</th><th>Price</th><th className="text-right">Sold</th><th className="text-right">Held</th><th className="text-right">Capacity</th><th className="text-right">Fill</th><th className="text-right">Revenue</th></tr>
            </thead>
            <tbody className="tabular-nums">
              {zones.map((z) => (
                <tr key={z.zoneId} className="border-t border-slate-100">
                  <td className="py-1.5 font-medium">{z.name} <span className="text-xs text-slate-500">{z.kind === "TIMED_ENTRY" ? "timed entry" : "standing"}</span></td>
                  <td>{z.priceMinor === null ? "not on sale" : money(z.priceMinor)}</td>
                  <td className="text-right">{z.sold}</td>
                  <td className="text-right">{z.held}</td>
                  <td className="text-right">{z.capacity}</td>
                  <td className="text-right">{z.capacity ? `${Math.round((z.sold / z.capacity) * 100)}%` : "—"}</td>
                  <td className="text-right">{money(z.revenueMinor)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {canRepriceZones(s) ? (
            <div className="mt-4 border-t border-slate-100 pt-3">
              <h3 className="mb-2 text-sm font-semibold">Zone prices</h3>
              <ZonePricesForm showId={showId} zones={zones} />
            </div>
          ) : null}
        </section>
      ) : null}
      {s.status === "SCHEDULED" ? <OnSaleSection user={user} showId={showId} /> : null}
      <WaitlistTable showId={showId} />
      <div className="grid gap-4 md:grid-cols-2">
        <section aria-labelledby="block" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-black/5">
          <h2 id="block" className="font-semibold">House and broken seats</h2>
          <p className="mb-3 text-sm text-slate-600">Blocked now: {blocked.length ? blocked.join(", ") : "none"}. Sold or held seats cannot be blocked.</p>
          <BlockSeatsForm showId={showId} />
        </section>
        {s.status === "SCHEDULED" ? (
          <section aria-labelledby="cancel" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-black/5">
            <h2 id="cancel" className="font-semibold">Cancel this show</h2>
            <p className="mb-3 text-sm text-slate-600">Every booking is refunded in full and every holder is emailed.</p>
            <CancelShowForm showId={showId} />
          </section>
        ) : (
          <section role="status" className="rounded-2xl bg-amber-50 p-5 text-amber-900 ring-1 ring-amber-200">
            <h2 className="font-semibold">This show is cancelled</h2>
            <p className="mt-1 text-sm">Its bookings were cancelled and refunded ({money(s.refundedMinor)} so far); holders were emailed.</p>
            {unsettled ? (
              <div className="mt-3 space-y-2">
                <p className="text-sm">{unsettled} booking(s) are not refunded yet (a refund the gateway refused, or a payment still in flight).</p>
                <CancelShowForm showId={showId} resume />
              </div>
            ) : null}
          </section>
        )}
      </div>
    </div>
  );
}
