// A payment for the booking succeeded: settle the booking. Its seats are booked if they are
// still its own (or free again after its hold lapsed; for standing places, any free places of the
// same zone) and it is CONFIRMED; otherwise — seats
// gone, the show cancelled, the booking already paid by another payment — the booking fails and
// the caller (lib/payments/apply.ts) refunds the payment. Runs inside the caller's transaction,
// which also records the gateway event, so a replay settles nothing twice.
import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { bookings, shows } from "@/db/schema";
import { bookSeatsSql, claimableSeats, freeLockedSeats, retakeZoneUnits } from "@/lib/seating/seat-state";
import { bookingNotice, type BookingNoticeKind } from "./notices";
import { transitionSql } from "./state";
import { paidByAnotherPayment } from "./queries";
import { emitBookingEvent } from "@/lib/webhooks/emit";

export type RefundNotice = Extract<BookingNoticeKind, "late_payment_refunded" | "duplicate_payment_refunded" | "show_cancelled">;

export type Settlement =
  | { outcome: "confirmed"; showId: string }
  | { outcome: string; ignored: true }
  /** The payment must go back; `notice` tells the payer why. */
  | { outcome: string; refund: { reason: "late_payment" | "show_cancelled"; notice: RefundNotice }; showId?: string };

/** The booking (row-locked) and its show's status; raw SQL for the two lock modes, typed from the schema. */
type BookingRow = Pick<typeof bookings.$inferSelect, "id" | "status" | "showId" | "userId" | "promoCodeId" | "discountMinor"> & {
  showStatus: (typeof shows.$inferSelect)["status"];
};

const refund = (outcome: string, notice: RefundNotice, showId?: string): Settlement => ({
  outcome,
  refund: { reason: notice === "show_cancelled" ? "show_cancelled" : "late_payment", notice },
  ...(showId ? { showId } : {}),
});

export async function settlePaidBooking(tx: Executor, payment: { id: string; bookingId: string }): Promise<Settlement> {
  // The show's row is key-share locked: cancelShow takes it FOR UPDATE before cancelling, so a
  // confirmation either commits before the cancellation starts (and is cancelled with the show's
  // other bookings) or sees the show cancelled.
  const [b] = await queryRows<BookingRow>(
    tx,
    sql`SELECT b.id, b.status, b.show_id AS "showId", s.status AS "showStatus", b.user_id AS "userId", b.promo_code_id AS "promoCodeId", b.discount_minor AS "discountMinor"
        FROM bookings b JOIN shows s ON s.id = b.show_id WHERE b.id = ${payment.bookingId}::uuid FOR UPDATE OF b FOR KEY SHARE OF s`,
  );
  if (!b) return { outcome: "ignored: no booking", ignored: true };
  if (b.status === "CONFIRMED" || b.status === "CANCELLED" || b.status === "REFUNDED") {
    // Another payment already paid for this booking: this one goes back.
    return (await paidByAnotherPayment(b.id, payment.id, tx)) ? refund("refunded: booking already paid", "duplicate_payment_refunded") : { outcome: "ignored: booking already confirmed", ignored: true };
  }
  if (b.status !== "PAYMENT_PENDING") return refund(`refunded: booking ${b.status.toLowerCase()}`, b.showStatus === "CANCELLED" ? "show_cancelled" : "late_payment_refunded");
  if (b.showStatus === "CANCELLED") {
    // No ticket for a cancelled show: the seats go, the booking fails, the money goes back.
    await freeLockedSeats(tx, [b.id]);
    await tx.execute(transitionSql(b.id, ["PAYMENT_PENDING"], "FAILED"));
    return refund("refunded: show cancelled", "show_cancelled", b.showId);
  }

  // Fenced by the booking id: rows still locked by this booking, or free again (lapsed or released).
  let seats = await claimableSeats(tx, b.id);
  // Standing places are interchangeable: lost ones are replaced by free places of the same zone.
  if (seats.wanted > 0 && seats.ours < seats.wanted && (await retakeZoneUnits(tx, b.id))) seats = await claimableSeats(tx, b.id);
  if (seats.wanted === 0 || seats.ours !== seats.wanted) {
    await freeLockedSeats(tx, [b.id]);
    await tx.execute(transitionSql(b.id, ["PAYMENT_PENDING"], "FAILED"));
    return refund("refunded: seats were taken after the hold lapsed", "late_payment_refunded", b.showId);
  }
  await tx.execute(
    sql`WITH booked AS (${bookSeatsSql(b.id)})
        ${transitionSql(b.id, ["PAYMENT_PENDING"], "CONFIRMED", [sql`confirmed_at = now()`])}`,
  );
  if (b.promoCodeId) {
    await tx.execute(
      sql`INSERT INTO promo_redemptions (promo_code_id, booking_id, user_id, discount_minor) VALUES (${b.promoCodeId}::uuid, ${b.id}::uuid, ${b.userId}::uuid, ${b.discountMinor})
          ON CONFLICT (booking_id) DO NOTHING`,
    );
  }
  await bookingNotice(tx, b.id, "booking_confirmed");
  await emitBookingEvent(tx, "booking.confirmed", b.id);
  return { outcome: "confirmed", showId: b.showId };
}
