// General admission: a zone's places are unit rows of show_seats (db/migrations/0014), so a
// quantity becomes unit ids and is then held exactly like seats (acquire.ts, marquee_hold_seats).
// Buyers racing for one zone take disjoint units with FOR UPDATE SKIP LOCKED instead of queueing
// on one counter row: the lock a buyer waits for is never another buyer's.
import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { queryRows } from "@/db/rows";
import { uuidArray } from "@/db/sql";
import { zones as zonesTable } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { UnitCandidates } from "./redis-holds";
import type { SeatMapLayout } from "./types";

const SHORT_RETRIES = 2;
const SHORT_RETRY_MS = 15;

export type ZoneRequest = { zoneId: string; quantity: number };

/** The checks a zone request passes before anything is read: whole positive quantities, each zone once. */
export function checkZoneRequest(zones: readonly ZoneRequest[]): void {
  const bad = zones.filter((z) => !Number.isInteger(z.quantity) || z.quantity < 1);
  if (bad.length) throw new AppError("INVALID_QUANTITY", "Choose at least one ticket for each zone you pick.", { details: { zoneIds: bad.map((z) => z.zoneId) } });
  const ids = zones.map((z) => z.zoneId);
  if (new Set(ids).size !== ids.length) throw new AppError("INVALID_QUANTITY", "The same zone is listed more than once.", { details: { zoneIds: ids } });
}

/** Every requested zone is one of the show's and on sale at it. */
export function checkZonesOfShow(layout: SeatMapLayout, zones: readonly ZoneRequest[]): void {
  const byId = new Map(layout.zones.map((z) => [z.id, z]));
  const unknown = zones.filter((z) => !byId.has(z.zoneId)).map((z) => z.zoneId);
  if (unknown.length) throw new AppError("UNKNOWN_ZONE", "Some zones are not part of this show.", { details: { zoneIds: unknown } });
  const off = zones.filter((z) => byId.get(z.zoneId)!.priceMinor < 0);
  if (off.length) {
    throw new AppError("ZONE_SOLD_OUT", `${off.map((z) => byId.get(z.zoneId)!.name).join(", ")} is not on sale for this show.`, {
      details: { zoneIds: off.map((z) => z.zoneId) },
    });
  }
}

/** Candidates offered to Redis per unit wanted: enough that buyers racing for one zone rarely exhaust them. */
const CANDIDATES_PER_UNIT = 3;
const EXTRA_CANDIDATES = 8;

/**
 * Which units Redis may hand this booking (phase 1): the ones it holds already (`own`, read from
 * Postgres: the snapshot can be a moment behind the booking's own last hold), then a random sample
 * of the units the seat-map snapshot shows free, so concurrent buyers of one zone start from
 * different rows. Null when the snapshot has too few for some zone: Postgres decides then.
 */
export function unitCandidates(
  layout: SeatMapLayout,
  snapshot: { status: string },
  own: ReadonlySet<string>,
  zones: readonly ZoneRequest[],
  random: () => number = Math.random,
): UnitCandidates | null {
  const base = layout.seats.length;
  const out: UnitCandidates = [];
  for (const { zoneId, quantity } of zones) {
    const zone = layout.zones.find((z) => z.id === zoneId);
    if (!zone) return null;
    const mine: string[] = [];
    const free: string[] = [];
    for (let j = zone.unitStart, end = j + zone.capacity; j < end; j++) {
      const unit = layout.units[j]!;
      if (own.has(unit.id)) mine.push(unit.id);
      else if (snapshot.status[base + j] === "A") free.push(unit.id);
    }
    if (mine.length + free.length < quantity) return null;
    // A partial Fisher–Yates: the first `take` of `free` become a uniform random sample.
    const take = Math.min(free.length, Math.max(0, quantity - mine.length) * CANDIDATES_PER_UNIT + EXTRA_CANDIDATES);
    for (let i = 0; i < take; i++) {
      const j = i + Math.floor(random() * (free.length - i));
      [free[i], free[j]] = [free[j]!, free[i]!];
    }
    out.push({ unitIds: [...mine, ...free.slice(0, take)], quantity });
  }
  return out;
}

/** The zone units a booking holds now (its own rows, by the booking_seats key). */
export async function heldZoneUnits(ex: Executor, bookingId: string): Promise<Set<string>> {
  const rows = await queryRows<{ seatId: string }>(
    ex,
    sql`SELECT bs.seat_id AS "seatId" FROM booking_seats bs JOIN show_seats ss ON ss.id = bs.show_seat_id
        WHERE bs.booking_id = ${bookingId}::uuid AND ss.zone_id IS NOT NULL AND ss.status = 'LOCKED' AND ss.locked_by_booking_id = ${bookingId}::uuid`,
  );
  return new Set(rows.map((r) => r.seatId));
}

function zoneSoldOut(short: { zoneId: string; available: number }[], names: Map<string, string>): AppError {
  const words = short.map((s) => `${names.get(s.zoneId) ?? "This zone"} has ${s.available ? `only ${s.available} left` : "sold out"}`);
  return new AppError("ZONE_SOLD_OUT", `${words.join("; ")}. Please choose fewer tickets or another zone.`, { details: { zones: short } });
}

