// Cancelling a paid booking and giving the money back: the booking domain cancels
// (lib/booking/cancel.ts) and this records the refund in the same transaction, then sends it to
// the gateway after commit (refunds.ts). The API, the ticket page and staff all cancel here.
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { payments } from "@/db/schema";
import { cancelConfirmedBooking, type RefundReason } from "@/lib/booking/cancel";
import { bookingStatusOf, getBookingRecord } from "@/lib/booking/queries";
import { releaseHold } from "@/lib/booking/release";
import { offerPlacesOfBooking } from "@/lib/waitlist/matcher";
import { executePendingRefunds, requestRefund } from "./refunds";

/** Records the full refund of the booking's successful payment, if it has one worth refunding. */
async function refundPaid(tx: Executor, booking: { id: string; reason: RefundReason }): Promise<{ paid: boolean; refundId: string | null }> {
  const [payment] = await tx
    .select({ id: payments.id, amountMinor: payments.amountMinor, currency: payments.currency })
    .from(payments)
    .where(and(eq(payments.bookingId, booking.id), eq(payments.status, "SUCCEEDED")))
    .orderBy(asc(payments.createdAt))
    .limit(1);
  if (!payment || payment.amountMinor <= 0) return { paid: false, refundId: null };
  const refundId = await requestRefund(tx, { paymentId: payment.id, bookingId: booking.id, amountMinor: payment.amountMinor, currency: payment.currency, reason: booking.reason });
  return { paid: true, refundId };
}

/**
 * Cancels a confirmed booking and refunds it in full. `asStaff` skips the time policy (staff
 * cancelling for the venue) but not the state machine; `note` is the reason staff gave, quoted in
 * the holder's email. Answers the booking's new status.
 */
export async function cancelAndRefund(
  bookingId: string,
  opts: { userId?: string; asStaff?: boolean; reason?: RefundReason; note?: string } = {},
): Promise<{ status: string; refundId: string | null }> {
  const { refundId } = await cancelConfirmedBooking(bookingId, opts, refundPaid);
  if (refundId) await executePendingRefunds([refundId]);
  await offerPlacesOfBooking(bookingId);
  return { status: (await bookingStatusOf(bookingId))!, refundId };
}

/**
 * The API's and the ticket page's "cancel": a hold is released (seats back on sale at once), a
 * confirmed booking is cancelled and refunded under the show's policy. Anyone else's booking: 404.
 */
export async function cancelOrRelease(userId: string, bookingId: string): Promise<void> {
  const b = await getBookingRecord(userId, bookingId);
  if (b.status === "CONFIRMED") await cancelAndRefund(bookingId, { userId });
  else {
    await releaseHold(userId, bookingId);
    await offerPlacesOfBooking(bookingId);
  }
}
