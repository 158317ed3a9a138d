// Retention for the webhook outbox: events, their deliveries and every attempt are kept for the
// delivery log (and for redelivery) for 30 days, then dropped, so the tables do not grow for ever.
// An event still owed to someone (a delivery pending, or a redelivery asked for) is kept whatever
// its age. Batched, so a run stays short; safe to run twice at once (a row deleted by the other
// run is simply not counted).
import "server-only";
import { sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { queryRows } from "@/db/rows";

export const WEBHOOK_RETENTION_DAYS = 30;

export async function pruneWebhookHistory(
  opts: { now?: Date; retentionDays?: number; batch?: number } = {},
  ex: Executor = db,
): Promise<{ pruned: number }> {
  const cutoff = new Date((opts.now ?? new Date()).getTime() - (opts.retentionDays ?? WEBHOOK_RETENTION_DAYS) * 86_400_000);
  const rows = await queryRows<{ n: number }>(
    ex,
    sql`WITH old AS (
          SELECT ev.id FROM webhook_events ev
          WHERE ev.created_at < ${cutoff.toISOString()}::timestamptz
            AND NOT EXISTS (
              SELECT 1 FROM webhook_deliveries d
              WHERE d.event_id = ev.id AND (d.status = 'pending' OR d.redeliver_requested_at IS NOT NULL))
          ORDER BY ev.created_at
          LIMIT ${opts.batch ?? 2000}
          FOR UPDATE SKIP LOCKED),
        gone AS (DELETE FROM webhook_events ev USING old WHERE ev.id = old.id RETURNING 1)
        SELECT count(*)::int AS n FROM gone`,
  );
  return { pruned: rows[0]?.n ?? 0 };
}
