import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/account/status-badge";
import { RefundConfirm, ReviewStart } from "@/components/admin/confirm-steps";
import { requireStaffPage } from "@/lib/admin/access";
import { bookingHistory, refundPreview, staffCancelSchema } from "@/lib/admin/bookings";
import { venueTime } from "@/lib/admin/time";
import { formatMoney } from "@/lib/format/money";
import { admitsText } from "@/lib/format/places";
import { AppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Admin · Booking" };

type Search = { step?: string; reason?: string; refunded?: string };

export default async function AdminBooking({ params, searchParams }: { params: Promise<{ bookingId: string }>; searchParams: Promise<Search> }) {
  const { bookingId } = await params;
  const { step, reason, refunded } = await searchParams;
  const user = await requireStaffPage(`/admin/bookings/${bookingId}`);
  if (!/^[0-9a-f-]{36}$/i.test(bookingId)) notFound();
  const { booking: b, history } = await bookingHistory(user, bookingId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  // Step two of a refund: only for a confirmed booking and a reason that would be accepted.
  const reviewing = b.status === "CONFIRMED" && step === "refund";
  const reasonCheck = reviewing ? staffCancelSchema.safeParse({ reason: typeof reason === "string" ? reason : "" }) : null;
  const preview = reasonCheck?.success ? await refundPreview(user, bookingId) : null;
  return (
    <div className="grid gap-4 md:grid-cols-[1fr_340px]">
      {typeof refunded === "string" ? (
        <p role="status" className="rounded-xl bg-emerald-50 p-3 text-emerald-800 ring-1 ring-emerald-200 md:col-span-2">
          Booking cancelled — it is {b.status.toLowerCase()} now{b.status === "CANCELLED" ? "; the refund is on its way" : ""}.
        </p>
      ) : null}
      <section className="min-w-0 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-black/5">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="font-mono text-2xl font-bold">{b.reference}</h1>
          <StatusBadge status={b.status} />
          {b.viaKey ? <span className="rounded-full bg-sky-50 px-2 py-0.5 text-xs font-semibold text-sky-800 ring-1 ring-sky-200" data-testid="booking-via-key">via {b.viaKey}</span> : null}
        </div>
        <p className="mt-1 text-slate-700">
          {b.title} · {b.venue} · <time dateTime={new Date(b.startsAt).toISOString()}>{venueTime(b.startsAt, b.timeZone)}</time>
        </p>
        <p className="break-words text-sm text-slate-600">{b.name} · {b.email}{b.phone ? ` · ${b.phone}` : ""} · {admitsText(b.seats ?? [])} · {formatMoney(b.totalMinor, b.currency)}</p>
        <h2 className="mt-4 font-semibold">History <span className="text-xs font-normal text-slate-500">(venue time)</span></h2>
        <ol className="mt-2 space-y-2 text-sm sm:space-y-1">
          {history.map((h, i) => (
            <li key={i} className="flex flex-col sm:flex-row sm:gap-3">
              <span className="flex gap-3">
                <time className="shrink-0 text-slate-500 sm:w-44" dateTime={h.at.toISOString()}>{venueTime(h.at, b.timeZone, "stamp")}</time>
                <span className="w-20 shrink-0 text-xs font-semibold uppercase leading-5 text-slate-500">{h.kind}</span>
              </span>
              <span className="min-w-0 break-words">{h.what}</span>
            </li>
          ))}
        </ol>
      </section>
      {b.status === "CONFIRMED" ? (
        <aside id="refund" aria-labelledby="refund-title" className={`h-fit scroll-mt-4 rounded-2xl p-5 shadow-sm ring-1 ${preview ? "bg-red-50 ring-red-200" : "bg-white ring-black/5"}`}>
          <h2 id="refund-title" className="mb-2 font-semibold">Cancel and refund</h2>
          {preview && reasonCheck?.success ? (
            <RefundConfirm
              bookingId={b.id}
              reference={b.reference}
              reason={reasonCheck.data.reason}
              facts={{ refundMinor: preview.refundMinor, refund: formatMoney(preview.refundMinor, preview.currency), places: preview.places }}
              reviewHref={`/admin/bookings/${b.id}?${new URLSearchParams({ step: "refund", reason: reasonCheck.data.reason })}#refund`}
            />
          ) : (
            <ReviewStart
              path={`/admin/bookings/${b.id}#refund`}
              step="refund"
              reasonLabel="Reason"
              button="Review refund"
              reason={typeof reason === "string" ? reason.slice(0, 300) : undefined}
              error={reasonCheck && !reasonCheck.success ? "Give a reason of 3 to 300 characters." : undefined}
            />
          )}
        </aside>
      ) : null}
    </div>
  );
}
