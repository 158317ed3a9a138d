// Seat holds: all-or-nothing, for HOLD_MINUTES, in two phases (invariants 1–3 of DESIGN.md).
//
//   phase 1  Redis: one Lua script takes every requested seat key of the show, or none.
//   phase 2  Postgres: one conditional, versioned UPDATE that must cover every seat, in the
//            same transaction as the booking's move to LOCKED; anything short rolls back and
//            phase 1 is undone.
//
// Redis absent, failing or slow ⇒ phase 2 alone, still correct. The seat map's server action
// and the API's route handlers both call these functions.
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { queryRows } from "@/db/rows";
import { env } from "@/lib/env.js";
import { AppError, notFound } from "@/lib/errors";
import { withRedis } from "@/lib/redis/client";
import { canTransition, transition, transitionSql, type BookingStatus } from "@/lib/booking/state";
import { newBookingReference } from "@/lib/booking/reference";
import { databaseError, isUniqueViolation } from "@/db/errors";
import { getAvailability, getSeatMapLayout, invalidateAvailability } from "./availability";
import type { SeatMapLayout } from "./types";
import { priceFactor } from "@/lib/pricing/strategy";
import { acquireSeats, claimSeats, releaseSeats, type AcquireResult } from "./redis-holds";
import { MAX_SEATS_PER_BOOKING, MAX_SEATS_PER_USER_PER_SHOW } from "./types";

export const holdMinutes = () => env().HOLD_MINUTES;

// marquee_hold_seats (db/migrations/0010) makes the INITIATED|LOCKED -> LOCKED move in SQL, in the
// same statement as the seats; the one state machine must allow it.
for (const from of ["INITIATED", "LOCKED"] as const) {
  if (!canTransition(from, "LOCKED")) throw new Error(`Booking transition ${from} → LOCKED is not allowed, but marquee_hold_seats makes it`);
}

export type HeldSeat = { seatId: string; showSeatId: string; label: string; type: string; priceMinor: number };

export type Hold = {
  id: string;
  reference: string;
  userId: string;
  showId: string;
  status: BookingStatus;
  currency: string;
  subtotalMinor: number;
  totalMinor: number;
  expiresAt: Date | null;
  /** Past expires_at by the database clock (a LOCKED booking whose hold lapsed). */
  expired: boolean;
  createdAt: Date;
  seats: HeldSeat[];
};

/** A booking row as BOOKING_COLUMNS reads it: a Hold without its seats. */
type BookingRow = Omit<Hold, "seats">;

const BOOKING_COLUMNS = sql`b.id, b.reference, b.user_id AS "userId", b.show_id AS "showId", b.status, b.currency,
  b.subtotal_minor AS "subtotalMinor", b.total_minor AS "totalMinor", b.expires_at AS "expiresAt", b.created_at AS "createdAt",
  (b.expires_at IS NOT NULL AND b.expires_at <= now()) AS expired`;

type ShowRow = { id: string; status: string; startsAt: Date; currency: string; onSale: boolean };

function notOnSale(showStatus: string): AppError {
  return new AppError(
    "SHOW_NOT_ON_SALE",
    showStatus === "CANCELLED" ? "This show has been cancelled." : "This show has already started; tickets are no longer on sale.",
  );
}

async function showForSale(showId: string, ex: Executor): Promise<ShowRow> {
  const [show] = await queryRows<ShowRow>(
    ex,
    sql`SELECT s.id, s.status, s.starts_at AS "startsAt", s.currency, (s.status = 'SCHEDULED' AND s.starts_at > now()) AS "onSale"
        FROM shows s JOIN events e ON e.id = s.event_id
        WHERE s.id = ${showId}::uuid AND e.status = 'PUBLISHED'`,
  );
  if (!show) throw notFound("Show");
  if (!show.onSale) throw notOnSale(show.status);
  return show;
}

/**
 * Opens a booking for a show (INITIATED, no seats yet). A user has at most one open hold per
 * show (a unique index says so): if one is open it is answered instead (`created: false`); one
 * whose hold lapsed is expired first.
 */