/**
 * The cheap refusal before any transaction: one indexed count of each zone's places that are
 * free or already this booking's. Places other buyers are taking this instant (uncommitted) still
 * count as free here, so a shortfall it finds is real; throws ZONE_SOLD_OUT then. In a sold-out
 * flash sale this is what most buyers get, without queueing for a connection in a transaction.
 */
export async function refuseZonesShort(ex: Executor, args: { bookingId: string; showId: string; zones: readonly ZoneRequest[]; names: Map<string, string> }): Promise<void> {
  const rows = await queryRows<{ zoneId: string; n: number }>(
    ex,
    sql`SELECT zone_id AS "zoneId", count(*)::int AS n FROM show_seats
        WHERE show_id = ${args.showId}::uuid AND zone_id = ANY(${uuidArray(args.zones.map((z) => z.zoneId))})
          AND (status = 'AVAILABLE' OR (status = 'LOCKED' AND (lock_expiry <= now() OR locked_by_booking_id = ${args.bookingId}::uuid)))
        GROUP BY zone_id`,
  );
  const left = new Map(rows.map((r) => [r.zoneId, Number(r.n)]));
  const short = args.zones.filter((z) => (left.get(z.zoneId) ?? 0) < z.quantity).map((z) => ({ zoneId: z.zoneId, available: left.get(z.zoneId) ?? 0 }));
  if (short.length) throw zoneSoldOut(short, args.names);
}

/**
 * Inside the hold's transaction (after the booking row is locked): the units this booking holds
 * now count first, then free units (available, or a hold that lapsed) not being taken by anyone
 * else this instant. Row-locks what it answers; throws ZONE_SOLD_OUT naming the zones short.
 */
export async function pickZoneUnits(tx: Executor, args: { bookingId: string; showId: string; zones: readonly ZoneRequest[]; names: Map<string, string> }): Promise<string[]> {
  const picked: string[] = [];
  const short: { zoneId: string; available: number }[] = [];
  for (const { zoneId, quantity } of args.zones) {
    const own = await queryRows<{ seatId: string }>(
      tx,
      sql`SELECT seat_id AS "seatId" FROM show_seats
          WHERE show_id = ${args.showId}::uuid AND zone_id = ${zoneId}::uuid AND status = 'LOCKED' AND locked_by_booking_id = ${args.bookingId}::uuid
          ORDER BY seat_id LIMIT ${quantity} FOR UPDATE`,
    );
    const more = quantity - own.length;
    const free: { seatId: string }[] = [];
    // Rows another buyer has locked this instant are skipped, not waited for. That buyer may still
    // roll back (it was short itself): when we come up short, look again a moment later before
    // answering sold out, so places in a failed attempt are not refused to everyone else.
    for (let pass = 0; more > free.length && pass < SHORT_RETRIES + 1; pass++) {
      if (pass) await new Promise((r) => setTimeout(r, SHORT_RETRY_MS * pass));
      const taken = free.map((r) => r.seatId);
      free.push(
        ...(await queryRows<{ seatId: string }>(
          tx,
          sql`SELECT seat_id AS "seatId" FROM show_seats
              WHERE show_id = ${args.showId}::uuid AND zone_id = ${zoneId}::uuid
                AND (status = 'AVAILABLE' OR (status = 'LOCKED' AND lock_expiry <= now()))
                ${taken.length ? sql`AND NOT (seat_id = ANY(${uuidArray(taken)}))` : sql``}
              LIMIT ${more - free.length} FOR UPDATE SKIP LOCKED`,
        )),
      );
    }
    if (free.length < more) short.push({ zoneId, available: own.length + free.length });
    picked.push(...own.map((r) => r.seatId), ...free.map((r) => r.seatId));
  }
  if (short.length) throw zoneSoldOut(short, args.names);
  return picked;
}

/**
 * Adds a general admission zone to a section with its capacity as unit rows (numbered 1..N,
 * labelled "Fan Pit #12"). Shows price it through show_zone_prices; createShowSeats gives each
 * priced show its units.
 */
export async function addZone(
  ex: Executor,
  z: { sectionId: string; name: string; capacity: number; kind?: "STANDING" | "TIMED_ENTRY"; sortOrder?: number },
): Promise<{ id: string; name: string; capacity: number }> {
  if (!Number.isInteger(z.capacity) || z.capacity < 1 || z.capacity > 30_000) {
    throw new AppError("INVALID_QUANTITY", "A zone holds between 1 and 30,000 people.", { details: { capacity: z.capacity } });
  }
  const [zone] = await ex
    .insert(zonesTable)
    .values({ sectionId: z.sectionId, name: z.name, capacity: z.capacity, kind: z.kind ?? "STANDING", sortOrder: z.sortOrder ?? 0 })
    .returning({ id: zonesTable.id, name: zonesTable.name, capacity: zonesTable.capacity });
  await ex.execute(sql`
    INSERT INTO seats (section_id, label, row_label, row_index, col_index, type, zone_id)
    SELECT ${z.sectionId}::uuid, ${z.name} || ' #' || n, ${z.name}, -1, n, 'REGULAR', ${zone!.id}::uuid
    FROM generate_series(1, ${z.capacity}::int) AS n`);
  return zone!;
}
