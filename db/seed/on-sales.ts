// The demo's on-sales (issue 18), set afresh on every seed so they are always worth a look:
// - a concert whose tickets go on sale tomorrow at 10:00 venue time behind a waiting room: its show
//   page counts down, and signed-in visitors join the queue and get a random place at the on-sale;
// - a concert whose waiting room opened ten minutes ago, letting 60 buyers a minute through: a
//   visitor queues for a moment, then picks seats.
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { queryRows } from "../rows";

async function firstShow(db: Db, title: string): Promise<{ id: string; timeZone: string } | null> {
  const [row] = await queryRows<{ id: string; timeZone: string }>(
    db,
    sql`SELECT s.id, v.time_zone AS "timeZone" FROM shows s JOIN events e ON e.id = s.event_id JOIN venues v ON v.id = s.venue_id
        WHERE e.title = ${title} AND e.status = 'PUBLISHED' AND s.status = 'SCHEDULED' AND s.starts_at > now() + interval '2 days'
        ORDER BY s.starts_at LIMIT 1`,
  );
  return row ?? null;
}

async function setOnSale(db: Db, showId: string, onSaleAt: SQL, rate: number): Promise<void> {
  await db.execute(sql`
    INSERT INTO on_sales (show_id, on_sale_at, waiting_room, admit_per_minute)
    VALUES (${showId}::uuid, ${onSaleAt}, true, ${rate})
    ON CONFLICT (show_id) DO UPDATE SET on_sale_at = EXCLUDED.on_sale_at, waiting_room = true, admit_per_minute = EXCLUDED.admit_per_minute,
      paused = false, closed_at = NULL, closed_reason = NULL, admitted = 0, ticked_at = NULL, updated_at = now()`);
  await db.execute(sql`DELETE FROM queue_entries WHERE show_id = ${showId}::uuid`);
}

type SQL = ReturnType<typeof sql>;

export const ON_SALE_DEMO = { countdown: "Sid & Friends: Telugu Melodies Live", open: "Jazz by the Bay" } as const;

export async function seedOnSales(db: Db): Promise<{ countdown: string | null; open: string | null }> {
  const countdown = await firstShow(db, ON_SALE_DEMO.countdown);
  if (countdown) {
    // Tomorrow 10:00 in the venue's zone (the show itself is two or more days away).
    const tz = countdown.timeZone;
    await setOnSale(db, countdown.id, sql`((date_trunc('day', now() AT TIME ZONE ${tz}) + interval '1 day 10 hours') AT TIME ZONE ${tz})`, 200);
  }
  const open = await firstShow(db, ON_SALE_DEMO.open);
  if (open) await setOnSale(db, open.id, sql`now() - interval '10 minutes'`, 60);
  return { countdown: countdown?.id ?? null, open: open?.id ?? null };
}
