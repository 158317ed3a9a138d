// The webhook dispatcher (cron job dispatch-webhooks): sends due deliveries, signed, and records
// every attempt. A delivery is claimed first (FOR UPDATE SKIP LOCKED, with a lease and a claim
// token) and only its claimer records the outcome, so two dispatchers at once never send one
// delivery twice; one that dies mid-send leaves a lease that lapses, and the delivery is retried
// (at least once: receivers dedupe by Marquee-Event-Id).
//
// 2xx: succeeded, never sent again unless someone asks for a redelivery. 410 Gone: the endpoint is
// disabled (its pending deliveries wait, unsent, until it is enabled again). Anything else (another
// status, a redirect, a timeout, a refused connection): retried with exponential backoff and
// jitter until 3 days after the event, then failed. An endpoint none of whose deliveries succeeded
// in those 3 days is disabled too (as Stripe does after days of failures): its owner sees why in
// the admin list, and enabling it resumes what is still pending.
import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { uuidArray } from "@/db/sql";
import { envVar } from "@/lib/env.js";
import { isDraining } from "@/lib/telemetry/lifecycle.mjs";
import { log } from "@/lib/telemetry/log.mjs";
import { metrics } from "@/lib/telemetry/metrics.mjs";
import { envelopeInOrder } from "./events";
import { urlTargetProblem } from "./url";
import { signatureHeader } from "./verify";

export const WEBHOOK_TIMEOUT_MS = 10_000;
/** Retries stop this long after the event happened. */
export const RETRY_WINDOW_MS = 3 * 24 * 3600 * 1000;
/** Longer than a send can take (the timeout, the database around it): a live claim is never taken over. */
export const LEASE_SECONDS = WEBHOOK_TIMEOUT_MS / 1000 + 50;
/** Deliveries sent at once by one dispatcher: a slow endpoint holds up only its own. */
const PARALLEL = 8;
const EXCERPT_BYTES = 1024;
/** A run stops starting sends after this long: a scheduler's call (and the demo's timer) returns in about a minute even when every endpoint times out. */
export const DISPATCH_BUDGET_MS = 45_000;

/** Seconds before the next try after attempt n (1-based): 1 m, 5 m, 30 m, 2 h, 6 h, 12 h, then daily; ±20 % jitter so a recovering receiver is not hit by every retry at once. */
const BACKOFF = [60, 300, 1800, 7200, 21_600, 43_200, 86_400];
export function retryDelaySeconds(attempt: number, random: () => number = Math.random): number {
  const base = BACKOFF[Math.min(Math.max(attempt, 1), BACKOFF.length) - 1]!;
  return Math.round(base * (0.8 + 0.4 * random()));
}

type Claimed = {
  id: string;
  eventId: string;
  endpointId: string;
  attempts: number;
  status: "pending" | "succeeded" | "failed";
  manual: boolean;
  claimToken: string;
  url: string;
  secret: string;
  previousSecret: string | null;
  eventType: string;
  eventCreatedAt: Date;
  payload: { id: string; type: string; created: string; apiVersion: string; data: unknown };
};

export type DispatchStats = { succeeded: number; retried: number; failed: number; disabled: number; released: number };

const logger = log("webhooks");

/** The body as sent: the envelope's keys in their documented order (jsonb keeps its own), the same bytes on every attempt. */
export function webhookBody(p: Claimed["payload"]): string {
  return JSON.stringify(envelopeInOrder(p));
}

/**
 * Sends up to `limit` due deliveries (or just `deliveryIds`, if due). `now` is the scheduling clock
 * (due times, leases, the 3-day window), a parameter so tests move time without sleeping; the
 * signature's timestamp is always the real time of sending, as receivers check it against theirs.
 */