export async function initiateBooking(userId: string, showId: string, ex: Executor = db): Promise<Hold & { created: boolean }> {
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      // The fast path is this one statement: it inserts only for a show on sale.
      const [row] = await queryRows<BookingRow>(
        ex,
        sql`INSERT INTO bookings AS b (reference, user_id, show_id, status, currency)
            SELECT ${newBookingReference()}, ${userId}::uuid, s.id, 'INITIATED', s.currency
            FROM shows s JOIN events e ON e.id = s.event_id
            WHERE s.id = ${showId}::uuid AND e.status = 'PUBLISHED' AND s.status = 'SCHEDULED' AND s.starts_at > now()
            ON CONFLICT (user_id, show_id) WHERE status IN ('INITIATED', 'LOCKED') DO NOTHING
            RETURNING ${BOOKING_COLUMNS}`,
      );
      if (row) return { ...shape(row), seats: [], created: true };
    } catch (err) {
      // A reference collision (about one in 10^12) gets a new reference.
      if (isUniqueViolation(err, "bookings_reference_unique")) continue;
      throw err;
    }
    await showForSale(showId, ex); // not inserted: say why if the show is the reason
    const [open] = await queryRows<BookingRow>(
      ex,
      sql`SELECT ${BOOKING_COLUMNS} FROM bookings b
          WHERE b.user_id = ${userId}::uuid AND b.show_id = ${showId}::uuid AND b.status IN ('INITIATED', 'LOCKED')`,
    );
    if (!open) continue; // it closed in the meantime: insert again
    if (!open.expired) return { ...shape(open), seats: await heldSeats(open.id, ex), created: false };
    await expireBookings(ex, [open.id]);
  }
  throw new AppError("CONFLICT", "Could not open a booking for this show; please try again.");
}

function shape(r: BookingRow): Omit<Hold, "seats"> {
  return {
    id: r.id,
    reference: r.reference,
    userId: r.userId,
    showId: r.showId,
    status: r.status,
    currency: r.currency,
    subtotalMinor: Number(r.subtotalMinor),
    totalMinor: Number(r.totalMinor),
    expiresAt: r.expiresAt ? new Date(r.expiresAt) : null,
    expired: Boolean(r.expired),
    createdAt: new Date(r.createdAt),
  };
}

async function heldSeats(bookingId: string, ex: Executor): Promise<HeldSeat[]> {
  return queryRows<HeldSeat>(
    ex,
    sql`SELECT bs.seat_id AS "seatId", bs.show_seat_id AS "showSeatId", st.label, st.type, bs.price_minor AS "priceMinor"
        FROM booking_seats bs JOIN seats st ON st.id = bs.seat_id
        WHERE bs.booking_id = ${bookingId}::uuid ORDER BY st.row_index, st.col_index`,
  );
}

/** A booking of this user with its seats; anyone else's answers 404. */
export async function getHold(userId: string, bookingId: string, ex: Executor = db): Promise<Hold> {
  const [row] = await queryRows<BookingRow>(ex, sql`SELECT ${BOOKING_COLUMNS} FROM bookings b WHERE b.id = ${bookingId}::uuid AND b.user_id = ${userId}::uuid`);
  if (!row) throw notFound("Booking");
  return { ...shape(row), seats: await heldSeats(bookingId, ex) };
}

