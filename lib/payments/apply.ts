// Applying what a gateway tells us (webhooks, reconciliation, declines known at once). Each event
// is recorded by id in the transaction that applies it, so a duplicate does nothing; every change
// is a conditional update on the expected state, so a late or out-of-order event never moves a
// payment or booking backwards. Confirming seats is fenced by the booking id (invariant 3).
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { refunds } from "@/db/schema";
import { db, type Executor } from "@/db/client";
import { metrics } from "@/lib/telemetry/metrics.mjs";
import { queryRows } from "@/db/rows";
import { bookingNotice } from "@/lib/booking/notices";
import { settlePaidBooking } from "@/lib/booking/settle";
import { kickDispatcher } from "@/lib/notifications/dispatcher";
import { kickWebhooks } from "@/lib/webhooks/dispatch";
import { invalidateAvailability } from "@/lib/seating/availability";
import { claimWaitlistOffer } from "@/lib/waitlist/entries";
import type { GatewayWebhookEvent } from "./gateways/gateway";
import { executePendingRefunds, markRefunded, requestRefund } from "./refunds";

type PaymentRow = {
  id: string;
  bookingId: string;
  userId: string;
  status: "INITIATED" | "PENDING" | "SUCCEEDED" | "FAILED" | "REFUNDED";
  amountMinor: number;
  currency: string;
  providerPaymentId: string | null;
};

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
  metrics.payments.inc({ gateway: provider, outcome: outcomeLabel(result) });
  // Lag from the gateway's event to here: a retried delivery (our route was down) shows up as a long one.
  if (event.created > 0) metrics.webhookLag.observe({ gateway: provider }, Math.max(0, Date.now() / 1000 - event.created));
  if (result.showId) invalidateAvailability(result.showId);
  if (result.outcome === "confirmed" || result.refundIds.length) kickDispatcher();
  if (result.outcome !== "duplicate event") kickWebhooks();
  if (result.refundIds.length) await executePendingRefunds(result.refundIds);
  return result.outcome;
}

/**
 * marquee_payments_total's outcome, from a bounded set: confirmed (paid and booked), refunded
 * (paid but refunded: late or for a cancelled show; or a refund recorded), failed, pending,
 * duplicate (an event seen before), ignored.
 */
function outcomeLabel(r: ApplyOutcome): string {
  if (r.outcome === "confirmed") return "confirmed";
  if (r.outcome === "payment failed") return "failed";
  if (r.outcome === "pending") return "pending";
  if (r.outcome === "duplicate event") return "duplicate";
  if (r.outcome.startsWith("refunded") || r.refundIds.length) return "refunded";
  return "ignored";
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
      const [refund] = await tx
        .select({ id: refunds.id })
        .from(refunds)
        .where(and(eq(refunds.paymentId, p.id), eq(refunds.status, "PENDING")))
        .for("update");
      if (!refund) return none("ignored: refund already recorded");
      await markRefunded(tx, refund.id, str(o.refund_id) ?? null);
      return none("refunded");
    }

    default:
      return none(`ignored: ${event.type} is not used`);
  }
}

/** The payment succeeded: the booking settles (lib/booking/settle.ts); a payment it cannot use goes back. */
async function confirmOrRefund(tx: Executor, p: PaymentRow): Promise<ApplyOutcome> {
  const settled = await settlePaidBooking(tx, p);
  if (settled.outcome === "confirmed") await claimWaitlistOffer(tx, p.bookingId);
  if (!("refund" in settled)) return { outcome: settled.outcome, refundIds: [], ...("showId" in settled ? { showId: settled.showId } : {}) };
  const id = await requestRefund(tx, { paymentId: p.id, bookingId: p.bookingId, amountMinor: Number(p.amountMinor), currency: p.currency, reason: settled.refund.reason });
  await bookingNotice(tx, p.bookingId, settled.refund.notice, { refundId: id ?? undefined });
  return { outcome: settled.outcome, refundIds: id ? [id] : [], ...(settled.showId ? { showId: settled.showId } : {}) };
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