export async function dispatchWebhooks(opts: { now?: Date; limit?: number; deliveryIds?: string[]; budgetMs?: number } = {}): Promise<DispatchStats> {
  const started = Date.now();
  const now = (opts.now ?? new Date()).toISOString();
  const claimed = await queryRows<Claimed>(
    db,
    sql`WITH due AS (
          SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
          WHERE e.status = 'active' AND (d.locked_until IS NULL OR d.locked_until < ${now}::timestamptz)
            AND (d.status = 'pending' OR d.redeliver_requested_at IS NOT NULL) AND d.next_attempt_at <= ${now}::timestamptz
            ${opts.deliveryIds ? sql`AND d.id = ANY(${uuidArray(opts.deliveryIds)})` : sql``}
          ORDER BY d.next_attempt_at LIMIT ${opts.limit ?? 100}
          FOR UPDATE OF d SKIP LOCKED),
        claimed AS (
          UPDATE webhook_deliveries d SET attempts = d.attempts + 1, claim_token = gen_random_uuid(),
                 locked_until = ${now}::timestamptz + make_interval(secs => ${LEASE_SECONDS})
          FROM due WHERE d.id = due.id
          RETURNING d.id, d.event_id, d.endpoint_id, d.attempts, d.status, d.redeliver_requested_at IS NOT NULL AS manual, d.claim_token)
        SELECT c.id, c.event_id AS "eventId", c.endpoint_id AS "endpointId", c.attempts, c.status, c.manual, c.claim_token AS "claimToken",
               e.url, e.secret, CASE WHEN e.previous_secret_expires_at > ${now}::timestamptz THEN e.previous_secret END AS "previousSecret",
               ev.type AS "eventType", ev.created_at AS "eventCreatedAt", ev.payload
        FROM claimed c JOIN webhook_endpoints e ON e.id = c.endpoint_id JOIN webhook_events ev ON ev.id = c.event_id`,
  );
  const stats: DispatchStats = { succeeded: 0, retried: 0, failed: 0, disabled: 0, released: 0 };
  for (let i = 0; i < claimed.length; i += PARALLEL) {
    // Stopping, or out of time (endpoints that time out must not hold up the cron's other jobs): the rest go back, due at once.
    if (isDraining() || Date.now() - started > (opts.budgetMs ?? DISPATCH_BUDGET_MS)) {
      stats.released = await release(claimed.slice(i));
      break;
    }
    await Promise.all(claimed.slice(i, i + PARALLEL).map((d) => deliver(d, now, stats)));
  }
  return stats;
}

/** Hands back claims not used: due again at once, no attempt spent. */
async function release(ds: Claimed[]): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`UPDATE webhook_deliveries SET locked_until = NULL, claim_token = NULL, attempts = attempts - 1
        WHERE (id, claim_token) IN (${sql.join(ds.map((d) => sql`(${d.id}::uuid, ${d.claimToken}::uuid)`), sql`, `)}) RETURNING id`,
  );
  return rows.length;
}

type Outcome = { statusCode: number | null; error: string | null; excerpt: string | null; durationMs: number };

/** One POST: no redirects followed (a 3xx is a failure, as the receiver moved), a hard timeout, at most 1 KB of the answer kept. */
async function post(d: Claimed, body: string): Promise<Outcome> {
  const started = performance.now();
  const done = (o: Omit<Outcome, "durationMs">): Outcome => ({ ...o, durationMs: Math.round(performance.now() - started) });
  const refused = await urlTargetProblem(d.url);
  if (refused) return done({ statusCode: null, error: refused, excerpt: null });
  const secrets = [d.secret, ...(d.previousSecret ? [d.previousSecret] : [])];
  try {
    const res = await fetch(d.url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      headers: {
        "content-type": "application/json",
        "user-agent": `Marquee-Webhooks/1.0 (+${envVar("APP_URL")})`,
        "marquee-signature": signatureHeader(secrets, Math.floor(Date.now() / 1000), body),
        "marquee-event-id": d.payload.id,
        "marquee-event-type": d.eventType,
        "marquee-delivery-id": d.id,
        "marquee-delivery-attempt": String(d.attempts),
      },
      body,
    });
    const excerpt = await readExcerpt(res);
    const ok = res.status >= 200 && res.status < 300;
    return done({ statusCode: res.status, error: ok ? null : res.status >= 300 && res.status < 400 ? `Redirected (${res.status}); redirects are not followed` : `Answered ${res.status}`, excerpt });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const message = e.name === "TimeoutError" ? `No answer within ${WEBHOOK_TIMEOUT_MS / 1000} s` : (e.cause?.code ?? e.cause?.message ?? e.message);
    return done({ statusCode: null, error: String(message).slice(0, 500), excerpt: null });
  }
}

async function readExcerpt(res: Response): Promise<string | null> {
  if (!res.body) return null;
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < EXCERPT_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // The answer's status is what counts; a body cut short is just a shorter excerpt.
  } finally {
    void reader.cancel().catch(() => {});
  }
  const text = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString("utf8");
  return text.length ? text : null;
}