/** The user's hold on a show that can still take seats (INITIATED, or LOCKED and not lapsed). */
export async function findActiveHold(userId: string, showId: string, ex: Executor = db): Promise<Hold | null> {
  const [row] = await queryRows<BookingRow>(
    ex,
    sql`SELECT ${BOOKING_COLUMNS} FROM bookings b
        WHERE b.user_id = ${userId}::uuid AND b.show_id = ${showId}::uuid
          AND (b.status = 'INITIATED' OR (b.status = 'LOCKED' AND b.expires_at > now()))
        ORDER BY b.created_at DESC LIMIT 1`,
  );
  return row ? { ...shape(row), seats: await heldSeats(row.id, ex) } : null;
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

/**
 * Holds exactly `seatIds` for booking `bookingId` of `userId`: seats the booking held before and
 * no longer asks for are released; the hold keeps its expiry when it already had one (changing
 * seats does not extend it). All or nothing: on any conflict nothing changes and the error
 * names the seats that are taken.
 */
export async function lockSeats(userId: string, bookingId: string, seatIds: string[]): Promise<Hold> {
  if (seatIds.length === 0) throw new AppError("VALIDATION_FAILED", "Pick at least one seat.");
  if (new Set(seatIds).size !== seatIds.length) {
    throw new AppError("DUPLICATE_SEATS", "The same seat is listed more than once.", { details: { seatIds: seatIds.filter((id, i) => seatIds.indexOf(id) !== i) } });
  }
  if (seatIds.length > MAX_SEATS_PER_BOOKING) {
    throw new AppError("TOO_MANY_SEATS", `You can hold at most ${MAX_SEATS_PER_BOOKING} seats at a time.`, { details: { max: MAX_SEATS_PER_BOOKING } });
  }

  // One read: the booking (this user's only) and whether its show is still on sale.
  const [booking] = await queryRows<BookingRow & { onSale: boolean; showStatus: string; pricingStrategy: "STATIC" | "DYNAMIC"; pricingConfig: unknown; startsAt: Date }>(
    db,
    sql`SELECT ${BOOKING_COLUMNS}, (s.status = 'SCHEDULED' AND s.starts_at > now() AND e.status = 'PUBLISHED') AS "onSale", s.status AS "showStatus",
               s.pricing_strategy AS "pricingStrategy", s.pricing_config AS "pricingConfig", s.starts_at AS "startsAt"
        FROM bookings b JOIN shows s ON s.id = b.show_id JOIN events e ON e.id = s.event_id
        WHERE b.id = ${bookingId}::uuid AND b.user_id = ${userId}::uuid`,
  );
  if (!booking) throw notFound("Booking");
  assertCanHold(booking);
  if (!booking.onSale) throw notOnSale(booking.showStatus);
  const showId = booking.showId;

  const layout = await getSeatMapLayout(showId);
  const seatsById = seatIndex(layout);
  const unknown = seatIds.filter((id) => !seatsById.has(id));
  if (unknown.length) throw new AppError("UNKNOWN_SEATS", "Some seats are not part of this show.", { details: { seatIds: unknown } });
  const notForSale = seatIds.filter((id) => seatsById.get(id)!.seat.priceMinor < 0);
  if (notForSale.length) throw seatsUnavailable(notForSale, seatsById);

  // Dynamic pricing moves base prices by demand and time to the show; the price fixed here is the
  // price charged (booking_seats keeps it).
  const factor =
    booking.pricingStrategy === "DYNAMIC"
      ? priceFactor({ pricingStrategy: "DYNAMIC", pricingConfig: booking.pricingConfig, startsAt: new Date(booking.startsAt) }, occupancyOf(layout, (await getAvailability(showId)).status))
      : 1;
  const expiresAt = booking.status === "LOCKED" && booking.expiresAt ? new Date(booking.expiresAt) : new Date(Date.now() + holdMinutes() * 60_000);
  const ttlMs = expiresAt.getTime() - Date.now();

  // Phase 1 (Redis). "skipped" when Redis is absent or failed: phase 2 alone decides.
  const phase1 = await withRedis<AcquireResult | "skipped">(
    (redis) => acquireSeats(redis, showId, bookingId, seatIds, ttlMs),
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
          WHERE show_id = ${showId}::uuid AND seat_id = ANY(${pgUuidArray(phase1.taken)}::uuid[])
            AND (status = 'AVAILABLE' OR (status = 'LOCKED' AND (lock_expiry <= now() OR locked_by_booking_id = ${bookingId}::uuid)))`,
    );
    const freeIds = new Set(free.map((r) => r.seatId));
    const reallyTaken = phase1.taken.filter((id) => !freeIds.has(id));
    if (reallyTaken.length) throw seatsUnavailable(reallyTaken, seatsById);
    reclaim = true;
  }
  const undoPhase1 = () =>
    phase1 !== "skipped" && phase1.ok && phase1.fresh.length
      ? withRedis((redis) => releaseSeats(redis, showId, bookingId, phase1.fresh), () => 0)
      : Promise.resolve(0);

  // Phase 2 (Postgres): one call to marquee_hold_seats (db/migrations/0010, 0012), a single statement
  // and so a single transaction: the booking checked and locked, seats it no longer wants
  // released, every wanted seat taken by one conditional, versioned UPDATE or nothing changed,
  // booking_seats and the move to LOCKED written — one round trip instead of six.
  let released: string[] = [];
  let locked: { id: string; seatId: string; priceMinor: number }[] = [];
  try {
    const [row] = await queryRows<{ result: { released: string[]; locked: typeof locked } }>(
      db,
      sql`SELECT marquee_hold_seats(${bookingId}::uuid, ${showId}::uuid, ${pgUuidArray(seatIds)}::uuid[], ${expiresAt.toISOString()}::timestamptz, ${factor}::float8, ${MAX_SEATS_PER_USER_PER_SHOW}::int) AS result`,
    );
    released = row!.result.released;
    locked = row!.result.locked;
  } catch (err) {
    await undoPhase1();
    throw holdError(err, seatsById);
  } finally {
    invalidateAvailability(showId);
  }
  if (released.length) await withRedis((redis) => releaseSeats(redis, showId, bookingId, released), () => 0);
  if (reclaim) await withRedis((redis) => claimSeats(redis, showId, bookingId, seatIds, expiresAt.getTime() - Date.now()), () => 0);

  // Answer from what the statements returned: no read-back.
  const byId = new Map(locked.map((r) => [r.seatId, r]));
  const seats: HeldSeat[] = layout.seats
    .filter((s) => byId.has(s.id))
    .map((s) => ({ seatId: s.id, showSeatId: byId.get(s.id)!.id, label: s.label, type: s.type, priceMinor: Number(byId.get(s.id)!.priceMinor) }));
  const subtotalMinor = seats.reduce((sum, s) => sum + s.priceMinor, 0);
  return { ...shape(booking), status: "LOCKED", expiresAt, expired: false, subtotalMinor, totalMinor: subtotalMinor, seats };
}

/** marquee_hold_seats' errors as the API's; anything else as it is. */
function holdError(err: unknown, seatsById: SeatIndex): unknown {
  const e = databaseError(err);
  switch (e?.code) {
    case "MQ409":
      return seatsUnavailable(e.detail ? e.detail.split(",") : [], seatsById);
    case "MQ410":
      return new AppError("HOLD_EXPIRED", "Your hold on these seats ran out. Pick your seats again.");
    case "MQ422":
      return new AppError("INVALID_STATE", `This booking is ${(e.detail ?? "closed").toLowerCase().replace("_", " ")}; its seats can no longer be changed.`, {
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

function assertCanHold(b: BookingRow): void {
  if (b.status === "LOCKED" && b.expired) {
    throw new AppError("HOLD_EXPIRED", "Your hold on these seats ran out. Pick your seats again.");
  }
  if (b.status !== "INITIATED" && b.status !== "LOCKED") {
    throw new AppError("INVALID_STATE", `This booking is ${b.status.toLowerCase().replace("_", " ")}; its seats can no longer be changed.`, {
      details: { status: b.status },
    });
  }
}

// postgres.js and PGlite both take a text array literal for uuid[] parameters.
function pgUuidArray(ids: string[]): string {
  return `{${ids.join(",")}}`;
}

/**
 * Lets a hold go: the booking becomes EXPIRED and its seats are back on sale at once. Used when
 * the holder changes their mind; a booking past its hold is left as it is.
 */
export async function releaseHold(userId: string, bookingId: string): Promise<Hold> {
  const [booking] = await queryRows<BookingRow>(db, sql`SELECT ${BOOKING_COLUMNS} FROM bookings b WHERE b.id = ${bookingId}::uuid AND b.user_id = ${userId}::uuid`);
  if (!booking) throw notFound("Booking");
  let seatIds: string[] = [];
  await db.transaction(async (tx) => {
    let moved = await transition(tx, bookingId, ["INITIATED", "LOCKED"], "EXPIRED", [sql`cancelled_at = now()`]);
    if (!moved && booking.status === "PAYMENT_PENDING") {
      // After a declined payment the payer may still let the seats go — unless a payment is live.
      const [live] = await queryRows<{ id: string }>(tx, sql`SELECT id FROM payments WHERE booking_id = ${bookingId}::uuid AND status IN ('INITIATED', 'PENDING', 'SUCCEEDED') LIMIT 1`);
      if (!live) moved = await transition(tx, bookingId, ["PAYMENT_PENDING"], "FAILED", [sql`cancelled_at = now()`]);
    }
    if (!moved) {
      if (booking.status === "EXPIRED") return; // released already: same answer twice
      throw new AppError("INVALID_STATE", `This booking is ${booking.status.toLowerCase().replace("_", " ")}; there is no hold to release.`, {
        details: { status: booking.status },
      });
    }
    seatIds = (await freeSeatsOf(tx, [bookingId])).map((r) => r.seatId);
  });
  invalidateAvailability(booking.showId);
  if (seatIds.length) await withRedis((redis) => releaseSeats(redis, booking.showId, bookingId, seatIds), () => 0);
  return getHold(userId, bookingId);
}

/** Frees seats still LOCKED by these bookings; seats someone else re-took are left alone. */
function freeSeatsOf(ex: Executor, bookingIds: string[]) {
  return queryRows<{ seatId: string; showId: string }>(
    ex,
    sql`UPDATE show_seats SET status = 'AVAILABLE', locked_by_booking_id = NULL, lock_expiry = NULL, version = version + 1
        WHERE locked_by_booking_id = ANY(${pgUuidArray(bookingIds)}::uuid[]) AND status = 'LOCKED'
        RETURNING seat_id AS "seatId", show_id AS "showId"`,
  );
}

/**
 * Expires these bookings if they are still open holds (INITIATED or LOCKED) and frees the seats
 * they still lock; seats someone else re-took are left alone. Answers the shows touched.
 */
export async function expireBookings(ex: Executor, bookingIds: string[] | SQL): Promise<{ expired: number; freed: { seatId: string; showId: string }[] }> {
  const ids = Array.isArray(bookingIds) ? sql`SELECT unnest(${pgUuidArray(bookingIds)}::uuid[])` : bookingIds;
  const [row] = await queryRows<{ expired: number; freed: { seatId: string; showId: string }[] | null }>(
    ex,
    sql`WITH moved AS (${transitionSql(ids, ["INITIATED", "LOCKED"], "EXPIRED")}),
        freed AS (
          UPDATE show_seats SET status = 'AVAILABLE', locked_by_booking_id = NULL, lock_expiry = NULL, version = version + 1
          WHERE locked_by_booking_id IN (SELECT id FROM moved) AND status = 'LOCKED'
          RETURNING seat_id, show_id
        )
        SELECT (SELECT count(*) FROM moved)::int AS expired,
               (SELECT json_agg(json_build_object('seatId', seat_id, 'showId', show_id)) FROM freed) AS freed`,
  );
  return { expired: row?.expired ?? 0, freed: row?.freed ?? [] };
}

/**
 * The release cron: bookings whose hold lapsed (LOCKED past expires_at, or INITIATED and
 * abandoned for twice the hold time) become EXPIRED and their seats AVAILABLE. Reads already
 * treat a lapsed hold as free; this tidies the rows. Batches use SKIP LOCKED, so two runs at
 * once split the work instead of waiting on or repeating each other.
 */
export async function releaseExpiredHolds(opts: { batchSize?: number } = {}): Promise<{ expired: number; seatsFreed: number }> {
  const batch = opts.batchSize ?? 500;
  let expired = 0;
  let seatsFreed = 0;
  const shows = new Set<string>();
  for (;;) {
    const result = await expireBookings(
      db,
      sql`SELECT id FROM bookings
          WHERE (status = 'LOCKED' AND expires_at <= now())
             OR (status = 'INITIATED' AND created_at <= now() - make_interval(mins => ${2 * holdMinutes()}))
          ORDER BY created_at
          LIMIT ${batch}
          FOR UPDATE SKIP LOCKED`,
    );
    expired += result.expired;
    seatsFreed += result.freed.length;
    for (const f of result.freed) shows.add(f.showId);
    if (result.expired < batch) break;
  }
  for (const showId of shows) invalidateAvailability(showId);
  return { expired, seatsFreed };
}

/** Share of a show's sellable seats that are sold or held (status codes; "X" is not for sale). */
export function occupancyOf(layout: { seats: { priceMinor: number }[] }, status: string): number {
  let sellable = 0;
  let taken = 0;
  layout.seats.forEach((seat, i) => {
    if (seat.priceMinor < 0 || status[i] === "X") return;
    sellable++;
    if (status[i] === "H" || status[i] === "B") taken++;
  });
  return sellable ? taken / sellable : 0;
}
