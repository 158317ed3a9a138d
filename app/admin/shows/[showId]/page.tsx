import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CancelShowConfirm, ReviewStart } from "@/components/admin/confirm-steps";
import { BlockSeatsForm, ResumeCancellationForm } from "@/components/admin/forms";
import { MoneySplit } from "@/components/admin/money-split";
import { ZonePricesForm } from "@/components/admin/zone-prices-form";
import { OnSaleSection } from "@/components/admin/on-sale-section";
import { WaitlistTable } from "@/components/admin/waitlist-table";
import { requireStaffPage } from "@/lib/admin/access";
import { showSales } from "@/lib/admin/sales";
import { cancelShowPreview, unsettledBookings } from "@/lib/admin/shows";
import { staffCancelSchema } from "@/lib/admin/bookings";
import { venueTime } from "@/lib/admin/time";
import { canRepriceZones, zoneFill } from "@/lib/admin/show-zones";
import { formatMoney } from "@/lib/format/money";
import { getAvailability, getSeatMapLayout } from "@/lib/seating/availability";

export const metadata: Metadata = { title: "Admin · Show" };

type Search = { scheduled?: string; step?: string; reason?: string; cancelled?: string };

export default async function AdminShowPage({ params, searchParams }: { params: Promise<{ showId: string }>; searchParams: Promise<Search> }) {
  const { showId } = await params;
  const { scheduled, step, reason, cancelled } = await searchParams;
  const user = await requireStaffPage(`/admin/shows/${showId}`);
  if (!/^[0-9a-f-]{36}$/i.test(showId)) notFound();
  const [s] = await showSales(user, { showId });
  if (!s) notFound();
  const [layout, snap, unsettled, zones] = await Promise.all([getSeatMapLayout(showId), getAvailability(showId), s.status === "CANCELLED" ? unsettledBookings(showId) : 0, zoneFill(user, showId)]);
  const blocked = layout.seats.filter((_, i) => snap.status[i] === "X" ).map((x) => x.label);
  const money = (m: number) => formatMoney(m, s.currency);
  // Step two of cancelling: only for a scheduled show and a reason that would be accepted.
  const reviewing = s.status === "SCHEDULED" && step === "cancel";
  const reasonCheck = reviewing ? staffCancelSchema.safeParse({ reason: typeof reason === "string" ? reason : "" }) : null;
  const preview = reasonCheck?.success ? await cancelShowPreview(user, showId) : null;
  const done = typeof cancelled === "string" ? /^(\d+)\.(\d+)\.(\d+)$/.exec(cancelled) : null;
  const stat = (label: string, value: string) => (
    <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-black/5">
      <p className="text-2xl font-bold tabular-nums">{value}</p>
      <p className="text-xs text-slate-500">{label}</p>
    </div>
  );
  return (
    <div className="space-y-4">
      {scheduled ? <p role="status" className="rounded-xl bg-emerald-50 p-3 text-emerald-800 ring-1 ring-emerald-200">Scheduled 1 show(s).</p> : null}
      {done ? (
        <p role="status" className="rounded-xl bg-emerald-50 p-3 text-emerald-800 ring-1 ring-emerald-200">
          Show cancelled: {done[1]} booking(s) refunded, {done[2]} hold(s) released. Everyone affected has been emailed.
          {Number(done[3]) ? ` ${done[3]} booking(s) are not refunded yet: retry below.` : ""}
        </p>
      ) : null}
      <div>
        <h1 className="text-2xl font-bold">{s.title}</h1>
        <p className="text-sm text-slate-600">
          <time dateTime={s.startsAt.toISOString()}>{venueTime(s.startsAt, s.timeZone, "long")}</time> · {s.venue}, {s.section} · {s.status.toLowerCase()}
        </p>
      </div>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {stat("seats sold", `${s.sold} / ${s.seats - s.blocked}`)}
        {stat("occupancy", `${Math.round(s.occupancy * 100)}%`)}
        {stat("held now", String(s.held))}
        {stat("blocked", String(s.blocked))}
        {stat("bookings", String(s.bookings))}
        {stat("discounts given", money(s.discountMinor))}
        {stat("refunded (cancelled bookings)", money(s.refundedMinor))}
      </div>
      <section aria-labelledby="money" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-black/5">
        <h2 id="money" className="font-semibold">Money from confirmed bookings</h2>
        <MoneySplit totals={s} className="mt-3" />
        <p className="mt-2 text-xs text-slate-500">Revenue is ticket prices less discounts; the fee and its GST are the platform&apos;s. Refunds of cancelled bookings are shown apart and are not in these figures.</p>
      </section>
      {zones.length ? (
        <section aria-labelledby="zone-fill" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-black/5">
          <h2 id="zone-fill" className="font-semibold">Zone fill</h2>
          <p className="mb-2 text-sm text-slate-600">General admission places, counted in the totals above ({s.zoneSold} of {s.zonePlaces} sold, {s.zoneHeld} held).</p>
          <div className="overflow-x-auto">
          <table className="w-full min-w-[560px] text-sm">
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
          </div>
          {canRepriceZones(s) ? (
            <div className="mt-4 border-t border-slate-100 pt-3">
              <h3 className="mb-2 text-sm font-semibold">Zone prices</h3>
              <ZonePricesForm showId={showId} zones={zones} />
            </div>
          ) : null}
        </section>
      ) : null}
      {s.status === "SCHEDULED" ? <OnSaleSection user={user} showId={showId} /> : null}
      <WaitlistTable showId={showId} timeZone={s.timeZone} />
      <div className="grid gap-4 md:grid-cols-2">
        <section aria-labelledby="block" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-black/5">
          <h2 id="block" className="font-semibold">House and broken seats</h2>
          <p className="mb-3 text-sm text-slate-600">Blocked now: {blocked.length ? blocked.join(", ") : "none"}. Sold or held seats cannot be blocked.</p>
          <BlockSeatsForm showId={showId} />
        </section>
        {s.status === "SCHEDULED" ? (
          <section id="cancel" aria-labelledby="cancel-title" className={`scroll-mt-4 rounded-2xl p-5 shadow-sm ring-1 ${preview ? "bg-red-50 ring-red-200" : "bg-white ring-black/5"}`}>
            <h2 id="cancel-title" className="font-semibold">Cancel this show</h2>
            {preview && reasonCheck?.success ? (
              <CancelShowConfirm
                showId={showId}
                reason={reasonCheck.data.reason}
                facts={{ bookings: preview.bookings, places: preview.places, refundMinor: preview.refundMinor, refund: formatMoney(preview.refundMinor, preview.currency), holds: preview.holds }}
                reviewHref={`/admin/shows/${showId}?${new URLSearchParams({ step: "cancel", reason: reasonCheck.data.reason })}#cancel`}
              />
            ) : (
              <>
                <p className="mb-3 text-sm text-slate-600">Every booking is refunded in full and every holder is emailed. You will see what that means before anything happens.</p>
                <ReviewStart
                  path={`/admin/shows/${showId}#cancel`}
                  step="cancel"
                  reasonLabel="Reason (told to ticket holders)"
                  button="Review cancellation"
                  reason={typeof reason === "string" ? reason.slice(0, 300) : undefined}
                  error={reasonCheck && !reasonCheck.success ? "Give a reason of 3 to 300 characters." : undefined}
                />
              </>
            )}
          </section>
        ) : (
          <section role="status" className="rounded-2xl bg-amber-50 p-5 text-amber-900 ring-1 ring-amber-200">
            <h2 className="font-semibold">This show is cancelled</h2>
            <p className="mt-1 text-sm">Its bookings were cancelled and refunded ({money(s.refundedMinor)} so far); holders were emailed.</p>
            {unsettled ? (
              <div className="mt-3 space-y-2">
                <p className="text-sm">{unsettled} booking(s) are not refunded yet (a refund the gateway refused, or a payment still in flight).</p>
                <ResumeCancellationForm showId={showId} />
              </div>
            ) : null}
          </section>
        )}
      </div>
    </div>
  );
}
