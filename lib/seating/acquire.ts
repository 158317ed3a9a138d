// Taking seats for a holder: all or nothing, in two phases (invariants 1–3 of DESIGN.md).
//
//   phase 1  Redis: one Lua script takes every requested seat key of the show, or none.
//   phase 2  Postgres: one conditional, versioned UPDATE that must cover every seat, in the
//            same transaction as the booking's move to LOCKED (seat-state.holdSeatsInDatabase);
//            anything short rolls back and phase 1 is undone.
//
// Redis absent, failing or slow ⇒ phase 2 alone, still correct. The holder is a booking id, the
// fence every later write checks; whether the booking may take seats is lib/booking/hold.ts's
// to decide before it calls here.
import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { databaseError } from "@/db/errors";
import { queryRows } from "@/db/rows";
import { uuidArray } from "@/db/sql";
import { AppError, notFound, statusWords } from "@/lib/errors";
import { priceFactor } from "@/lib/pricing/strategy";
import { withRedis } from "@/lib/redis/client";
import { getAvailability, getSeatMapLayout, invalidateAvailability, occupancyOf } from "./availability";
import { companionProblem } from "./companions";
import { acquireSeats as acquireInRedis, claimSeats, releaseSeats, takeUnits, type AcquireResult, type TakeUnitsResult } from "./redis-holds";
import { holdSeatsInDatabase, type HoldSeatsResult } from "./seat-state";
import { checkZoneRequest, checkZonesOfShow, heldZoneUnits, pickZoneUnits, refuseZonesShort, unitCandidates, type ZoneRequest } from "./zones";
import { MAX_SEATS_PER_BOOKING, MAX_SEATS_PER_USER_PER_SHOW, type SeatMapLayout } from "./types";

/** A seat or, with zoneId, one place of a general admission zone (label: the zone's name). */
export type HeldSeat = { seatId: string; showSeatId: string; label: string; type: string; priceMinor: number; zoneId?: string | null };

/** The checks a seat request passes before anything is read: at least one seat, no repeats, at most MAX_SEATS_PER_BOOKING. */
export function checkSeatRequest(seatIds: readonly string[], zones: readonly ZoneRequest[] = []): void {
  checkZoneRequest(zones);
  const places = seatIds.length + zones.reduce((n, z) => n + z.quantity, 0);
  if (places === 0) throw new AppError("VALIDATION_FAILED", "Pick at least one seat.");
  if (places > MAX_SEATS_PER_BOOKING && zones.length) {
    throw new AppError("TOO_MANY_SEATS", `You can hold at most ${MAX_SEATS_PER_BOOKING} tickets at a time, seats and standing together.`, { details: { max: MAX_SEATS_PER_BOOKING } });
  }
  if (new Set(seatIds).size !== seatIds.length) {
    throw new AppError("DUPLICATE_SEATS", "The same seat is listed more than once.", { details: { seatIds: seatIds.filter((id, i) => seatIds.indexOf(id) !== i) } });
  }
  if (seatIds.length > MAX_SEATS_PER_BOOKING) {
    throw new AppError("TOO_MANY_SEATS", `You can hold at most ${MAX_SEATS_PER_BOOKING} seats at a time.`, { details: { max: MAX_SEATS_PER_BOOKING } });
  }
}

type SeatIndex = Map<string, { seat: SeatMapLayout["seats"][number]; index: number }>;
const seatIndexes = new WeakMap<SeatMapLayout, SeatIndex>();

/** A layout's seats by id, with their position in the status string (built once per layout). */
function seatIndex(layout: SeatMapLayout): SeatIndex {
  let index = seatIndexes.get(layout);
  if (!index) {
    index = new Map(layout.seats.map((seat, i) => [seat.id, { seat, index: i }]));
    seatIndexes.set(layout, index);
  }
  return index;
}

function seatsUnavailable(seatIds: string[], seats: SeatIndex): AppError {
  const names = seatIds.map((id) => seats.get(id)?.seat.label ?? id);
  return new AppError(
    "SEATS_UNAVAILABLE",
    `${names.length === 1 ? `Seat ${names[0]} was` : `Seats ${names.join(", ")} were`} just taken by someone else. Please pick other seats.`,
    { details: { seatIds, labels: names } },
  );
}

export type SeatRequest = {
  bookingId: string;
  showId: string;
  seatIds: readonly string[];
  /** Quantities of general admission zones, held beside the seats in the same all-or-nothing step. */
  zones?: readonly ZoneRequest[];
  /** When the hold ends (a booking changing its seats keeps its expiry). */
  expiresAt: Date;
  pricing: { pricingStrategy: "STATIC" | "DYNAMIC"; pricingConfig: unknown; startsAt: Date };
};

/**
 * Holds exactly `seatIds` of the show for the booking: seats it held before and no longer asks
 * for are released. A companion seat needs its wheelchair space in the same hold (companions.ts).
 * All or nothing: on any conflict nothing changes and the error names the
 * seats that are taken. Answers the seats held, in hall order, at the prices fixed now.
 */
