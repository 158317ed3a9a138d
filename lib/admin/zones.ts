// A hall's general admission zones, staff's side: list, add, rename, resize, remove. A zone's
// places are unit rows of seats numbered 1..capacity; shows get the units of the zones they price
// (lib/seating/seat-state.ts). Changes reach the hall's upcoming shows in the same transaction:
// growing tops their units up, shrinking takes only free units off them. Units a past ticket names
// are never deleted: above the capacity they are just not given to new shows.
import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { queryRows } from "@/db/rows";
import type { User } from "@/lib/auth/accounts";
import { requireVenueAccess } from "@/lib/auth/authorize";
import { AppError, notFound } from "@/lib/errors";
import { clearSeatingCaches } from "@/lib/seating/availability";
import { addZone } from "@/lib/seating/zones";
import { deleteShowSeatsOf, topUpZoneUnits, trimZoneUnits } from "@/lib/seating/seat-state";
import { uuidArray } from "@/db/sql";
import { audit } from "./audit";

export const MAX_ZONE_CAPACITY = 30_000;

export const zoneSchema = z.object({
  name: z.string().trim().min(1, "Name the zone").max(40, "At most 40 characters").regex(/^[^#]*$/, "No # in a zone name (units are numbered with it)"),
  kind: z.enum(["STANDING", "TIMED_ENTRY"]).default("STANDING"),
  capacity: z.coerce.number().int("A whole number of people").min(1, "At least 1 person").max(MAX_ZONE_CAPACITY, "At most 30,000 people"),
});
export type ZoneInput = z.output<typeof zoneSchema>;
export const zoneChangeSchema = zoneSchema.partial();

export type HallZone = { id: string; name: string; kind: "STANDING" | "TIMED_ENTRY"; capacity: number; sortOrder: number; upcomingShows: number; soldOrHeld: number };

/** Upcoming shows a change to a hall reaches: scheduled, not started. `s` is the shows row. */
const upcoming = (sectionId: string) => sql`s.section_id = ${sectionId}::uuid AND s.status = 'SCHEDULED' AND s.starts_at > now()`;

async function zoneFor(user: User, zoneId: string, ex: Executor) {
  const [zone] = await queryRows<{ id: string; sectionId: string; venueId: string; name: string; kind: string; capacity: number }>(
    ex,
    sql`SELECT z.id, z.section_id AS "sectionId", sec.venue_id AS "venueId", z.name, z.kind, z.capacity
        FROM zones z JOIN sections sec ON sec.id = z.section_id WHERE z.id = ${zoneId}::uuid`,
  );
  if (!zone) throw notFound("Zone");
  await requireVenueAccess(user, zone.venueId, ex);
  return zone;
}

async function sectionVenue(user: User, sectionId: string, ex: Executor): Promise<string> {
  const [s] = await queryRows<{ venueId: string }>(ex, sql`SELECT venue_id AS "venueId" FROM sections WHERE id = ${sectionId}::uuid`);
  if (!s) throw notFound("Hall");
  await requireVenueAccess(user, s.venueId, ex);
  return s.venueId;
}

const nameTaken = (name: string) => (err: unknown) => {
  if (isUniqueViolation(err)) throw new AppError("CONFLICT", `This hall already has a zone called ${name}.`, { details: { fieldErrors: { name: ["Already used in this hall"] } } });
  throw err;
};

/** The hall's zones, with how many upcoming shows sell each and how many of their places are taken. */
export async function listZones(user: User, sectionId: string, ex: Executor = db): Promise<HallZone[]> {
  await sectionVenue(user, sectionId, ex);
  return queryRows<HallZone>(
    ex,
    sql`SELECT z.id, z.name, z.kind, z.capacity, z.sort_order AS "sortOrder",
               (SELECT count(*) FROM show_zone_prices zp JOIN shows s ON s.id = zp.show_id WHERE zp.zone_id = z.id AND ${upcoming(sectionId)})::int AS "upcomingShows",
               (SELECT count(*) FROM show_seats ss JOIN shows s ON s.id = ss.show_id
                WHERE ss.zone_id = z.id AND ${upcoming(sectionId)} AND (ss.status = 'BOOKED' OR (ss.status = 'LOCKED' AND ss.lock_expiry > now())))::int AS "soldOrHeld"
        FROM zones z WHERE z.section_id = ${sectionId}::uuid ORDER BY z.sort_order, z.name`,
  );
}

/** A new zone in a hall (inside the caller's transaction when it has one: createHall adds them this way). */
export async function addHallZone(user: User, sectionId: string, input: ZoneInput, ex?: Executor): Promise<{ id: string }> {
  const run = async (tx: Executor) => {
    await sectionVenue(user, sectionId, tx);
    const [{ next } = { next: 0 }] = await queryRows<{ next: number }>(tx, sql`SELECT coalesce(max(sort_order) + 1, 0)::int AS next FROM zones WHERE section_id = ${sectionId}::uuid`);
    const zone = await addZone(tx, { sectionId, name: input.name, kind: input.kind, capacity: input.capacity, sortOrder: Number(next) }).catch(nameTaken(input.name));
    await audit(tx, user, "halls.zone.add", "section", sectionId, { zoneId: zone.id, ...input });
    return { id: zone.id };
  };
  return ex ? run(ex) : db.transaction(run);
}

/**
 * Renames, re-kinds or resizes a zone. Growing adds units to the hall and tops up every upcoming
 * show that prices the zone. Shrinking takes free units off upcoming shows (highest numbers first)
 * and is refused with ZONE_IN_USE, changing nothing, when some show has more places sold or held
 * than the new capacity. Started and past shows keep what they had.
 */
export async function updateZone(user: User, zoneId: string, change: z.output<typeof zoneChangeSchema>): Promise<{ capacity: number; added: number; removed: number }> {
  const result = await db.transaction(async (tx) => {
    const zone = await zoneFor(user, zoneId, tx);
    // The hall's row serialises this with layout edits and scheduling in the same hall.
    await tx.execute(sql`SELECT id FROM sections WHERE id = ${zone.sectionId}::uuid FOR UPDATE`);
    const name = change.name ?? zone.name;
    const capacity = change.capacity ?? Number(zone.capacity);
    let added = 0;
    let removed = 0;
    if (capacity < zone.capacity) {
      const trim = await trimZoneUnits(tx, zoneId, upcoming(zone.sectionId), capacity);
      if (trim.short.length) {
        const need = Math.max(...trim.short.map((s) => s.keep));
        throw new AppError("ZONE_IN_USE", `${zone.name} has ${need} places sold or held at an upcoming show, so it cannot hold fewer than ${need}.`, {
          details: { showIds: trim.short.map((s) => s.showId), minCapacity: need, fieldErrors: { capacity: [`At least ${need}`] } },
        });
      }
      removed = trim.removed;
    }
    await tx.execute(sql`UPDATE zones SET name = ${name}, kind = ${change.kind ?? zone.kind}::zone_kind, capacity = ${capacity} WHERE id = ${zoneId}::uuid`).catch(nameTaken(name));
    if (name !== zone.name) {
      await tx.execute(sql`UPDATE seats SET label = ${name} || ' #' || col_index, row_label = ${name} WHERE zone_id = ${zoneId}::uuid`);
    }
    if (capacity > zone.capacity) {
      // Units 1..capacity exist afterwards (some may be back from an earlier shrink).
      await tx.execute(sql`
        INSERT INTO seats (section_id, label, row_label, row_index, col_index, type, zone_id)
        SELECT ${zone.sectionId}::uuid, ${name} || ' #' || n, ${name}, -1, n, 'REGULAR', ${zoneId}::uuid
        FROM generate_series(1, ${capacity}::int) AS n
        WHERE NOT EXISTS (SELECT 1 FROM seats x WHERE x.zone_id = ${zoneId}::uuid AND x.col_index = n)`);
    }
    if (capacity !== zone.capacity) added = await topUpZoneUnits(tx, zoneId, upcoming(zone.sectionId));
    if (capacity < zone.capacity) {
      // Units above the capacity that no show has and no ticket names are not needed any more.
      await tx.execute(sql`
        DELETE FROM seats st WHERE st.zone_id = ${zoneId}::uuid AND st.col_index > ${capacity}::int
          AND NOT EXISTS (SELECT 1 FROM show_seats ss WHERE ss.seat_id = st.id) AND NOT EXISTS (SELECT 1 FROM booking_seats bs WHERE bs.seat_id = st.id)`);
    }
    await audit(tx, user, "halls.zone.update", "section", zone.sectionId, { zoneId, before: { name: zone.name, kind: zone.kind, capacity: zone.capacity }, after: { name, kind: change.kind ?? zone.kind, capacity } });
    return { capacity, added, removed };
  });
  clearSeatingCaches();
  return result;
}

/**
 * Removes a zone, with its prices and places at every show. Refused with ZONE_IN_USE when any of
 * its places was ever booked or is held now: tickets name those units. Stop pricing it for new
 * shows instead.
 */
export async function removeZone(user: User, zoneId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const zone = await zoneFor(user, zoneId, tx);
    await tx.execute(sql`SELECT id FROM sections WHERE id = ${zone.sectionId}::uuid FOR UPDATE`);
    const units = await queryRows<{ id: string }>(tx, sql`SELECT id FROM seats WHERE zone_id = ${zoneId}::uuid`);
    const ids = units.map((u) => u.id);
    const [used] = await queryRows<{ n: number }>(
      tx,
      sql`SELECT ((SELECT count(*) FROM booking_seats WHERE seat_id = ANY(${uuidArray(ids)})) +
                  (SELECT count(*) FROM show_seats WHERE seat_id = ANY(${uuidArray(ids)}) AND status IN ('LOCKED', 'BOOKED')))::int AS n`,
    );
    if (used!.n > 0) {
      throw new AppError("ZONE_IN_USE", `${zone.name} has tickets sold or held, so it cannot be removed. Leave it without a price at new shows to stop selling it.`, { details: { zoneId } });
    }
    await deleteShowSeatsOf(tx, ids);
    await tx.execute(sql`DELETE FROM show_zone_prices WHERE zone_id = ${zoneId}::uuid`);
    await tx.execute(sql`DELETE FROM seats WHERE zone_id = ${zoneId}::uuid`);
    await tx.execute(sql`DELETE FROM zones WHERE id = ${zoneId}::uuid`);
    await audit(tx, user, "halls.zone.remove", "section", zone.sectionId, { zoneId, name: zone.name, capacity: zone.capacity });
  });
  clearSeatingCaches();
}
