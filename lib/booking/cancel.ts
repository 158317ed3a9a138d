// Cancelling a confirmed booking under the show's policy: full refund until
// `refund_cutoff_hours` before the show, no cancellation after. CONFIRMED → CANCELLED (seats back
// on sale, the ticket no longer admits) → REFUNDED once the gateway has refunded.
import "server-only";
import { sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { AppError, notFound, statusWords } from "@/lib/errors";
import { kickDispatcher } from "@/lib/notifications/dispatcher";
import { invalidateAvailability } from "@/lib/seating/availability";
import { freeBookedSeats } from "@/lib/seating/seat-state";
import { cancelPolicy } from "./cancel-policy";
import { bookingNotice, type BookingNoticeKind } from "./notices";
import { transitionSql } from "./state";
import { emitBookingEvent, emitBookingRefunded } from "@/lib/webhooks/emit";
import { kickWebhooks } from "@/lib/webhooks/dispatch";
import { and, eq } from "drizzle-orm";
import { bookings, shows } from "@/db/schema";

// The policy is worded and tested in cancel-policy.ts; callers that cancel import it from here.
export { cancelPolicy, type CancelPolicy } from "./cancel-policy";

/**
 * What cancelling does about the money, inside the cancellation's transaction: records the
 * refund of whatever was paid: `paid` false when nothing was (a free booking), and the refund's
 * id when one was recorded now. Payments
 * provide it (lib/payments/cancellation.ts); the booking domain does not know gateways.
 */
export type RefundOnCancel = (tx: Executor, booking: { id: string; reason: RefundReason }) => Promise<{ paid: boolean; refundId: string | null }>;

export type RefundReason = "customer_cancelled" | "late_payment" | "show_cancelled" | "staff";

const NOTICE_OF: Record<RefundReason, BookingNoticeKind> = {
  customer_cancelled: "booking_cancelled",
  staff: "booking_refunded_by_staff",
  show_cancelled: "show_cancelled",
  late_payment: "late_payment_refunded",
};

/**
 * Cancels a confirmed booking: CONFIRMED → CANCELLED, its seats back on sale, the payment's
 * refund recorded by `refund` (nothing paid: straight to REFUNDED), the holder told.
 * `asStaff` skips the time policy (staff cancelling for the venue) but not the state machine;
 * `note` is the reason staff gave, quoted to the holder. Answers the refund to execute after commit.
 */
export async function cancelConfirmedBooking(
  bookingId: string,
  opts: { userId?: string; asStaff?: boolean; reason?: RefundReason; note?: string },
  refund: RefundOnCancel,
): Promise<{ refundId: string | null }> {
  let refundId: string | null = null;
  let showId = "";
  await db.transaction(async (tx) => {
    const [b] = await tx
      .select({ id: bookings.id, status: bookings.status, showId: bookings.showId, startsAt: shows.startsAt, refundCutoffHours: shows.refundCutoffHours })
      .from(bookings)
      .innerJoin(shows, eq(shows.id, bookings.showId))
      .where(and(eq(bookings.id, bookingId), opts.userId ? eq(bookings.userId, opts.userId) : undefined))
      .for("update", { of: bookings });
    if (!b) throw notFound("Booking");
    showId = b.showId;
    if (b.status !== "CONFIRMED") {
      throw new AppError("INVALID_STATE", `This booking is ${statusWords(b.status)}; only confirmed bookings can be cancelled.`, { details: { status: b.status } });
    }
    const policy = cancelPolicy(b);
    if (!policy.cancellable && !opts.asStaff) throw new AppError("CANCELLATION_CLOSED", policy.reason!, { details: { cutoff: policy.cutoff.toISOString() } });
    await tx.execute(transitionSql(b.id, ["CONFIRMED"], "CANCELLED", [sql`cancelled_at = now()`]));
    await freeBookedSeats(tx, b.id);
    await emitBookingEvent(tx, "booking.cancelled", b.id);
    const money = await refund(tx, { id: b.id, reason: opts.reason ?? "customer_cancelled" });
    refundId = money.refundId;
    // Nothing was paid (a free booking): nothing to refund.
    if (!money.paid) {
      await tx.execute(transitionSql(b.id, ["CANCELLED"], "REFUNDED"));
      await emitBookingRefunded(tx, b.id, null);
    }
    // The one message for this cancellation says what happened to the money too (the refund's
    // completion later sends nothing more).
    await bookingNotice(tx, b.id, NOTICE_OF[opts.reason ?? "customer_cancelled"], { refundId: money.paid ? (money.refundId ?? undefined) : null, reason: opts.note ?? null });
  });
  invalidateAvailability(showId);
  kickDispatcher();
  kickWebhooks();
  return { refundId };
}
