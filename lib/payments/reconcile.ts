// The reconciliation cron: settles what webhooks did not (a lost or delayed event), retries
// refunds and, for the local gateway, webhook deliveries. Safe to run twice at once: every
// change goes through applyGatewayEvent (deduplicated by event id, conditional on state).
import "server-only";
import { and, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { payments } from "@/db/schema";
import { db } from "@/db/client";
import { failAbandonedBookings } from "@/lib/booking/release";
import { applyGatewayEvent } from "./apply";
import type { GatewayPayment } from "./gateways/gateway";
import { getGateway } from "./gateways";
import { deliverDueEvents } from "./gateways/local";
import { executePendingRefunds } from "./refunds";
import { log } from "@/lib/telemetry/log.mjs";

const logger = log("reconcile");

const EVENT_FOR: Partial<Record<GatewayPayment["status"], string>> = {
  succeeded: "payment_intent.succeeded",
  failed: "payment_intent.payment_failed",
  canceled: "payment_intent.canceled",
};

/** Asks the gateway about one payment and applies what it says (also used by …/confirm). */
export async function syncPayment(p: { id: string; bookingId: string; provider: string; providerPaymentId: string }): Promise<string> {
  const gp = await getGateway(p.provider).retrievePayment(p.providerPaymentId);
  const type = EVENT_FOR[gp.status];
  if (!type) return `still ${gp.status}`;
  return applyGatewayEvent(p.provider, {
    id: `reconcile:${gp.providerPaymentId}:${gp.status}`,
    type,
    created: Math.floor(Date.now() / 1000),
    object: {
      id: gp.providerPaymentId,
      amount: gp.amountMinor,
      metadata: { paymentId: p.id, bookingId: p.bookingId },
      payment_method: gp.paymentMethod,
      last_payment_error: gp.failureCode ? { code: gp.failureCode } : null,
    },
  });
}

export async function reconcilePayments(opts: { olderThanSeconds?: number } = {}): Promise<Record<string, number>> {
  const age = opts.olderThanSeconds ?? 60;
  const stats = { checked: 0, settled: 0, errors: 0, abandoned: 0, refunds: 0, deliveries: 0 };

  const stuck = await db
    .select({ id: payments.id, bookingId: payments.bookingId, provider: payments.provider, providerPaymentId: payments.providerPaymentId })
    .from(payments)
    .where(and(eq(payments.status, "PENDING"), isNotNull(payments.providerPaymentId), sql`${payments.updatedAt} <= now() - make_interval(secs => ${age})`))
    .orderBy(asc(payments.updatedAt))
    .limit(100);
  for (const p of stuck) {
    stats.checked++;
    try {
      const outcome = await syncPayment({ ...p, providerPaymentId: p.providerPaymentId! });
      if (!outcome.startsWith("still")) stats.settled++;
    } catch (err) {
      stats.errors++;
      logger.error({ err, paymentId: p.id }, "reconciling a payment failed");
    }
  }

  // A payment whose gateway id we never stored: the process died around the gateway call, which
  // may or may not have reached the gateway. Ask it by our id: what it has is settled like any
  // other payment; only a payment it does not have fails; if it cannot say, the next run asks again.
  const unsent = await db
    .select({ id: payments.id, bookingId: payments.bookingId, provider: payments.provider })
    .from(payments)
    .where(and(eq(payments.status, "INITIATED"), isNull(payments.providerPaymentId), sql`${payments.createdAt} <= now() - interval '10 minutes'`))
    .orderBy(asc(payments.createdAt))
    .limit(100);
  for (const p of unsent) {
    stats.checked++;
    try {
      const gp = await getGateway(p.provider).findPayment(p.id);
      if (!gp) {
        await db.execute(
          sql`UPDATE payments SET status = 'FAILED', failure_code = 'gateway_error', updated_at = now() WHERE id = ${p.id}::uuid AND status = 'INITIATED' AND provider_payment_id IS NULL`,
        );
        continue;
      }
      await db.execute(
        sql`UPDATE payments SET provider_payment_id = coalesce(provider_payment_id, ${gp.providerPaymentId}), status = CASE WHEN status = 'INITIATED' THEN 'PENDING'::payment_status ELSE status END, updated_at = now()
            WHERE id = ${p.id}::uuid`,
      );
      const outcome = await syncPayment({ ...p, providerPaymentId: gp.providerPaymentId });
      if (!outcome.startsWith("still")) stats.settled++;
    } catch (err) {
      stats.errors++;
      logger.error({ err, paymentId: p.id }, "reconciling an unsent payment failed");
    }
  }

  // Bookings left in PAYMENT_PENDING after their hold, with no payment still able to succeed.
  stats.abandoned = await failAbandonedBookings(age);

  stats.refunds = (await executePendingRefunds()).succeeded;
  stats.deliveries = (await deliverDueEvents(100)).delivered;
  return stats;
}
