// The one writer of show_seats. A show seat is AVAILABLE, LOCKED by a booking until its
// lock_expiry, BOOKED by a booking, or BLOCKED by staff; every move between those is a function
// here (or, for taking seats, marquee_hold_seats in db/migrations/0010 and 0012, which only
// acquire.ts calls). Each write is conditional on the state it expects and bumps `version`, so
// the seat map's ETag moves and a stale writer changes nothing.
//
// Functions ending in `Sql` return a statement for a caller that must run it inside a larger one
// (a CTE next to the booking's own transition, one round trip); the others run it.
//
// lib/architecture.test.ts fails if any other module writes show_seats.
import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { queryRows } from "@/db/rows";
import { showSeats } from "@/db/schema";
import { uuidArray } from "@/db/sql";

/** The columns a seat returns to AVAILABLE with: no holder, no expiry. */
const FREE = { status: "AVAILABLE", lockedByBookingId: null, lockExpiry: null, version: sql`${showSeats.version} + 1` } as const;

const lockedBy = (bookings: readonly string[] | SQL): SQL =>
  Array.isArray(bookings) ? sql`${showSeats.lockedByBookingId} = ANY(${uuidArray(bookings)})` : sql`${showSeats.lockedByBookingId} IN (${bookings})`;

/**
 * Seats still LOCKED by these bookings (ids, or a subquery answering them) back on sale; seats
 * someone else re-took are not theirs any more and are left alone. Returns seat_id, show_id.
 */
export function freeLockedSeatsSql(bookings: readonly string[] | SQL): SQL {
  return db
    .update(showSeats)
    .set(FREE)
    .where(and(lockedBy(bookings), eq(showSeats.status, "LOCKED")))
    .returning({ seatId: showSeats.seatId, showId: showSeats.showId })
    .getSQL();
}

export async function freeLockedSeats(ex: Executor, bookingIds: readonly string[]): Promise<{ seatId: string; showId: string }[]> {
  if (bookingIds.length === 0) return [];
  return ex
    .update(showSeats)
    .set(FREE)
    .where(and(lockedBy(bookingIds), eq(showSeats.status, "LOCKED")))
    .returning({ seatId: showSeats.seatId, showId: showSeats.showId });
}

/** Every held seat of a show back on sale (the show is being cancelled; its holds are expired with it). */
export async function freeLockedSeatsOfShow(ex: Executor, showId: string): Promise<void> {
  await ex.update(showSeats).set(FREE).where(and(eq(showSeats.showId, showId), eq(showSeats.status, "LOCKED")));
}

/** A cancelled booking's seats back on sale (BOOKED by it → AVAILABLE). */
export async function freeBookedSeats(ex: Executor, bookingId: string): Promise<number> {
  const rows = await ex
    .update(showSeats)
    .set(FREE)
    .where(and(eq(showSeats.lockedByBookingId, bookingId), eq(showSeats.status, "BOOKED")))
    .returning({ id: showSeats.id });
  return rows.length;
}

/**
 * Row-locks the show seats a paid booking asked for (booking_seats) that are still its own, or
 * free again (released, or a lapsed hold nobody re-took), and says whether that is all of them.
 * Fenced by the booking id (invariant 3): a seat someone else holds or bought is not counted.
 */
export async function claimableSeats(ex: Executor, bookingId: string): Promise<{ wanted: number; ours: number }> {
  const [row] = await queryRows<{ wanted: number; ours: number }>(
    ex,
    sql`WITH wanted AS (SELECT show_seat_id FROM booking_seats WHERE booking_id = ${bookingId}::uuid),
        lockable AS (
          SELECT ss.id FROM show_seats ss
          WHERE ss.id IN (SELECT show_seat_id FROM wanted)
            AND ((ss.status = 'LOCKED' AND ss.locked_by_booking_id = ${bookingId}::uuid) OR ss.status = 'AVAILABLE' OR (ss.status = 'LOCKED' AND ss.lock_expiry <= now()))
          ORDER BY ss.id FOR UPDATE
        )
        SELECT (SELECT count(*) FROM wanted)::int AS wanted, (SELECT count(*) FROM lockable)::int AS ours`,
  );
  return { wanted: Number(row?.wanted ?? 0), ours: Number(row?.ours ?? 0) };
}

/**
 * A paid booking whose general admission places were re-taken by others after its hold lapsed
 * takes other free places of the same zones instead: places in a zone are interchangeable, so
 * the payer keeps their tickets rather than being refunded. Row-locks the new units (SKIP LOCKED:
 * never one another buyer is taking) and points the booking's rows at them; reserved seats are
 * left alone. Answers false, changing nothing, when some zone has too few free places.
 */
