// Refunds: recorded in the transaction that decides them (one per payment), executed against
// the gateway after commit with the refund's id as the idempotency key, retried by the
// reconciliation cron until the gateway says yes.
import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { payments, refunds } from "@/db/schema";
import type { RefundReason } from "@/lib/booking/cancel";
import { transitionSql } from "@/lib/booking/state";
import { getGateway } from "./gateways";
import { uuidArray } from "@/db/sql";
import { queryRows } from "@/db/rows";
import { emitBookingRefunded } from "@/lib/webhooks/emit";
import { kickWebhooks } from "@/lib/webhooks/dispatch";

export type { RefundReason };

/** Records that this payment is to be refunded in full (no-op if it already is). */
export async function requestRefund(tx: Executor, p: { paymentId: string; bookingId: string; amountMinor: number; currency: string; reason: RefundReason }): Promise<string | null> {
  if (p.amountMinor <= 0) return null;
  const [row] = await tx
    .insert(refunds)
    .values({ paymentId: p.paymentId, bookingId: p.bookingId, amountMinor: p.amountMinor, currency: p.currency, reason: p.reason })
    .onConflictDoNothing({ target: refunds.paymentId })
    .returning({ id: refunds.id });
  return row?.id ?? null;
}

/**
 * Sends pending refunds to the gateway (all of them, or these ids). On success the refund is
 * SUCCEEDED, the payment REFUNDED and a CANCELLED booking REFUNDED, in one transaction.
 */
export async function executePendingRefunds(ids?: string[]): Promise<{ succeeded: number; failed: number }> {
  // Given ids: those, now. Otherwise every pending refund whose backoff (2^attempts s, at most an hour) has passed.
  const due = await db
    .select({
      id: refunds.id,
      paymentId: refunds.paymentId,
      bookingId: refunds.bookingId,
      amountMinor: refunds.amountMinor,
      providerPaymentId: payments.providerPaymentId,
      provider: payments.provider,
    })
    .from(refunds)
    .innerJoin(payments, eq(payments.id, refunds.paymentId))
    .where(
      and(
        eq(refunds.status, "PENDING"),
        ids
          ? sql`${refunds.id} = ANY(${uuidArray(ids)})`
          : sql`${refunds.updatedAt} <= now() - make_interval(secs => least(3600, 2 ^ least(${refunds.attempts}, 12)))`,
      ),
    )
    .orderBy(asc(refunds.createdAt))
    .limit(50);
  let succeeded = 0;
  let failed = 0;
  for (const r of due) {
    try {
      if (!r.providerPaymentId) throw new Error("payment has no gateway id");
      const result = await getGateway(r.provider).refund({ providerPaymentId: r.providerPaymentId, amountMinor: r.amountMinor, idempotencyKey: `refund-${r.id}`, bookingId: r.bookingId });
      if (result.status === "failed") throw new Error("the gateway refused the refund");
      await db.transaction(async (tx) => {
        await markRefunded(tx, r.id, result.status === "succeeded" ? result.refundId : null);
      });
      succeeded++;
      kickWebhooks();
    } catch (err) {
      failed++;
      await db
        .update(refunds)
        .set({ attempts: sql`${refunds.attempts} + 1`, updatedAt: sql`now()`, lastError: (err instanceof Error ? err.message : String(err)).slice(0, 500) })
        .where(eq(refunds.id, r.id));
    }
  }
  return { succeeded, failed };
}

/**
 * A refund the gateway accepted: refund, payment and (cancelled) booking move on. Idempotent. It
 * sends no message: the cancellation's email already said how much comes back and when.
 */
export async function markRefunded(tx: Executor, refundId: string, providerRefundId: string | null): Promise<void> {
  const [r] = await tx
    .update(refunds)
    .set({ status: "SUCCEEDED", providerRefundId: sql`coalesce(${providerRefundId}, ${refunds.providerRefundId})`, updatedAt: sql`now()`, lastError: null })
    .where(and(eq(refunds.id, refundId), eq(refunds.status, "PENDING")))
    .returning({ paymentId: refunds.paymentId, bookingId: refunds.bookingId, amountMinor: refunds.amountMinor });
  if (!r) return;
  await tx
    .update(payments)
    .set({ status: "REFUNDED", refundedMinor: sql`${payments.refundedMinor} + ${r.amountMinor}`, updatedAt: sql`now()` })
    .where(and(eq(payments.id, r.paymentId), eq(payments.status, "SUCCEEDED")));
  // Only a cancelled booking becomes REFUNDED (a late payment's booking FAILED: it never stood).
  const moved = await queryRows<{ id: string }>(tx, transitionSql(r.bookingId, ["CANCELLED"], "REFUNDED"));
  if (moved.length) await emitBookingRefunded(tx, r.bookingId, refundId);
}
