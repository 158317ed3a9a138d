// The show's cancellation policy: full refund until `refund_cutoff_hours` before the show, no
// cancellation after. Cancelling applies it (cancel.ts) and checkout states it before paying from
// this one function, so what the buyer is promised cannot differ from what cancelling does.
// No server-only imports: checkout's client panel words it again when a promo changes the total.
import { formatMoney } from "@/lib/format/money";
import { formatInZone } from "@/lib/time/zone";

export type CancelPolicy = { cancellable: boolean; refundable: boolean; cutoff: Date; cutoffHours: number; reason?: string };

/** What the show's policy allows right now. */
export function cancelPolicy(show: { startsAt: Date; refundCutoffHours: number }, now = new Date()): CancelPolicy {
  const cutoffHours = show.refundCutoffHours;
  const cutoff = new Date(show.startsAt.getTime() - cutoffHours * 3_600_000);
  if (now >= cutoff) {
    return { cancellable: false, refundable: false, cutoff, cutoffHours, reason: `Bookings can be cancelled until ${cutoffHours} hours before the show.` };
  }
  return { cancellable: true, refundable: true, cutoff, cutoffHours };
}

/** How a cutoff reads wherever the policy is shown: "Fri, 12 Dec, 4:30 pm" in the venue's zone. */
export const CUTOFF_FORMAT: Intl.DateTimeFormatOptions = { weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit" };

/**
 * The policy in one sentence, as checkout shows it before paying: "Cancellable until Fri, 12 Dec,
 * 4:30 pm for a full refund of ₹560." or, past the cutoff, that the booking cannot be cancelled.
 * The refund is the whole amount paid (lib/payments/cancellation.ts refunds the payment in full).
 */
export function cancelPolicyText(policy: CancelPolicy, o: { timeZone: string; refundMinor: number; currency: string }): string {
  const cutoff = formatInZone(policy.cutoff, o.timeZone, CUTOFF_FORMAT);
  if (policy.cancellable) return `Cancellable until ${cutoff} for a full refund of ${formatMoney(o.refundMinor, o.currency)}.`;
  if (policy.cutoffHours === 0) return "Cannot be cancelled: the show has started.";
  const hours = policy.cutoffHours === 1 ? "1 hour" : `${policy.cutoffHours} hours`;
  return `Cannot be cancelled or refunded: the show starts within ${hours}, and cancelling closed at ${cutoff}.`;
}
