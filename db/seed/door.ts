// The demo door staff need a show whose check-in is open whenever the demo is seeded (the door
// admits only around a show's start, and the cinema slots leave Mumbai's nights empty): when
// fewer than two of their venues' shows start within the next two hours, two are added, copies of
// their next show starting in one hour and in 75 minutes.
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { queryRows } from "../rows";

export async function seedDoorShows(db: Db, scannerEmail: string): Promise<{ added: number }> {
  const [soon] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM shows s JOIN staff_venues sv ON sv.venue_id = s.venue_id JOIN users u ON u.id = sv.user_id
        WHERE u.email = ${scannerEmail} AND s.status = 'SCHEDULED' AND s.starts_at BETWEEN now() + interval '15 minutes' AND now() + interval '2 hours'`,
  );
  if (!soon || soon.n >= 2) return { added: 0 };
  const [template] = await queryRows<{ id: string }>(
    db,
    sql`SELECT s.id FROM shows s JOIN staff_venues sv ON sv.venue_id = s.venue_id JOIN users u ON u.id = sv.user_id
        WHERE u.email = ${scannerEmail} AND s.status = 'SCHEDULED' AND s.starts_at > now() AND EXISTS (SELECT 1 FROM show_seats WHERE show_id = s.id)
        ORDER BY s.starts_at LIMIT 1`,
  );
  if (!template) return { added: 0 };
  let added = 0;
  for (const minutes of [60, 75]) {
    await db.transaction(async (tx) => {
      const [show] = await queryRows<{ id: string }>(
        tx,
        sql`INSERT INTO shows (event_id, section_id, venue_id, city_id, starts_at, ends_at, status, language, format, currency, min_price_minor, max_price_minor, pricing_strategy, pricing_config, refund_cutoff_hours)
            SELECT event_id, section_id, venue_id, city_id, date_trunc('minute', now()) + make_interval(mins => ${minutes}), date_trunc('minute', now()) + make_interval(mins => ${minutes}) + (ends_at - starts_at),
                   'SCHEDULED', language, format, currency, min_price_minor, max_price_minor, pricing_strategy, pricing_config, refund_cutoff_hours
            FROM shows WHERE id = ${template.id}::uuid RETURNING id`,
      );
      await tx.execute(sql`INSERT INTO show_prices (show_id, seat_type, price_minor) SELECT ${show!.id}::uuid, seat_type, price_minor FROM show_prices WHERE show_id = ${template.id}::uuid`);
      await tx.execute(sql`INSERT INTO show_seats (show_id, seat_id, status, price_minor)
                           SELECT ${show!.id}::uuid, seat_id, CASE WHEN status = 'BLOCKED' THEN 'BLOCKED'::seat_status ELSE 'AVAILABLE'::seat_status END, price_minor
                           FROM show_seats WHERE show_id = ${template.id}::uuid`);
    });
    added++;
  }
  return { added };
}
