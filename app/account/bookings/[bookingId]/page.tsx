import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/account/status-badge";
import { CancelBookingButton, PrintButton } from "@/components/tickets/ticket-actions";
import { requirePageUser } from "@/lib/auth/require-page-user";
import { cancelPolicy } from "@/lib/booking/cancel";
import { formatMoney } from "@/lib/format/money";
import { countPlaces, placeGroupText } from "@/lib/format/places";
import { AppError } from "@/lib/errors";
import { ticketQrSvg } from "@/lib/tickets/qr";
import { getTicket } from "@/lib/tickets/ticket";
import { formatInZone } from "@/lib/time/zone";

export const metadata: Metadata = { title: "Your ticket" };

const TYPE_LABEL: Record<string, string> = { REGULAR: "Regular", PREMIUM: "Premium", VIP: "VIP", RECLINER: "Recliner", ACCESSIBLE: "Wheelchair space", COMPANION: "Companion seat", GA: "General admission" };

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-4">
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-right font-medium">{children}</dd>
    </div>
  );
}

export default async function BookingPage({ params, searchParams }: { params: Promise<{ bookingId: string }>; searchParams: Promise<{ confirmed?: string }> }) {
  const { bookingId } = await params;
  const { confirmed } = await searchParams;
  const user = await requirePageUser(`/account/bookings/${bookingId}`);
  if (!/^[0-9a-f-]{36}$/i.test(bookingId)) notFound();
  const t = await getTicket(user.id, bookingId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const tz = t.venue.timeZone;
  const when = formatInZone(t.show.startsAt, tz, { weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "numeric", minute: "2-digit" });
  const qr = t.token ? await ticketQrSvg(t.token) : null;
  const money = (m: number) => formatMoney(m, t.amounts.currency);
  const policy = cancelPolicy(t.show);
  const upcoming = t.upcoming;

  return (
    <article className="mx-auto max-w-2xl">
      <Link href="/account/bookings" className="text-sm text-brand-600 hover:underline print:hidden">
        ‹ Your bookings
      </Link>
      {confirmed === "1" && t.status === "CONFIRMED" ? (
        <p role="status" className="mt-3 rounded-xl bg-emerald-50 p-4 font-semibold text-emerald-900 ring-1 ring-emerald-200 print:hidden">
          Payment received — you&apos;re going! A copy of this ticket is on its way to your email.
        </p>
      ) : null}
      <div className="mt-3 overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-black/5 print:shadow-none print:ring-0">
        <div className="flex items-start justify-between gap-3 bg-ink-900 px-6 py-4 text-white print:bg-white print:text-black">
          <div>
            <h1 className="text-2xl font-bold">{t.event.title}</h1>
            <p className="text-sm opacity-80">
              {[t.show.format, t.show.language, t.event.certificate].filter(Boolean).join(" · ")} · {t.event.durationMinutes} min
            </p>
          </div>
          <StatusBadge status={t.status} />
        </div>
        <div className="grid gap-6 p-6 sm:grid-cols-[1fr_220px]">
          <div>
            <dl className="space-y-2 text-sm">
              <Row label="When">
                <time dateTime={t.show.startsAt.toISOString()}>{when}</time>
              </Row>
              <Row label="Where">
                {t.venue.name}, {t.venue.sectionName}
                <br />
                <span className="font-normal text-slate-600">{t.venue.address}</span>
              </Row>
              <Row label={t.seats.some((s) => s.type === "GA") ? `Admits ${t.seats.length}` : "Seats"}>
                {countPlaces(t.seats.map((s) => s.label))
                  .map((g) => {
                    const type = t.seats.find((s) => s.label === g.name)!.type;
                    return `${placeGroupText(g)} (${TYPE_LABEL[type] ?? type})`;
                  })
                  .join(", ")}
              </Row>
              <Row label="Tickets">{money(t.amounts.subtotalMinor)}</Row>
              {t.amounts.discountMinor > 0 ? <Row label="Discount">− {money(t.amounts.discountMinor)}</Row> : null}
              <Row label="Fee + GST">{money(t.amounts.feesMinor + t.amounts.taxMinor)}</Row>
              <Row label={t.status === "REFUNDED" ? "Paid, refunded" : "Amount paid"}>{money(t.amounts.totalMinor)}</Row>
              <Row label="Booking reference">
                <span className="font-mono text-base tracking-wider">{t.reference}</span>
              </Row>
            </dl>
            <p className="pt-2 text-xs text-slate-500">Times are in the venue&apos;s local time ({tz}).</p>
          </div>
          <div className="flex flex-col items-center justify-start gap-2">
            {qr ? (
              <>
                <div role="img" aria-label={`QR code of ticket ${t.reference}`} className="w-full max-w-[220px] [&>svg]:h-auto [&>svg]:w-full" dangerouslySetInnerHTML={{ __html: qr }} />
                <p className="text-center text-lg font-bold" data-testid="admits">
                  Admits {t.seats.length}
                </p>
                <p className="text-center text-xs text-slate-500">
                  Show this at the door. One scan admits {t.seats.length === 1 ? "you" : `all ${t.seats.length}`}
                  {t.seats.length > 1 ? "; if some of you come later, the door admits the rest with the same code" : ""}.
                </p>
              </>
            ) : (
              <p className="rounded-lg bg-slate-100 p-4 text-center text-sm text-slate-700">
                {t.status === "CANCELLED" || t.status === "REFUNDED" ? "This booking was cancelled; its ticket no longer admits anyone." : "The e-ticket appears once the booking is confirmed."}
              </p>
            )}
          </div>
        </div>
      </div>
      {t.status === "CONFIRMED" ? (
        <div className="mt-4 flex flex-wrap items-start gap-2">
          <a href={`/account/bookings/${t.bookingId}/calendar.ics`} className="rounded-lg px-4 py-2 text-sm font-semibold ring-1 ring-slate-300 hover:bg-slate-50 print:hidden">
            Add to calendar
          </a>
          <PrintButton />
          {upcoming && policy.cancellable ? (
            <CancelBookingButton
              bookingId={t.bookingId}
              refundLabel={money(t.amounts.totalMinor)}
              cutoffLabel={formatInZone(policy.cutoff, tz, { weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit" })}
            />
          ) : upcoming ? (
            <p className="self-center text-sm text-slate-600 print:hidden">{policy.reason}</p>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
