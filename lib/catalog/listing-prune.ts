import "server-only";
import { sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { queryRows } from "@/db/rows";

/**
 * Drops listing_shows rows of shows that began over an hour ago: the listing never shows them
 * again (it starts at now), and left in place they would pad every walk as weeks go by. The
 * hour is slack for a server clock behind the database's. Batched, so a run stays short; safe
 * to run twice at once. A show edited later is copied back by its trigger.
 */
export async function pruneListing(ex: Executor = db, batch = 5000): Promise<{ pruned: number }> {
  const rows = await queryRows<{ n: number }>(
    ex,
    sql`WITH gone AS (
          DELETE FROM listing_shows WHERE show_id IN (
            SELECT show_id FROM listing_shows WHERE starts_at < now() - interval '1 hour' LIMIT ${batch})
          RETURNING 1)
        SELECT count(*)::int AS n FROM gone`,
  );
  return { pruned: rows[0]?.n ?? 0 };
}
