// Applying what a gateway tells us (webhooks, reconciliation, declines known at once). Each event
// is recorded by id in the transaction that applies it, so a duplicate does nothing; every change
// is a conditional update on the expected state, so a late or out-of-order event never moves a
// payment or booking backwards. Confirming seats is fenced by the booking id (invariant 3).
import "server-only";
import { sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { queryRows } from "@/db/rows";
import { transitionSql } from "@/lib/booking/state";
import { kickDispatcher } from "@/lib/notifications/dispatcher";
import { invalidateAvailability } from "@/lib/seating/availability";
import type { GatewayWebhookEvent } from "./gateway";
import { executePendingRefunds, markRefunded, requestRefund } from "./refunds";
import { bookingNotice } from "./notices";

type PaymentRow = {
  id: string;
  bookingId: string;
  userId: string;
  status: "INITIATED" | "PENDING" | "SUCCEEDED" | "FAILED" | "REFUNDED";
  amountMinor: number;
  currency: string;
  providerPaymentId: string | null;
};

type BookingRow = { id: string; status: string; showId: string; showStatus: string; userId: string; promoCodeId: string | null; discountMinor: number; reference: string };

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

/**
 * The payment an event is about, row-locked, and the event's record pointed at it (one
 * statement). Our id first (an event can arrive before we stored the gateway's), else the
 * gateway's id.
 */
async function findPayment(tx: Executor, provider: string, eventId: string, object: Record<string, unknown>, piField: "id" | "payment_intent"): Promise<PaymentRow | undefined> {
  const metadata = (object.metadata ?? {}) as Record<string, unknown>;
  const paymentId = str(metadata.paymentId);
  const pi = str(object[piField]);
  const [row] = await queryRows<PaymentRow>(
    tx,
    sql`WITH p AS (
          SELECT id, booking_id AS "bookingId", user_id AS "userId", status, amount_minor AS "amountMinor", currency, provider_payment_id AS "providerPaymentId"
          FROM payments
          WHERE provider = ${provider} AND (${paymentId && /^[0-9a-f-]{36}$/i.test(paymentId) ? sql`id = ${paymentId}::uuid` : sql`false`} OR provider_payment_id = ${pi ?? ""})
          LIMIT 1 FOR UPDATE
        ), recorded AS (
          UPDATE payment_events e SET payment_id = p.id, booking_id = p."bookingId" FROM p WHERE e.id = ${eventId}
        )
        SELECT * FROM p`,
  );
  return row;
}

export type ApplyOutcome = { outcome: string; refundIds: string[]; showId?: string };

/** Applies one verified event. Throws on a database failure (the webhook then answers 5xx and the sender retries). */
export async function applyGatewayEvent(provider: string, event: GatewayWebhookEvent): Promise<string> {
  const result = await db.transaction(async (tx): Promise<ApplyOutcome> => {
    const [fresh] = await queryRows<{ id: string }>(
      tx,
      sql`INSERT INTO payment_events (id, provider, type, outcome) VALUES (${event.id}, ${provider}, ${event.type}, 'applying') ON CONFLICT (id) DO NOTHING RETURNING id`,
    );
    if (!fresh) return { outcome: "duplicate event", refundIds: [] };
    const applied = await apply(tx, provider, event);
    await tx.execute(sql`UPDATE payment_events SET outcome = ${applied.outcome} WHERE id = ${event.id}`);
    return applied;
  });
  if (result.showId) invalidateAvailability(result.showId);
  if (result.outcome === "confirmed" || result.refundIds.length) kickDispatcher();
  if (result.refundIds.length) await executePendingRefunds(result.refundIds);
  return result.outcome;
}

async function apply(tx: Executor, provider: string, event: GatewayWebhookEvent): Promise<ApplyOutcome> {
  const o = event.object;
  const none = (outcome: string): ApplyOutcome => ({ outcome, refundIds: [] });

  switch (event.type) {
    case "payment_intent.processing": {
      const p = await findPayment(tx, provider, event.id, o, "id");
      if (!p) return none("ignored: unknown payment");
      await tx.execute(sql`UPDATE payments SET status = 'PENDING', provider_payment_id = coalesce(provider_payment_id, ${str(o.id) ?? null}), updated_at = now() WHERE id = ${p.id}::uuid AND status = 'INITIATED'`);
      return none("pending");
    }

    case "payment_intent.payment_failed":
    case "payment_intent.canceled": {
      const p = await findPayment(tx, provider, event.id, o, "id");
      if (!p) return none("ignored: unknown payment");
      const error = (o.last_payment_error ?? {}) as Record<string, unknown>;
      const code = str(error.decline_code) ?? str(error.code) ?? (event.type === "payment_intent.canceled" ? "canceled" : "payment_declined");
      const [moved] = await queryRows<{ id: string }>(
        tx,
        sql`UPDATE payments SET status = 'FAILED', failure_code = ${code}, provider_payment_id = coalesce(provider_payment_id, ${str(o.id) ?? null}), updated_at = now()
            WHERE id = ${p.id}::uuid AND status IN ('INITIATED', 'PENDING') RETURNING id`,
      );
      // The booking keeps PAYMENT_PENDING and its hold: the payer may try again until it lapses.
      return none(moved ? "payment failed" : `ignored: payment already ${p.status.toLowerCase()}`);
    }

    case "payment_intent.succeeded": {
      const p = await findPayment(tx, provider, event.id, o, "id");
      if (!p) return none("ignored: unknown payment");
      if (p.status === "SUCCEEDED" || p.status === "REFUNDED") return none(`ignored: payment already ${p.status.toLowerCase()}`);
      const amount = Number(o.amount_received ?? o.amount);
      if (amount !== Number(p.amountMinor)) {
        // Never confirm on a different amount; settle it by hand (it shows in the booking's history).
        return none(`ignored: amount ${amount} differs from ${p.amountMinor}`);
      }
      await tx.execute(
        sql`UPDATE payments SET status = 'SUCCEEDED', failure_code = NULL, provider_payment_id = coalesce(provider_payment_id, ${str(o.id) ?? null}), updated_at = now() WHERE id = ${p.id}::uuid`,
      );
      await saveMethodIfAsked(tx, provider, p, o);
      return confirmOrRefund(tx, p);
    }

    case "charge.refunded": {
      const p = await findPayment(tx, provider, event.id, o, "payment_intent");
      if (!p) return none("ignored: unknown payment");
      const [refund] = await queryRows<{ id: string }>(tx, sql`SELECT id FROM refunds WHERE payment_id = ${p.id}::uuid AND status = 'PENDING' FOR UPDATE`);
      if (!refund) return none("ignored: refund already recorded");
      await markRefunded(tx, refund.id, str(o.refund_id) ?? null);
      return none("refunded");
    }

    default:
      return none(`ignored: ${event.type} is not used`);
  }
}

/**
 * The payment succeeded: book the seats if they are still this booking's (or free again after
 * the hold lapsed) and confirm; otherwise — seats gone, or the show cancelled — the booking fails
 * and the payment is refunded.
 */
async function confirmOrRefund(tx: Executor, p: PaymentRow): Promise<ApplyOutcome> {
  // The show's row is key-share locked: cancelShow takes it FOR UPDATE before cancelling, so a
  // confirmation either commits before the cancellation starts (and is cancelled with the show's
  // other bookings) or sees the show cancelled.
  const [b] = await queryRows<BookingRow>(
    tx,
    sql`SELECT b.id, b.status, b.show_id AS "showId", s.status AS "showStatus", b.user_id AS "userId", b.promo_code_id AS "promoCodeId", b.discount_minor AS "discountMinor", b.reference
        FROM bookings b JOIN shows s ON s.id = b.show_id WHERE b.id = ${p.bookingId}::uuid FOR UPDATE OF b FOR KEY SHARE OF s`,
  );
  const refund = async (outcome: string, notice: "late_payment_refunded" | "duplicate_payment_refunded" | "show_cancelled"): Promise<ApplyOutcome> => {
    const reason = notice === "show_cancelled" ? "show_cancelled" : "late_payment";
    const id = await requestRefund(tx, { paymentId: p.id, bookingId: p.bookingId, amountMinor: Number(p.amountMinor), currency: p.currency, reason });
    await bookingNotice(tx, p.bookingId, notice);
    return { outcome, refundIds: id ? [id] : [] };
  };
  if (!b) return { outcome: "ignored: no booking", refundIds: [] };
  if (b.status === "CONFIRMED" || b.status === "CANCELLED" || b.status === "REFUNDED") {
    // Another payment already paid for this booking: this one goes back.
    const [other] = await queryRows<{ id: string }>(tx, sql`SELECT id FROM payments WHERE booking_id = ${b.id}::uuid AND status IN ('SUCCEEDED', 'REFUNDED') AND id <> ${p.id}::uuid LIMIT 1`);
    return other ? refund("refunded: booking already paid", "duplicate_payment_refunded") : { outcome: "ignored: booking already confirmed", refundIds: [] };
  }
  if (b.status !== "PAYMENT_PENDING") return refund(`refunded: booking ${b.status.toLowerCase()}`, b.showStatus === "CANCELLED" ? "show_cancelled" : "late_payment_refunded");
  if (b.showStatus === "CANCELLED") {
    // No ticket for a cancelled show: the seats go, the booking fails, the money goes back.
    await tx.execute(
      sql`UPDATE show_seats SET status = 'AVAILABLE', locked_by_booking_id = NULL, lock_expiry = NULL, version = version + 1 WHERE locked_by_booking_id = ${b.id}::uuid AND status = 'LOCKED'`,
    );
    await tx.execute(transitionSql(b.id, ["PAYMENT_PENDING"], "FAILED"));
    return { ...(await refund("refunded: show cancelled", "show_cancelled")), showId: b.showId };
  }

  // Fenced by the booking id: rows still locked by this booking, or free again (lapsed or released).
  const [seats] = await queryRows<{ wanted: number; ours: number }>(
    tx,
    sql`WITH wanted AS (SELECT show_seat_id FROM booking_seats WHERE booking_id = ${b.id}::uuid),
        lockable AS (
          SELECT ss.id FROM show_seats ss
          WHERE ss.id IN (SELECT show_seat_id FROM wanted)
            AND ((ss.status = 'LOCKED' AND ss.locked_by_booking_id = ${b.id}::uuid) OR ss.status = 'AVAILABLE' OR (ss.status = 'LOCKED' AND ss.lock_expiry <= now()))
          ORDER BY ss.id FOR UPDATE
        )
        SELECT (SELECT count(*) FROM wanted)::int AS wanted, (SELECT count(*) FROM lockable)::int AS ours`,
  );
  if (!seats || seats.wanted === 0 || seats.ours !== seats.wanted) {
    await tx.execute(
      sql`UPDATE show_seats SET status = 'AVAILABLE', locked_by_booking_id = NULL, lock_expiry = NULL, version = version + 1 WHERE locked_by_booking_id = ${b.id}::uuid AND status = 'LOCKED'`,
    );
    await tx.execute(transitionSql(b.id, ["PAYMENT_PENDING"], "FAILED"));
    const r = await refund("refunded: seats were taken after the hold lapsed", "late_payment_refunded");
    return { ...r, showId: b.showId };
  }
  await tx.execute(
    sql`WITH booked AS (
          UPDATE show_seats SET status = 'BOOKED', locked_by_booking_id = ${b.id}::uuid, lock_expiry = NULL, version = version + 1
          WHERE id IN (SELECT show_seat_id FROM booking_seats WHERE booking_id = ${b.id}::uuid)
        )
        ${transitionSql(b.id, ["PAYMENT_PENDING"], "CONFIRMED", [sql`confirmed_at = now()`])}`,
  );
  if (b.promoCodeId) {
    await tx.execute(
      sql`INSERT INTO promo_redemptions (promo_code_id, booking_id, user_id, discount_minor) VALUES (${b.promoCodeId}::uuid, ${b.id}::uuid, ${b.userId}::uuid, ${b.discountMinor})
          ON CONFLICT (booking_id) DO NOTHING`,
    );
  }
  await bookingNotice(tx, b.id, "booking_confirmed");
  return { outcome: "confirmed", refundIds: [], showId: b.showId };
}

async function saveMethodIfAsked(tx: Executor, provider: string, p: PaymentRow, o: Record<string, unknown>): Promise<void> {
  const metadata = (o.metadata ?? {}) as Record<string, unknown>;
  const pm = o.payment_method as Record<string, unknown> | string | null | undefined;
  if (metadata.savePaymentMethod !== "true" || !pm || typeof pm !== "object") return;
  const kind = str(pm.kind) ?? "CARD";
  const last4 = str(pm.last4);
  await tx.execute(
    sql`INSERT INTO saved_payment_methods (user_id, provider, provider_method_id, kind, brand, last4, exp_month, exp_year)
        VALUES (${p.userId}::uuid, ${provider}, ${str(pm.id) ?? ""}, ${kind}, ${str(pm.brand) ?? "card"}, ${last4 && /^\d{4}$/.test(last4) ? last4 : null},
                ${typeof pm.expMonth === "number" ? pm.expMonth : null}, ${typeof pm.expYear === "number" ? pm.expYear : null})
        ON CONFLICT (provider, provider_method_id) DO NOTHING`,
  );
}
