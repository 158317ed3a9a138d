"use client";
// The two steps of a destructive staff action. Step one is a plain GET form back to the same page
// (so it works before any JavaScript): the page then shows what will happen, worked out on the
// server. Step two posts what that preview showed; the action refuses if the facts changed since.
import Link from "next/link";
import { useActionState } from "react";
import { cancelShowFormAction, refundBookingFormAction } from "@/app/actions/admin";
import { FormError } from "@/components/ui/field";

const input = "w-full rounded-lg border bg-white px-3 py-2";
const label = "mb-1 block text-sm font-semibold";
const danger = "rounded-lg bg-red-600 px-4 py-2 text-sm font-semibold text-white hover:bg-red-700 disabled:opacity-60";
const plain = "rounded-lg px-4 py-2 text-center text-sm font-semibold ring-1 ring-slate-300 hover:bg-slate-50";

/** Step one: a reason, then "Review". `error` is the page's verdict on a reason sent before. */
export function ReviewStart({ path, step, reasonLabel, button, reason, error }: { path: string; step: string; reasonLabel: string; button: string; reason?: string; error?: string }) {
  const id = `${step}-reason`;
  return (
    <form method="get" action={path} className="space-y-2">
      <input type="hidden" name="step" value={step} />
      <label htmlFor={id} className={label}>{reasonLabel}</label>
      <input id={id} name="reason" defaultValue={reason} required minLength={3} maxLength={300} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-err` : undefined} className={`${input} ${error ? "border-red-500" : "border-slate-300"}`} />
      {error ? <p id={`${id}-err`} className="text-sm text-red-600">{error}</p> : null}
      <button className={danger}>{button}</button>
    </form>
  );
}

/** Why the last try was refused, with the way back to a fresh preview when it went stale. */
function Refused({ state, reviewHref }: { state: { ok: boolean; message?: string; code?: string } | null; reviewHref: string }) {
  if (!state || state.ok) return null;
  return (
    <div className="space-y-1">
      <FormError message={state.message ?? "That did not work."} />
      <Stale href={reviewHref} code={state.code} />
    </div>
  );
}

function Stale({ href, code }: { href: string; code?: string }) {
  // A preview gone stale is re-read from the server. The link is this very page (plus #fragment),
  // which a browser would only scroll to: reload instead, so the preview and its form start afresh.
  return code === "CONFLICT" || code === "INVALID_STATE" ? (
    <a
      href={href}
      onClick={(e) => {
        e.preventDefault();
        window.location.reload();
      }}
      className="text-sm font-semibold text-brand-700 underline"
    >
      Review it again
    </a>
  ) : null;
}

export type CancelShowFacts = { bookings: number; places: number; refundMinor: number; refund: string; holds: number };

/** Step two of cancelling a show: what it does, then the one button that does it. */
export function CancelShowConfirm({ showId, reason, facts, reviewHref }: { showId: string; reason: string; facts: CancelShowFacts; reviewHref: string }) {
  const [state, action, pending] = useActionState(cancelShowFormAction, null);
  return (
    <form action={action} className="space-y-3" aria-labelledby="cancel-confirm-title">
      <h3 id="cancel-confirm-title" className="font-semibold text-red-800">Confirm: cancel this show?</h3>
      <ul className="list-disc space-y-1 pl-5 text-sm">
        <li data-testid="cancel-bookings">
          {facts.bookings === 0
            ? "No confirmed bookings to refund."
            : facts.refundMinor
              ? `${facts.bookings} confirmed booking(s) (${facts.places} place(s)) refunded in full: ${facts.refund} back to buyers.`
              : `${facts.bookings} confirmed booking(s) (${facts.places} place(s)) cancelled; no payment is on record for them, so nothing is refunded.`}
        </li>
        <li>{facts.holds ? `${facts.holds} hold(s) or payment(s) in progress released.` : "No holds in progress."}</li>
        <li>Every ticket holder is emailed this reason: “{reason}”.</li>
        <li>The show comes off sale. This cannot be undone.</li>
      </ul>
      <input type="hidden" name="showId" value={showId} />
      <input type="hidden" name="reason" value={reason} />
      <input type="hidden" name="confirm" value="yes" />
      <input type="hidden" name="expectBookings" value={facts.bookings} />
      <Refused state={state} reviewHref={reviewHref} />
      <div className="flex flex-col gap-2 sm:flex-row">
        <button disabled={pending} className={danger}>
          {pending ? "Cancelling…" : facts.refundMinor ? `Yes, cancel and refund ${facts.refund}` : "Yes, cancel the show"}
        </button>
        <Link href={`/admin/shows/${showId}`} className={plain}>Keep the show</Link>
      </div>
    </form>
  );
}

export type RefundFacts = { refundMinor: number; refund: string; places: number };

/** Step two of refunding a booking: the amount, then the one button that refunds it. */
export function RefundConfirm({ bookingId, reference, reason, facts, reviewHref }: { bookingId: string; reference: string; reason: string; facts: RefundFacts; reviewHref: string }) {
  const [state, action, pending] = useActionState(refundBookingFormAction, null);
  return (
    <form action={action} className="space-y-3" aria-labelledby="refund-confirm-title">
      <h3 id="refund-confirm-title" className="font-semibold text-red-800">Confirm: cancel {reference}?</h3>
      <ul className="list-disc space-y-1 pl-5 text-sm">
        <li data-testid="refund-amount">{facts.refundMinor ? `${facts.refund} refunded in full to the original payment.` : "Nothing was paid, so nothing is refunded."}</li>
        <li>{facts.places} place(s) freed for sale; the ticket stops admitting anyone.</li>
        <li>Reason recorded: “{reason}”.</li>
      </ul>
      <input type="hidden" name="bookingId" value={bookingId} />
      <input type="hidden" name="reason" value={reason} />
      <input type="hidden" name="confirm" value="yes" />
      <input type="hidden" name="expectRefundMinor" value={facts.refundMinor} />
      <Refused state={state} reviewHref={reviewHref} />
      <div className="flex flex-col gap-2 sm:flex-row">
        <button disabled={pending} className={danger}>{pending ? "Refunding…" : facts.refundMinor ? `Yes, refund ${facts.refund}` : "Yes, cancel the booking"}</button>
        <Link href={`/admin/bookings/${bookingId}`} className={plain}>Keep the booking</Link>
      </div>
    </form>
  );
}
