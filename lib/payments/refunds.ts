// Refunds: recorded in the transaction that decides them (one per payment), executed against
// the gateway after commit with the refund's id as the idempotency key, retried by the
// reconciliation cron until the gateway says yes.
import "server-only";
import { sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { RefundReason } from "@/lib/booking/cancel";
import { bookingNotice } from "@/lib/booking/notices";
import { transitionSql } from "@/lib/booking/state";
import { getGateway } from "./gateways";
import { uuidArray } from "@/db/sql";

export type { RefundReason };

/** Records that this payment is to be refunded in full (no-op if it already is). */
export async function requestRefund(tx: Executor, p: { paymentId: string; bookingId: string; amountMinor: number; currency: string; reason: RefundReason }): Promise<string | null> {
  if (p.amountMinor <= 0) return null;
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`INSERT INTO refunds (payment_id, booking_id, amount_minor, currency, reason)
        VALUES (${p.paymentId}::uuid, ${p.bookingId}::uuid, ${p.amountMinor}, ${p.currency}, ${p.reason})
        ON CONFLICT (payment_id) DO NOTHING RETURNING id`,
  );
  return row?.id ?? null;
}

type PendingRefund = { id: string; paymentId: string; bookingId: string; amountMinor: number; providerPaymentId: string | null; provider: string };

/**
 * Sends pending refunds to the gateway (all of them, or these ids). On success the refund is
 * SUCCEEDED, the payment REFUNDED and a CANCELLED booking REFUNDED, in one transaction.
 */
export async function executePendingRefunds(ids?: string[]): Promise<{ succeeded: number; failed: number }> {
  const due = await queryRows<PendingRefund>(
    db,
    sql`SELECT r.id, r.payment_id AS "paymentId", r.booking_id AS "bookingId", r.amount_minor AS "amountMinor",
               p.provider_payment_id AS "providerPaymentId", p.provider
        FROM refunds r JOIN payments p ON p.id = r.payment_id
        WHERE r.status = 'PENDING' ${ids ? sql`AND r.id = ANY(${uuidArray(ids)})` : sql`AND r.updated_at <= now() - make_interval(secs => least(3600, 2 ^ least(r.attempts, 12)))`}
        ORDER BY r.created_at LIMIT 50`,
  );
  let succeeded = 0;
  let failed = 0;
  for (const r of due) {
    try {
      if (!r.providerPaymentId) throw new Error("payment has no gateway id");
      const result = await getGateway(r.provider).refund({ providerPaymentId: r.providerPaymentId, amountMinor: Number(r.amountMinor), idempotencyKey: `refund-${r.id}`, bookingId: r.bookingId });
      if (result.status === "failed") throw new Error("the gateway refused the refund");
      await db.transaction(async (tx) => {
        await markRefunded(tx, r.id, result.status === "succeeded" ? result.refundId : null);
      });
      succeeded++;
    } catch (err) {
      failed++;
      await db.execute(sql`UPDATE refunds SET attempts = attempts + 1, updated_at = now(), last_error = ${(err instanceof Error ? err.message : String(err)).slice(0, 500)} WHERE id = ${r.id}::uuid`);
    }
  }
  return { succeeded, failed };
}

/** A refund the gateway accepted: refund, payment and (cancelled) booking move on. Idempotent. */
export async function markRefunded(tx: Executor, refundId: string, providerRefundId: string | null): Promise<void> {
  const [r] = await queryRows<{ paymentId: string; bookingId: string; amountMinor: number }>(
    tx,
    sql`UPDATE refunds SET status = 'SUCCEEDED', provider_refund_id = coalesce(${providerRefundId}, provider_refund_id), updated_at = now(), last_error = NULL
        WHERE id = ${refundId}::uuid AND status = 'PENDING'
        RETURNING payment_id AS "paymentId", booking_id AS "bookingId", amount_minor AS "amountMinor"`,
  );
  if (!r) return;
  await tx.execute(
    sql`UPDATE payments SET status = 'REFUNDED', refunded_minor = refunded_minor + ${r.amountMinor}, updated_at = now() WHERE id = ${r.paymentId}::uuid AND status = 'SUCCEEDED'`,
  );
  const moved = await queryRows<{ id: string }>(tx, transitionSql(r.bookingId, ["CANCELLED"], "REFUNDED"));
  if (moved.length) await bookingNotice(tx, r.bookingId, "booking_refunded");
}