export async function retakeZoneUnits(ex: Executor, bookingId: string): Promise<boolean> {
  const lost = await queryRows<{ id: string; showId: string; zoneId: string }>(
    ex,
    sql`SELECT ss.id, ss.show_id AS "showId", ss.zone_id AS "zoneId" FROM booking_seats bs JOIN show_seats ss ON ss.id = bs.show_seat_id
        WHERE bs.booking_id = ${bookingId}::uuid AND ss.zone_id IS NOT NULL
          AND NOT ((ss.status = 'LOCKED' AND ss.locked_by_booking_id = ${bookingId}::uuid) OR ss.status = 'AVAILABLE' OR (ss.status = 'LOCKED' AND ss.lock_expiry <= now()))
        ORDER BY ss.id`,
  );
  if (lost.length === 0) return false;
  const byZone = new Map<string, { showId: string; ids: string[] }>();
  for (const l of lost) byZone.set(l.zoneId, { showId: l.showId, ids: [...(byZone.get(l.zoneId)?.ids ?? []), l.id] });
  const moves: { from: string; to: string; seatId: string }[] = [];
  for (const [zoneId, { showId, ids }] of byZone) {
    const free = await queryRows<{ id: string; seatId: string }>(
      ex,
      sql`SELECT ss.id, ss.seat_id AS "seatId" FROM show_seats ss
          WHERE ss.show_id = ${showId}::uuid AND ss.zone_id = ${zoneId}::uuid
            AND (ss.status = 'AVAILABLE' OR (ss.status = 'LOCKED' AND ss.lock_expiry <= now()))
            AND NOT EXISTS (SELECT 1 FROM booking_seats bs WHERE bs.booking_id = ${bookingId}::uuid AND bs.show_seat_id = ss.id)
          LIMIT ${ids.length} FOR UPDATE SKIP LOCKED`,
    );
    if (free.length < ids.length) return false;
    ids.forEach((from, i) => moves.push({ from, to: free[i]!.id, seatId: free[i]!.seatId }));
  }
  await ex.execute(
    sql`UPDATE booking_seats bs SET show_seat_id = m.to_id, seat_id = m.seat_id
        FROM unnest(${uuidArray(moves.map((m) => m.from))}, ${uuidArray(moves.map((m) => m.to))}, ${uuidArray(moves.map((m) => m.seatId))}) AS m(from_id, to_id, seat_id)
        WHERE bs.booking_id = ${bookingId}::uuid AND bs.show_seat_id = m.from_id`,
  );
  return true;
}

/** The booking's seats BOOKED by it, for use beside its move to CONFIRMED. Call after claimableSeats() said they are all its own. */
export function bookSeatsSql(bookingId: string): SQL {
  return db
    .update(showSeats)
    .set({ status: "BOOKED", lockedByBookingId: bookingId, lockExpiry: null, version: sql`${showSeats.version} + 1` })
    .where(sql`${showSeats.id} IN (SELECT show_seat_id FROM booking_seats WHERE booking_id = ${bookingId}::uuid)`)
    .getSQL();
}

/**
 * Blocks free seats (house seats, broken seats) or unblocks blocked ones. Answers the seats that
 * changed; a sold or held seat is never blocked, and only a blocked seat is unblocked.
 */
export async function setBlocked(ex: Executor, showId: string, seatIds: readonly string[], blocked: boolean): Promise<string[]> {
  const ofShow = and(eq(showSeats.showId, showId), sql`${showSeats.seatId} = ANY(${uuidArray(seatIds)})`);
  const rows = blocked
    ? await ex
        .update(showSeats)
        .set({ status: "BLOCKED", lockedByBookingId: null, lockExpiry: null, version: sql`${showSeats.version} + 1` })
        .where(and(ofShow, sql`(${showSeats.status} = 'AVAILABLE' OR (${showSeats.status} = 'LOCKED' AND ${showSeats.lockExpiry} <= now()))`))
        .returning({ seatId: showSeats.seatId })
    : await ex
        .update(showSeats)
        .set({ status: "AVAILABLE", version: sql`${showSeats.version} + 1` })
        .where(and(ofShow, eq(showSeats.status, "BLOCKED")))
        .returning({ seatId: showSeats.seatId });
  return rows.map((r) => r.seatId);
}

/**
 * Creates the show seats of the shows `showsWhere` selects (a condition on `s`, the shows row):
 * one AVAILABLE row per hall seat whose type the show prices; seats without a price are not for
 * sale and get no row. A zone gives its units numbered up to its capacity (units above it were
 * kept only for the tickets that name them, lib/admin/zones.ts). Existing rows are kept. With `onlyMaterialised`, shows that have no rows
 * yet are skipped (the large catalog materialises a show's seats when its map is first opened).
 */