async function deliver(d: Claimed, now: string, stats: DispatchStats): Promise<void> {
  // Earlier sends of this batch took time: renew the claim, or leave the delivery to whoever took it over.
  const [mine] = await queryRows<{ id: string }>(
    db,
    sql`UPDATE webhook_deliveries SET locked_until = ${now}::timestamptz + make_interval(secs => ${LEASE_SECONDS})
        WHERE id = ${d.id}::uuid AND claim_token = ${d.claimToken}::uuid RETURNING id`,
  );
  if (!mine) return;
  const o = await post(d, webhookBody(d.payload));
  const succeeded = o.statusCode !== null && o.statusCode >= 200 && o.statusCode < 300;
  const gone = o.statusCode === 410;
  const deadline = new Date(new Date(d.eventCreatedAt).getTime() + RETRY_WINDOW_MS);
  const nowDate = new Date(now);
  // A manual redelivery is one extra attempt: its failure leaves a finished delivery as it was.
  const keepsStatus = d.manual && d.status !== "pending";
  let status: Claimed["status"];
  let next: Date | null = null;
  if (succeeded) status = "succeeded";
  else if (keepsStatus) status = d.status;
  else if (gone || nowDate >= deadline) status = "failed";
  else {
    status = "pending";
    next = new Date(Math.min(nowDate.getTime() + retryDelaySeconds(d.attempts) * 1000, deadline.getTime()));
  }
  const recorded = await db.transaction(async (tx) => {
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`UPDATE webhook_deliveries SET status = ${status}, locked_until = NULL, claim_token = NULL, redeliver_requested_at = NULL,
             last_attempt_at = ${now}::timestamptz, last_status_code = ${o.statusCode}, last_error = ${o.error}, last_response = ${o.excerpt},
             succeeded_at = ${succeeded ? sql`${now}::timestamptz` : sql`succeeded_at`},
             next_attempt_at = ${next ? sql`${next.toISOString()}::timestamptz` : sql`next_attempt_at`}
          WHERE id = ${d.id}::uuid AND claim_token = ${d.claimToken}::uuid RETURNING id`,
    );
    if (!row) return false;
    await tx.execute(
      sql`INSERT INTO webhook_attempts (delivery_id, manual, attempted_at, duration_ms, status_code, error, response_excerpt)
          VALUES (${d.id}::uuid, ${d.manual}, ${now}::timestamptz, ${o.durationMs}, ${o.statusCode}, ${o.error}, ${o.excerpt})`,
    );
    if (gone) {
      const off = await queryRows<{ id: string }>(
        tx,
        sql`UPDATE webhook_endpoints SET status = 'disabled', disabled_at = ${now}::timestamptz, updated_at = ${now}::timestamptz,
               disabled_reason = ${`Answered 410 Gone to delivery ${d.id}: the receiver says this endpoint no longer exists`}
            WHERE id = ${d.endpointId}::uuid AND status = 'active' RETURNING id`,
      );
      stats.disabled += off.length;
    } else if (status === "failed" && !d.manual) {
      const off = await queryRows<{ id: string }>(
        tx,
        sql`UPDATE webhook_endpoints e SET status = 'disabled', disabled_at = ${now}::timestamptz, updated_at = ${now}::timestamptz,
               disabled_reason = 'No delivery succeeded for 3 days'
            WHERE e.id = ${d.endpointId}::uuid AND e.status = 'active' AND e.created_at <= ${now}::timestamptz - interval '3 days'
              AND NOT EXISTS (SELECT 1 FROM webhook_deliveries s WHERE s.endpoint_id = e.id AND s.succeeded_at > ${now}::timestamptz - interval '3 days')
            RETURNING id`,
      );
      stats.disabled += off.length;
    }
    return true;
  });
  if (!recorded) return;
  metrics.partnerWebhookSends.inc({ outcome: succeeded ? "succeeded" : status === "pending" ? "retry" : keepsStatus ? "redelivery_failed" : "failed" });
  if (succeeded) stats.succeeded++;
  else if (status === "pending") stats.retried++;
  else if (status === "failed" && !keepsStatus) stats.failed++;
  if (!succeeded) logger.warn({ deliveryId: d.id, endpointId: d.endpointId, eventType: d.eventType, attempt: d.attempts, status }, `webhook delivery failed: ${o.error}`);
}

let kicking: Promise<unknown> | null = null;
// Tests dispatch explicitly (with their own clock); a background send would outlive the test's database.
let autoKick = !envVar("VITEST");

export function setWebhookAutoKick(on: boolean): void {
  autoKick = on;
}

/**
 * After a commit that emitted events: send them now rather than at the next cron run (up to a
 * minute). One run at a time per process; whatever it misses, the cron picks up.
 */
export function kickWebhooks(): void {
  if (!autoKick) return;
  kicking ??= dispatchWebhooks({ limit: 50 })
    .catch((err: unknown) => logger.error({ err }, "webhook dispatch failed"))
    .finally(() => (kicking = null));
}

/** For the shutdown: waits for a kicked run (it sends the chunk in hand and hands the rest back). */
export async function stopWebhookDispatcher(): Promise<void> {
  await kicking;
}
