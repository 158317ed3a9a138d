// Cancelling a confirmed booking under the show's policy: full refund until
// `refund_cutoff_hours` before the show, no cancellation after. CONFIRMED → CANCELLED (seats back
// on sale, the ticket no longer admits) → REFUNDED once the gateway has refunded.
import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { AppError, notFound } from "@/lib/errors";
import { bookingNotice } from "@/lib/payments/notices";
import { executePendingRefunds, requestRefund, type RefundReason } from "@/lib/payments/refunds";
import { kickDispatcher } from "@/lib/notifications/dispatcher";
import { invalidateAvailability } from "@/lib/seating/availability";
import { releaseHold } from "@/lib/seating/holds";
import { transitionSql } from "./state";

export type CancelPolicy = { cancellable: boolean; refundable: boolean; cutoff: Date; reason?: string };

/** What the show's policy allows right now. */
export function cancelPolicy(show: { startsAt: Date; refundCutoffHours: number }, now = new Date()): CancelPolicy {
  const cutoff = new Date(show.startsAt.getTime() - show.refundCutoffHours * 3_600_000);
  if (now >= cutoff) {
    return { cancellable: false, refundable: false, cutoff, reason: `Bookings can be cancelled until ${show.refundCutoffHours} hours before the show.` };
  }
  return { cancellable: true, refundable: true, cutoff };
}

/**
 * Cancels a confirmed booking and refunds it in full. `asStaff` skips the time policy (staff
 * cancelling for the venue) but not the state machine. Answers the booking's new status.
 */
export async function cancelConfirmedBooking(
  bookingId: string,
  opts: { userId?: string; asStaff?: boolean; reason?: RefundReason } = {},
): Promise<{ status: string; refundId: string | null }> {
  let refundId: string | null = null;
  let showId = "";
  await db.transaction(async (tx) => {
    const [b] = await queryRows<{ id: string; status: string; showId: string; startsAt: Date; refundCutoffHours: number }>(
      tx,
      sql`SELECT b.id, b.status, b.show_id AS "showId", s.starts_at AS "startsAt", s.refund_cutoff_hours AS "refundCutoffHours"
          FROM bookings b JOIN shows s ON s.id = b.show_id
          WHERE b.id = ${bookingId}::uuid ${opts.userId ? sql`AND b.user_id = ${opts.userId}::uuid` : sql``}
          FOR UPDATE OF b`,
    );
    if (!b) throw notFound("Booking");
    showId = b.showId;
    if (b.status !== "CONFIRMED") {
      throw new AppError("INVALID_STATE", `This booking is ${b.status.toLowerCase().replace("_", " ")}; only confirmed bookings can be cancelled.`, { details: { status: b.status } });
    }
    const policy = cancelPolicy({ startsAt: new Date(b.startsAt), refundCutoffHours: Number(b.refundCutoffHours) });
    if (!policy.cancellable && !opts.asStaff) throw new AppError("CANCELLATION_CLOSED", policy.reason!, { details: { cutoff: policy.cutoff.toISOString() } });
    await tx.execute(transitionSql(b.id, ["CONFIRMED"], "CANCELLED", [sql`cancelled_at = now()`]));
    await tx.execute(
      sql`UPDATE show_seats SET status = 'AVAILABLE', locked_by_booking_id = NULL, lock_expiry = NULL, version = version + 1
          WHERE locked_by_booking_id = ${b.id}::uuid AND status = 'BOOKED'`,
    );
    const [payment] = await queryRows<{ id: string; amountMinor: number; currency: string }>(
      tx,
      sql`SELECT id, amount_minor AS "amountMinor", currency FROM payments WHERE booking_id = ${b.id}::uuid AND status = 'SUCCEEDED' ORDER BY created_at LIMIT 1`,
    );
    if (payment && Number(payment.amountMinor) > 0) {
      refundId = await requestRefund(tx, { paymentId: payment.id, bookingId: b.id, amountMinor: Number(payment.amountMinor), currency: payment.currency, reason: opts.reason ?? "customer_cancelled" });
    } else {
      // Nothing was paid (a free booking): nothing to refund.
      await tx.execute(transitionSql(b.id, ["CANCELLED"], "REFUNDED"));
    }
    await bookingNotice(tx, b.id, opts.reason === "show_cancelled" ? "show_cancelled" : "booking_cancelled");
  });
  invalidateAvailability(showId);
  kickDispatcher();
  if (refundId) await executePendingRefunds([refundId]);
  const [after] = await queryRows<{ status: string }>(db, sql`SELECT status FROM bookings WHERE id = ${bookingId}::uuid`);
  return { status: after!.status, refundId };
}

/**
 * The API's and the ticket page's "cancel": a hold is released (seats back on sale at once), a
 * confirmed booking is cancelled and refunded under the show's policy. Anyone else's booking: 404.
 */
export async function cancelOrRelease(userId: string, bookingId: string): Promise<void> {
  const [b] = await queryRows<{ status: string }>(db, sql`SELECT status FROM bookings WHERE id = ${bookingId}::uuid AND user_id = ${userId}::uuid`);
  if (!b) throw notFound("Booking");
  if (b.status === "CONFIRMED") await cancelConfirmedBooking(bookingId, { userId });
  else await releaseHold(userId, bookingId);
}