export async function createShowSeats(ex: Executor, showsWhere: SQL, opts: { onlyMaterialised?: boolean; onlyUnmaterialised?: boolean } = {}): Promise<void> {
  await ex.execute(sql`
    INSERT INTO show_seats (show_id, seat_id, price_minor, zone_id)
    SELECT s.id, st.id, coalesce(zp.price_minor, p.price_minor), st.zone_id
    FROM shows s
    JOIN seats st ON st.section_id = s.section_id
    LEFT JOIN show_prices p ON st.zone_id IS NULL AND p.show_id = s.id AND p.seat_type = st.type
    LEFT JOIN show_zone_prices zp ON zp.show_id = s.id AND zp.zone_id = st.zone_id
    LEFT JOIN zones z ON z.id = st.zone_id
    WHERE (${showsWhere}) AND coalesce(zp.price_minor, p.price_minor) IS NOT NULL
      AND (st.zone_id IS NULL OR st.col_index <= z.capacity)
      ${opts.onlyMaterialised ? sql`AND EXISTS (SELECT 1 FROM show_seats x WHERE x.show_id = s.id)` : sql``}
      ${opts.onlyUnmaterialised ? sql`AND NOT EXISTS (SELECT 1 FROM show_seats x WHERE x.show_id = s.id)` : sql``}
    ON CONFLICT (show_id, seat_id) DO NOTHING`);
}

/** Free seats of upcoming shows in a hall take their show's current price for their (new) type. */
export async function repriceFreeSeats(ex: Executor, sectionId: string): Promise<void> {
  await ex.execute(sql`
    UPDATE show_seats ss SET price_minor = p.price_minor
    FROM shows sh, seats st, show_prices p
    WHERE ss.show_id = sh.id AND ss.seat_id = st.id AND p.show_id = sh.id AND p.seat_type = st.type
      AND st.zone_id IS NULL AND sh.section_id = ${sectionId}::uuid AND sh.status = 'SCHEDULED' AND sh.starts_at > now() AND ss.status = 'AVAILABLE' AND ss.price_minor <> p.price_minor`);
}

/**
 * Tops up the zone's units of the shows `showsWhere` selects (a condition on `s`) that price the
 * zone, to its capacity: the lowest-numbered units a show lacks. Shows not materialised yet are
 * left to createShowSeats, which gives them everything at once. Answers the rows added.
 */
export async function topUpZoneUnits(ex: Executor, zoneId: string, showsWhere: SQL): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    ex,
    sql`INSERT INTO show_seats (show_id, seat_id, price_minor, zone_id)
        SELECT c.show_id, c.seat_id, c.price_minor, c.zone_id FROM (
          SELECT s.id AS show_id, st.id AS seat_id, zp.price_minor, st.zone_id,
                 row_number() OVER (PARTITION BY s.id ORDER BY st.col_index) AS rn,
                 z.capacity - (SELECT count(*) FROM show_seats x WHERE x.show_id = s.id AND x.zone_id = z.id) AS room
          FROM shows s
          JOIN show_zone_prices zp ON zp.show_id = s.id AND zp.zone_id = ${zoneId}::uuid
          JOIN zones z ON z.id = zp.zone_id
          JOIN seats st ON st.zone_id = z.id
          WHERE (${showsWhere}) AND EXISTS (SELECT 1 FROM show_seats x WHERE x.show_id = s.id)
            AND NOT EXISTS (SELECT 1 FROM show_seats x WHERE x.show_id = s.id AND x.seat_id = st.id)
        ) c WHERE c.rn <= c.room
        ON CONFLICT (show_id, seat_id) DO NOTHING RETURNING id`,
  );
  return rows.length;
}

/**
 * Takes free units of a zone off the shows `showsWhere` selects until each has at most `capacity`,
 * highest-numbered first. Only AVAILABLE units no booking ever named are removed, so nothing held,
 * sold or paid-for-after-a-lapse is touched. All or nothing: if some show cannot come down that far
 * it removes nothing and answers those shows with how many units they must keep.
 */