export async function acquireSeats(req: SeatRequest): Promise<HeldSeat[]> {
  const { bookingId, showId, seatIds, expiresAt } = req;
  const zones = req.zones ?? [];
  const layout = await getSeatMapLayout(showId);
  checkZonesOfShow(layout, zones);
  const seatsById = seatIndex(layout);
  const unknown = seatIds.filter((id) => !seatsById.has(id));
  if (unknown.length) throw new AppError("UNKNOWN_SEATS", "Some seats are not part of this show.", { details: { seatIds: unknown } });
  const notForSale = seatIds.filter((id) => seatsById.get(id)!.seat.priceMinor < 0);
  if (notForSale.length) throw seatsUnavailable(notForSale, seatsById);
  // Before anything is taken: a refused hold leaves Redis and Postgres as they were.
  const companions = companionProblem(layout, seatIds);
  if (companions) throw new AppError(companions.code, companions.message, { details: { seatIds: companions.seatIds, labels: companions.labels } });

  // Dynamic pricing moves base prices by demand and time to the show; the price fixed here is the
  // price charged (booking_seats keeps it).
  const factor =
    req.pricing.pricingStrategy === "DYNAMIC"
      ? priceFactor({ pricingStrategy: "DYNAMIC", pricingConfig: req.pricing.pricingConfig, startsAt: req.pricing.startsAt }, occupancyOf(layout, (await getAvailability(showId)).status))
      : 1;
  const ttlMs = expiresAt.getTime() - Date.now();

  // Phase 1 (Redis). "skipped" when Redis is absent or failed: phase 2 alone decides.
  const phase1 = await withRedis<AcquireResult | "skipped">(
    (redis) => acquireInRedis(redis, showId, bookingId, [...seatIds], ttlMs),
    () => "skipped" as const,
  );
  // Redis only accelerates: when it says a seat is taken but Postgres has it free, the Redis key
  // outlived its hold (a release whose Redis call failed, say), so phase 2 decides and the keys
  // are rewritten after it.
  let reclaim = false;
  if (phase1 !== "skipped" && !phase1.ok) {
    // Usually this process's seat-map snapshot (at most half a second old) agrees that someone
    // else holds or bought a refused seat: answer the conflict from it, no query. A refusal the
    // snapshot does not confirm is checked against the contested rows themselves, so a stale key
    // never keeps a seat off sale. (At worst a seat freed in the last half second is refused
    // once more, as if the buyer had been that much earlier.)
    const snapshot = await getAvailability(showId);
    const confirmed = phase1.taken.filter((id) => {
      const code = snapshot.status[seatsById.get(id)!.index];
      return code === "B" || code === "X" || (code === "H" && snapshot.lockedBy.get(id) !== bookingId);
    });
    if (confirmed.length) throw seatsUnavailable(confirmed, seatsById);
    const free = await queryRows<{ seatId: string }>(
      db,
      sql`SELECT seat_id AS "seatId" FROM show_seats
          WHERE show_id = ${showId}::uuid AND seat_id = ANY(${uuidArray(phase1.taken)})
            AND (status = 'AVAILABLE' OR (status = 'LOCKED' AND (lock_expiry <= now() OR locked_by_booking_id = ${bookingId}::uuid)))`,
    );
    const freeIds = new Set(free.map((r) => r.seatId));
    const reallyTaken = phase1.taken.filter((id) => !freeIds.has(id));
    if (reallyTaken.length) throw seatsUnavailable(reallyTaken, seatsById);
    reclaim = true;
  }
  // Phase 1 for zones: Redis hands out distinct free units, so buyers of one zone do not meet on
  // the same rows in Postgres. When it cannot (the snapshot or Redis is short, Redis is down),
  // Postgres picks the units itself (pickZoneUnits) and has the last word on sold out either way.
  let unitsPhase1: TakeUnitsResult | "skipped" = "skipped";
  if (zones.length && phase1 !== "skipped") {
    const [snapshot, own] = await Promise.all([getAvailability(showId), heldZoneUnits(db, bookingId)]);
    const candidates = unitCandidates(layout, snapshot, own, zones);
    if (candidates) unitsPhase1 = await withRedis<TakeUnitsResult | "skipped">((redis) => takeUnits(redis, showId, bookingId, candidates, ttlMs), () => "skipped" as const);
  }
  const freshUnits = unitsPhase1 !== "skipped" && unitsPhase1.ok ? unitsPhase1.fresh : [];
  const fresh = [...(phase1 !== "skipped" && phase1.ok ? phase1.fresh : []), ...freshUnits];
  const undoPhase1 = () => (fresh.length ? withRedis((redis) => releaseSeats(redis, showId, bookingId, fresh), () => 0) : Promise.resolve(0));

  // Phase 2 (Postgres): one statement, one round trip, when every seat and unit is known.
  let result: HoldSeatsResult;
  let units: string[] = [];
  const hold = { bookingId, showId, expiresAt, priceFactor: factor, seatLimit: MAX_SEATS_PER_USER_PER_SHOW };
  // One transaction: the booking row first (the order marquee_hold_seats locks in), then disjoint
  // free units taken with SKIP LOCKED, then the hold.
  const names = new Map(layout.zones.map((z) => [z.id, z.name]));
  const holdZonesInPostgres = async () => {
    await refuseZonesShort(db, { bookingId, showId, zones, names });
    return db.transaction(async (tx) => {
      await tx.execute(sql`SELECT 1 FROM bookings WHERE id = ${bookingId}::uuid FOR UPDATE`);
      units = await pickZoneUnits(tx, { bookingId, showId, zones, names });
      return holdSeatsInDatabase(tx, { ...hold, seatIds: [...seatIds, ...units] });
    });
  };
  try {
    if (zones.length === 0) result = await holdSeatsInDatabase(db, { ...hold, seatIds });
    else if (unitsPhase1 !== "skipped" && unitsPhase1.ok) {
      // Redis chose the units: one conditional update on exactly those rows, like seats. A unit
      // the snapshot thought free but was not (sold in the last half second) sends the request
      // down the Postgres path below, with Redis's units given back.
      units = unitsPhase1.taken;
      try {
        result = await holdSeatsInDatabase(db, { ...hold, seatIds: [...seatIds, ...units] });
      } catch (err) {
        const conflict = databaseError(err);
        const unitIds = new Set(units);
        if (conflict?.code !== "MQ409" || !(conflict.detail ?? "").split(",").some((id) => unitIds.has(id))) throw err;
        if (freshUnits.length) await withRedis((redis) => releaseSeats(redis, showId, bookingId, freshUnits), () => 0);
        fresh.splice(fresh.length - freshUnits.length);
        unitsPhase1 = "skipped";
        result = await holdZonesInPostgres();
      }
    } else result = await holdZonesInPostgres();
  } catch (err) {
    await undoPhase1();
    throw holdError(err, seatsById);
  } finally {
    invalidateAvailability(showId);
  }
  if (result.released.length) await withRedis((redis) => releaseSeats(redis, showId, bookingId, result.released), () => 0);
  // Units Postgres picked itself are recorded in Redis like seats, so releases and seat-map reads agree.
  const pickedInPostgres = unitsPhase1 === "skipped" || !unitsPhase1.ok ? units : [];
  const claim = reclaim ? [...seatIds, ...pickedInPostgres] : pickedInPostgres;
  if (claim.length) await withRedis((redis) => claimSeats(redis, showId, bookingId, claim, expiresAt.getTime() - Date.now()), () => 0);

  // Answer from what the statement returned: no read-back.
  const byId = new Map(result.locked.map((r) => [r.seatId, r]));
  const zoneNames = new Map(layout.zones.map((z) => [z.id, z.name]));
  return [
    ...layout.seats
      .filter((s) => byId.has(s.id))
      .map((s) => ({ seatId: s.id, showSeatId: byId.get(s.id)!.id, label: s.label, type: s.type, priceMinor: Number(byId.get(s.id)!.priceMinor) })),
    ...layout.units
      .filter((u) => byId.has(u.id))
      .map((u) => ({ seatId: u.id, showSeatId: byId.get(u.id)!.id, label: zoneNames.get(u.zoneId) ?? "General admission", type: "GA", priceMinor: Number(byId.get(u.id)!.priceMinor), zoneId: u.zoneId })),
  ];
}

