// A show's general admission zones, staff's side: how full each is (zone fill) and its prices.
import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { User } from "@/lib/auth/accounts";
import { requireVenueAccess } from "@/lib/auth/authorize";
import { AppError, notFound } from "@/lib/errors";
import { clearSeatingCaches } from "@/lib/seating/availability";
import { createShowSeats, removeZoneUnitsOfShow, repriceFreeZoneUnits } from "@/lib/seating/seat-state";
import { audit } from "./audit";

export type ZoneFill = {
  zoneId: string;
  name: string;
  kind: "STANDING" | "TIMED_ENTRY";
  /** null: not on sale at this show. */
  priceMinor: number | null;
  capacity: number;
  sold: number;
  held: number;
  blocked: number;
  available: number;
  /** Face value of the places sold to confirmed bookings (before discounts and fees). */
  revenueMinor: number;
};

async function showFor(user: User, showId: string, ex: Executor) {
  const [show] = await queryRows<{ id: string; venueId: string; sectionId: string; status: string; startsAt: Date }>(
    ex,
    sql`SELECT id, venue_id AS "venueId", section_id AS "sectionId", status, starts_at AS "startsAt" FROM shows WHERE id = ${showId}::uuid`,
  );
  if (!show) throw notFound("Show");
  await requireVenueAccess(user, show.venueId, ex);
  return show;
}

/** Each zone of the show's hall: sold / held / blocked / available of the places the show sells, and revenue. */
export async function zoneFill(user: User, showId: string, ex: Executor = db): Promise<ZoneFill[]> {
  await showFor(user, showId, ex);
  const rows = await queryRows<ZoneFill>(
    ex,
    sql`SELECT z.id AS "zoneId", z.name, z.kind, zp.price_minor AS "priceMinor",
               count(ss.id)::int AS capacity,
               count(ss.id) FILTER (WHERE ss.status = 'BOOKED')::int AS sold,
               count(ss.id) FILTER (WHERE ss.status = 'LOCKED' AND ss.lock_expiry > now())::int AS held,
               count(ss.id) FILTER (WHERE ss.status = 'BLOCKED')::int AS blocked,
               count(ss.id) FILTER (WHERE ss.status = 'AVAILABLE' OR (ss.status = 'LOCKED' AND ss.lock_expiry <= now()))::int AS available,
               coalesce((SELECT sum(bs.price_minor) FROM booking_seats bs JOIN bookings b ON b.id = bs.booking_id JOIN seats st ON st.id = bs.seat_id
                         WHERE b.show_id = s.id AND b.status = 'CONFIRMED' AND st.zone_id = z.id), 0)::int AS "revenueMinor"
        FROM shows s JOIN zones z ON z.section_id = s.section_id
        LEFT JOIN show_zone_prices zp ON zp.show_id = s.id AND zp.zone_id = z.id
        LEFT JOIN show_seats ss ON ss.show_id = s.id AND ss.zone_id = z.id
        WHERE s.id = ${showId}::uuid
        GROUP BY z.id, z.name, z.kind, z.sort_order, zp.price_minor, s.id
        ORDER BY z.sort_order, z.name`,
  );
  return rows.map((r) => ({ ...r, priceMinor: r.priceMinor === null ? null : Number(r.priceMinor) }));
}

/** Zone prices change only before the show: scheduled and not started. */
export const canRepriceZones = (show: { status: string; startsAt: Date }) => show.status === "SCHEDULED" && show.startsAt.getTime() > Date.now();

export const zonePricesSchema = z.object({
  /** Zone id → price in minor units, or null to take the zone off sale at this show. */
  prices: z.record(z.uuid(), z.number().int().min(0).max(10_000_000).nullable()).refine((p) => Object.keys(p).length > 0, "Change at least one zone"),
});

/**
 * Prices, reprices or takes off sale a scheduled, upcoming show's zones. Free places take the new
 * price; held and sold ones keep theirs. A newly priced zone goes on sale with its places; taking
 * one off sale is refused with ZONE_IN_USE when any place is held or sold. The show's min/max
 * price (the listings' price filter) follows.
 */
export async function repriceShowZones(user: User, showId: string, input: z.output<typeof zonePricesSchema>): Promise<{ minPriceMinor: number; maxPriceMinor: number }> {
  const result = await db.transaction(async (tx) => {
    const show = await showFor(user, showId, tx);
    await tx.execute(sql`SELECT id FROM shows WHERE id = ${showId}::uuid FOR UPDATE`);
    if (!canRepriceZones({ status: show.status, startsAt: new Date(show.startsAt) })) {
      throw new AppError("INVALID_STATE", "Only a scheduled show that has not started can be repriced.");
    }
    const zones = await queryRows<{ id: string; name: string }>(tx, sql`SELECT id, name FROM zones WHERE section_id = ${show.sectionId}::uuid`);
    const names = new Map(zones.map((z) => [z.id, z.name]));
    const foreign = Object.keys(input.prices).filter((id) => !names.has(id));
    if (foreign.length) throw new AppError("UNKNOWN_ZONE", "Some zones are not in this show's hall.", { details: { zoneIds: foreign } });
    for (const [zoneId, price] of Object.entries(input.prices)) {
      if (price === null) {
        await tx.execute(sql`DELETE FROM show_zone_prices WHERE show_id = ${showId}::uuid AND zone_id = ${zoneId}::uuid`);
        const { kept } = await removeZoneUnitsOfShow(tx, showId, zoneId);
        if (kept) throw new AppError("ZONE_IN_USE", `${names.get(zoneId)} has ${kept} places sold or held at this show, so it stays on sale.`, { details: { zoneId, kept } });
        continue;
      }
      await tx.execute(sql`INSERT INTO show_zone_prices (show_id, zone_id, price_minor) VALUES (${showId}::uuid, ${zoneId}::uuid, ${price})
                           ON CONFLICT (show_id, zone_id) DO UPDATE SET price_minor = excluded.price_minor`);
      await repriceFreeZoneUnits(tx, showId, zoneId, price);
    }
    await createShowSeats(tx, sql`s.id = ${showId}::uuid`);
    const [range] = await queryRows<{ min: number | null; max: number | null }>(
      tx,
      sql`SELECT min(p) AS min, max(p) AS max FROM (
            SELECT price_minor AS p FROM show_prices WHERE show_id = ${showId}::uuid AND seat_type IN (SELECT type FROM seats WHERE section_id = ${show.sectionId}::uuid AND zone_id IS NULL)
            UNION ALL SELECT price_minor FROM show_zone_prices WHERE show_id = ${showId}::uuid) x`,
    );
    if (range?.min === null || range?.min === undefined) throw new AppError("VALIDATION_FAILED", "The show would have nothing on sale: keep at least one zone priced.");
    await tx.execute(sql`UPDATE shows SET min_price_minor = ${range.min}, max_price_minor = ${range.max} WHERE id = ${showId}::uuid`);
    await audit(tx, user, "shows.zone_prices", "show", showId, { prices: input.prices });
    return { minPriceMinor: Number(range.min), maxPriceMinor: Number(range.max) };
  });
  clearSeatingCaches(showId);
  return result;
}
