// The demo door staff need shows whose check-in is open whenever the demo is seeded (the door
// admits only around a show's start, and the cinema slots leave Mumbai's nights empty): when
// fewer than two of their venues' seated shows start within the next two hours, two are added,
// copies of their next seated show starting in one hour and in 75 minutes; and when none with a
// standing zone does, one copy of their next standing show starting in 90 minutes.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { queryRows } from "../rows";

const seated = sql`EXISTS (SELECT 1 FROM seats st WHERE st.section_id = s.section_id AND st.zone_id IS NULL)`;
const standing = sql`EXISTS (SELECT 1 FROM zones z WHERE z.section_id = s.section_id AND z.kind = 'STANDING')`;

async function copiesNeeded(db: Db, scannerEmail: string, kind: SQL, wanted: number): Promise<string | null> {
  const [soon] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM shows s JOIN staff_venues sv ON sv.venue_id = s.venue_id JOIN users u ON u.id = sv.user_id
        WHERE u.email = ${scannerEmail} AND s.status = 'SCHEDULED' AND s.starts_at BETWEEN now() + interval '15 minutes' AND now() + interval '2 hours' AND ${kind}`,
  );
  if (!soon || soon.n >= wanted) return null;
  const [template] = await queryRows<{ id: string }>(
    db,
    sql`SELECT s.id FROM shows s JOIN staff_venues sv ON sv.venue_id = s.venue_id JOIN users u ON u.id = sv.user_id
        WHERE u.email = ${scannerEmail} AND s.status = 'SCHEDULED' AND s.starts_at > now() AND ${kind} AND EXISTS (SELECT 1 FROM show_seats WHERE show_id = s.id)
        ORDER BY s.starts_at LIMIT 1`,
  );
  return template?.id ?? null;
}

/** A copy of a show starting `minutes` from now, with its prices (seat types and zones) and its seats free. */
async function copyShow(db: Db, templateId: string, minutes: number): Promise<void> {
  await db.transaction(async (tx) => {
    const [show] = await queryRows<{ id: string }>(
      tx,
      sql`INSERT INTO shows (event_id, section_id, venue_id, city_id, starts_at, ends_at, status, language, format, currency, min_price_minor, max_price_minor, pricing_strategy, pricing_config, refund_cutoff_hours)
          SELECT event_id, section_id, venue_id, city_id, date_trunc('minute', now()) + make_interval(mins => ${minutes}), date_trunc('minute', now()) + make_interval(mins => ${minutes}) + (ends_at - starts_at),
                 'SCHEDULED', language, format, currency, min_price_minor, max_price_minor, pricing_strategy, pricing_config, refund_cutoff_hours
          FROM shows WHERE id = ${templateId}::uuid RETURNING id`,
    );
    await tx.execute(sql`INSERT INTO show_prices (show_id, seat_type, price_minor) SELECT ${show!.id}::uuid, seat_type, price_minor FROM show_prices WHERE show_id = ${templateId}::uuid`);
    await tx.execute(sql`INSERT INTO show_zone_prices (show_id, zone_id, price_minor) SELECT ${show!.id}::uuid, zone_id, price_minor FROM show_zone_prices WHERE show_id = ${templateId}::uuid`);
    await tx.execute(sql`INSERT INTO show_seats (show_id, seat_id, status, price_minor, zone_id)
                         SELECT ${show!.id}::uuid, seat_id, CASE WHEN status = 'BLOCKED' THEN 'BLOCKED'::seat_status ELSE 'AVAILABLE'::seat_status END, price_minor, zone_id
                         FROM show_seats WHERE show_id = ${templateId}::uuid`);
  });
}

export async function seedDoorShows(db: Db, scannerEmail: string): Promise<{ added: number }> {
  const copies: [string, number][] = [];
  const seatedTemplate = await copiesNeeded(db, scannerEmail, seated, 2);
  if (seatedTemplate) copies.push([seatedTemplate, 60], [seatedTemplate, 75]);
  const standingTemplate = await copiesNeeded(db, scannerEmail, standing, 1);
  if (standingTemplate) copies.push([standingTemplate, 90]);
  for (const [template, minutes] of copies) await copyShow(db, template, minutes);
  return { added: copies.length };
}