/** marquee_hold_seats' refusals as domain errors; anything else as it is. */
function holdError(err: unknown, seatsById: SeatIndex): unknown {
  const e = databaseError(err);
  switch (e?.code) {
    case "MQ409":
      return seatsUnavailable(e.detail ? e.detail.split(",") : [], seatsById);
    case "MQ410":
      return new AppError("HOLD_EXPIRED", "Your hold on these seats ran out. Pick your seats again.");
    case "MQ422":
      return new AppError("INVALID_STATE", `This booking is ${statusWords(e.detail ?? "closed")}; its seats can no longer be changed.`, {
        details: { status: e.detail },
      });
    case "MQ404":
      return notFound("Booking");
    case "MQLIM": {
      const elsewhere = Number(e.detail ?? 0);
      return new AppError(
        "SEAT_LIMIT_REACHED",
        `You can have at most ${MAX_SEATS_PER_USER_PER_SHOW} seats for one show${elsewhere ? `, and already have ${elsewhere} in other bookings` : ""}.`,
        { details: { max: MAX_SEATS_PER_USER_PER_SHOW, elsewhere } },
      );
    }
    default:
      return err;
  }
}

/**
 * After seats were freed in Postgres: the seat map shows it at once and the Redis keys go (a key
 * left behind only costs its next taker a check, see acquireSeats).
 */
export async function seatsFreed(freed: readonly { seatId: string; showId: string }[], bookingId: string): Promise<void> {
  const byShow = new Map<string, string[]>();
  for (const f of freed) byShow.set(f.showId, [...(byShow.get(f.showId) ?? []), f.seatId]);
  for (const [showId, seatIds] of byShow) {
    invalidateAvailability(showId);
    await withRedis((redis) => releaseSeats(redis, showId, bookingId, seatIds), () => 0);
  }
}
