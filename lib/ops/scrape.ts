// What GET /api/metrics answers: the process's metrics plus figures read from the database at
// scrape time (the outbox's backlog is a fact of the database, the same from every instance).
import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { exposition, metrics } from "@/lib/telemetry/metrics.mjs";

export async function scrape(): Promise<{ body: string; contentType: string }> {
  // Pending messages only (the partial index outbox_pending_idx): sent ones are most of the table.
  const rows = await queryRows<{ channel: string; pending: number; oldest: number | null }>(
    db,
    sql`SELECT channel::text AS channel, count(*)::int AS pending, extract(epoch FROM now() - min(created_at))::float8 AS oldest
          FROM outbox WHERE status = 'PENDING' GROUP BY channel`,
  );
  for (const channel of ["EMAIL", "SMS"]) metrics.outboxPending.set({ channel }, rows.find((r) => r.channel === channel)?.pending ?? 0);
  metrics.outboxOldestAge.set(Math.max(0, ...rows.map((r) => Number(r.oldest ?? 0))));
  // Partner webhooks owed to active endpoints (the dispatcher's partial index covers the pending rows).
  const [hooks] = await queryRows<{ pending: number; oldest: number | null }>(
    db,
    sql`SELECT count(*)::int AS pending, extract(epoch FROM now() - min(ev.created_at))::float8 AS oldest
          FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id JOIN webhook_events ev ON ev.id = d.event_id
          WHERE d.status = 'pending' AND e.status = 'active'`,
  );
  metrics.partnerWebhooksPending.set(hooks?.pending ?? 0);
  metrics.partnerWebhooksOldestAge.set(Math.max(0, Number(hooks?.oldest ?? 0)));
  return exposition();
}