export async function trimZoneUnits(ex: Executor, zoneId: string, showsWhere: SQL, capacity: number): Promise<{ short: { showId: string; keep: number }[]; removed: number }> {
  const free = sql`ss.status = 'AVAILABLE' AND NOT EXISTS (SELECT 1 FROM booking_seats bs WHERE bs.show_seat_id = ss.id)`;
  const per = await queryRows<{ showId: string; total: number; removable: number }>(
    ex,
    sql`SELECT ss.show_id AS "showId", count(*)::int AS total, count(*) FILTER (WHERE ${free})::int AS removable
        FROM show_seats ss JOIN shows s ON s.id = ss.show_id
        WHERE ss.zone_id = ${zoneId}::uuid AND (${showsWhere})
        GROUP BY ss.show_id HAVING count(*) > ${capacity}::int`,
  );
  const short = per.filter((p) => p.total - p.removable > capacity).map((p) => ({ showId: p.showId, keep: p.total - p.removable }));
  if (short.length || per.length === 0) return { short, removed: 0 };
  const wanted = per.reduce((n, p) => n + p.total - capacity, 0);
  // Row-locked as they are deleted; a hold that took one meanwhile leaves it out, and the count says so.
  const rows = await queryRows<{ id: string }>(
    ex,
    sql`DELETE FROM show_seats WHERE id IN (
          SELECT c.id FROM (
            SELECT ss.id, row_number() OVER (PARTITION BY ss.show_id ORDER BY st.col_index DESC) AS rn, p.excess
            FROM show_seats ss JOIN seats st ON st.id = ss.seat_id
            JOIN jsonb_to_recordset(${JSON.stringify(per.map((p) => ({ showId: p.showId, excess: p.total - capacity })))}::jsonb) AS p("showId" uuid, excess int) ON p."showId" = ss.show_id
            WHERE ss.zone_id = ${zoneId}::uuid AND ${free}
          ) c WHERE c.rn <= c.excess)
        AND status = 'AVAILABLE' RETURNING id`,
  );
  if (rows.length !== wanted) return { short: per.map((p) => ({ showId: p.showId, keep: p.total - p.removable })), removed: 0 };
  return { short: [], removed: rows.length };
}

/**
 * A zone taken off sale at one show: its free units go; answers how many units stay because they
 * are held, sold or named by a booking (the caller refuses and rolls back when that is not 0).
 */
export async function removeZoneUnitsOfShow(ex: Executor, showId: string, zoneId: string): Promise<{ kept: number }> {
  await ex.execute(sql`
    DELETE FROM show_seats ss WHERE ss.show_id = ${showId}::uuid AND ss.zone_id = ${zoneId}::uuid
      AND ss.status IN ('AVAILABLE', 'BLOCKED') AND NOT EXISTS (SELECT 1 FROM booking_seats bs WHERE bs.show_seat_id = ss.id)`);
  const [row] = await queryRows<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM show_seats WHERE show_id = ${showId}::uuid AND zone_id = ${zoneId}::uuid`);
  return { kept: Number(row?.n ?? 0) };
}

/** A show's free units of a zone take its new price (held and sold ones keep what they were sold at). */
export async function repriceFreeZoneUnits(ex: Executor, showId: string, zoneId: string, priceMinor: number): Promise<void> {
  await ex
    .update(showSeats)
    .set({ priceMinor, version: sql`${showSeats.version} + 1` })
    .where(and(eq(showSeats.showId, showId), eq(showSeats.zoneId, zoneId), sql`${showSeats.status} IN ('AVAILABLE', 'BLOCKED')`, sql`${showSeats.priceMinor} <> ${priceMinor}`));
}

/** Hall seats being removed take their show seats with them (the caller checked none is sold or held). */
export async function deleteShowSeatsOf(ex: Executor, seatIds: readonly string[]): Promise<void> {
  await ex.delete(showSeats).where(sql`${showSeats.seatId} = ANY(${uuidArray(seatIds)})`);
}

export type HoldSeatsResult = { released: string[]; locked: { id: string; seatId: string; priceMinor: number }[] };

/**
 * Phase 2 of a hold: marquee_hold_seats in one statement (and so one transaction) checks and
 * locks the booking, releases the seats it no longer wants, takes every wanted seat by one
 * conditional, versioned UPDATE or none, writes booking_seats and moves the booking to LOCKED.
 * Its refusals are SQLSTATEs MQ409/MQ410/MQ422/MQ404/MQLIM (acquire.ts turns them into errors).
 */
export async function holdSeatsInDatabase(
  ex: Executor,
  args: { bookingId: string; showId: string; seatIds: readonly string[]; expiresAt: Date; priceFactor: number; seatLimit: number },
): Promise<HoldSeatsResult> {
  const [row] = await queryRows<{ result: HoldSeatsResult }>(
    ex,
    sql`SELECT marquee_hold_seats(${args.bookingId}::uuid, ${args.showId}::uuid, ${uuidArray(args.seatIds)}, ${args.expiresAt.toISOString()}::timestamptz, ${args.priceFactor}::float8, ${args.seatLimit}::int) AS result`,
  );
  return row!.result;
}
