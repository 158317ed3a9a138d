// The waitlist's matcher: places that came back (a hold let go or lapsed, a cancellation, seats
// unblocked) are held for the people in line and offered to them. One run per show at a time
// (a transaction-scoped advisory lock, on PGlite too), so every freed place goes to one offer and
// no entry is offered twice however many cancellations trigger runs at once.
//
// Line order: for each scope (the reserved seats, or one zone) the entries in the order they
// joined; the first entry the free places can serve gets them, and the next entries are tried
// with what is left ("first in line that they can serve"). An entry wanting more than is free is
// passed over but keeps its place: a party of four is not kept out by a party of two behind it,
// and the two are not kept waiting for seats the four cannot use.
import "server-only";
import { sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { databaseError } from "@/db/errors";
import { queryRows } from "@/db/rows";
import { uuidArray } from "@/db/sql";
import { initiateBooking } from "@/lib/booking/initiate";
import { findOpenBooking } from "@/lib/booking/queries";
import { expireBookings } from "@/lib/booking/release";
import { AppError } from "@/lib/errors";
import { kickDispatcher } from "@/lib/notifications/dispatcher";
import { priceFactor } from "@/lib/pricing/strategy";
import { withRedis } from "@/lib/redis/client";
import { seatsFreed } from "@/lib/seating/acquire";
import { getSeatMapLayout, invalidateAvailability, occupancyOf } from "@/lib/seating/availability";
import { suggestSeats } from "@/lib/seating/best-available";
import { claimSeats } from "@/lib/seating/redis-holds";
import { holdSeatsInDatabase } from "@/lib/seating/seat-state";
import { MAX_SEATS_PER_USER_PER_SHOW, STATUS_CODE, type SeatMapLayout, type SeatStatus } from "@/lib/seating/types";
import { forgetWaitingScopes } from "@/lib/seating/waitlist-guard";
import { offerNotice } from "./offer-notice";
import { log } from "@/lib/telemetry/log.mjs";

const logger = log("waitlist");

/** How long an offer's hold lasts. */
export const OFFER_MINUTES = 30;

export type Offer = { entryId: string; userId: string; bookingId: string; zoneId: string | null; seatIds: string[]; expiresAt: Date };
export type MatchResult = { offered: Offer[]; claimed: number; lapsed: number; closed: number };

const NOTHING: MatchResult = { offered: [], claimed: 0, lapsed: 0, closed: 0 };

/** A payment that may still succeed (the booking's holder is paying). */
const LIVE_PAYMENT = sql`EXISTS (SELECT 1 FROM payments p WHERE p.booking_id = b.id AND p.status IN ('INITIATED', 'PENDING', 'SUCCEEDED'))`;

/** An offer that cannot be made this round (the entry moved on, the user hit a limit): skip it. */
class Skip extends Error {}

/**
 * Settles the show's past offers and offers the free places of every scope with people waiting.
 * Answers what it did. Safe to run any number of times at once.
 */
export async function offerFreedPlaces(showId: string): Promise<MatchResult> {
  // Most shows have no waitlist: one indexed probe, no transaction.
  const [live] = await queryRows<{ n: number }>(
    db,
    sql`SELECT 1 AS n FROM waitlist_entries WHERE show_id = ${showId}::uuid AND status IN ('WAITING', 'OFFERED') LIMIT 1`,
  );
  if (!live) return NOTHING;

  const freedByBooking = new Map<string, { seatId: string; showId: string }[]>();
  // The hall (cached), read before the transaction: PGlite is one connection, busy with it then.
  const layout = await getSeatMapLayout(showId);
  const result = await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`marquee_waitlist:${showId}`}, 0))`);
    const settled = await settleOffers(tx, showId, freedByBooking);
    const [show] = await queryRows<{ onSale: boolean; pricingStrategy: "STATIC" | "DYNAMIC"; pricingConfig: unknown; startsAt: Date }>(
      tx,
      sql`SELECT (s.status = 'SCHEDULED' AND s.starts_at > now() AND e.status = 'PUBLISHED') AS "onSale",
                 s.pricing_strategy AS "pricingStrategy", s.pricing_config AS "pricingConfig", s.starts_at AS "startsAt"
          FROM shows s JOIN events e ON e.id = s.event_id WHERE s.id = ${showId}::uuid`,
    );
    if (!show?.onSale) {
      // Started, cancelled or withdrawn: nobody will be offered anything any more.
      const closed = await queryRows<{ id: string }>(
        tx,
        sql`UPDATE waitlist_entries SET status = 'CLOSED', closed_at = now() WHERE show_id = ${showId}::uuid AND status = 'WAITING' RETURNING id`,
      );
      return { ...settled, offered: [], closed: closed.length };
    }
    const offered = await offerToLine(tx, layout, { ...show, startsAt: new Date(show.startsAt) }, freedByBooking);
    return { ...settled, offered, closed: 0 };
  });

  if (result.offered.length || result.lapsed || result.closed) {
    invalidateAvailability(showId);
    forgetWaitingScopes(showId);
  }
  for (const [bookingId, freed] of freedByBooking) await seatsFreed(freed, bookingId);
  for (const o of result.offered) {
    // Redis agrees with Postgres, so a buyer's phase 1 refuses these places without a query.
    await withRedis((redis) => claimSeats(redis, showId, o.bookingId, o.seatIds, o.expiresAt.getTime() - Date.now()), () => 0);
  }
  if (result.offered.length) kickDispatcher();
  return result;
}

/**
 * Past offers: a paid one is CLAIMED; one whose hold ended unpaid (let go, lapsed, payment failed)
 * is LAPSED, its hold expired so its places are free for the next in line in this same run.
 */
async function settleOffers(tx: Executor, showId: string, freedByBooking: Map<string, { seatId: string; showId: string }[]>) {
  const claimed = await queryRows<{ id: string }>(
    tx,
    sql`UPDATE waitlist_entries w SET status = 'CLAIMED', closed_at = now() FROM bookings b
        WHERE b.id = w.booking_id AND w.show_id = ${showId}::uuid AND w.status = 'OFFERED' AND b.status IN ('CONFIRMED', 'CANCELLED', 'REFUNDED')
        RETURNING w.id`,
  );
  const lapsed = await queryRows<{ id: string; bookingId: string; status: string }>(
    tx,
    sql`SELECT w.id, w.booking_id AS "bookingId", b.status FROM waitlist_entries w JOIN bookings b ON b.id = w.booking_id
        WHERE w.show_id = ${showId}::uuid AND w.status = 'OFFERED'
          AND (b.status IN ('EXPIRED', 'FAILED')
               OR (b.status IN ('INITIATED', 'LOCKED') AND (b.expires_at IS NULL OR b.expires_at <= now()))
               OR (b.status = 'PAYMENT_PENDING' AND b.expires_at <= now() AND NOT ${LIVE_PAYMENT}))
        FOR UPDATE OF w`,
  );
  if (lapsed.length === 0) return { claimed: claimed.length, lapsed: 0 };
  const open = lapsed.filter((l) => l.status === "INITIATED" || l.status === "LOCKED").map((l) => l.bookingId);
  if (open.length) {
    const { freed } = await expireBookings(tx, open);
    // Which booking freed which seat is not told; the Redis keys are released per booking below.
    const rows = freed.length
      ? await queryRows<{ seatId: string; bookingId: string }>(
          tx,
          sql`SELECT seat_id AS "seatId", booking_id AS "bookingId" FROM booking_seats WHERE booking_id = ANY(${uuidArray(open)})`,
        )
      : [];
    const freedIds = new Set(freed.map((f) => f.seatId));
    for (const r of rows) if (freedIds.has(r.seatId)) freedByBooking.set(r.bookingId, [...(freedByBooking.get(r.bookingId) ?? []), { seatId: r.seatId, showId }]);
  }
  await tx.execute(sql`UPDATE waitlist_entries SET status = 'LAPSED', closed_at = now() WHERE id = ANY(${uuidArray(lapsed.map((l) => l.id))}) AND status = 'OFFERED'`);
  return { claimed: claimed.length, lapsed: lapsed.length };
}

type Waiting = { id: string; userId: string; zoneId: string | null; quantity: number; apiKeyId: string | null };

async function offerToLine(
  tx: Executor,
  layout: SeatMapLayout,
  show: { pricingStrategy: "STATIC" | "DYNAMIC"; pricingConfig: unknown; startsAt: Date },
  freedByBooking: Map<string, { seatId: string; showId: string }[]>,
): Promise<Offer[]> {
  const showId = layout.showId;
  const line = await queryRows<Waiting>(
    tx,
    sql`SELECT id, user_id AS "userId", zone_id AS "zoneId", quantity, api_key_id AS "apiKeyId" FROM waitlist_entries
        WHERE show_id = ${showId}::uuid AND status = 'WAITING' ORDER BY created_at, id`,
  );
  if (line.length === 0) return [];
  // The seats' state now, read inside the run (never the half-second snapshot): the status string
  // the seat map uses, so best-available picks as it would for a buyer.
  const rows = await queryRows<{ seatId: string; status: SeatStatus; lapsed: boolean }>(
    tx,
    sql`SELECT seat_id AS "seatId", status, (status = 'LOCKED' AND lock_expiry <= now()) AS lapsed FROM show_seats WHERE show_id = ${showId}::uuid`,
  );
  const byId = new Map(rows.map((r) => [r.seatId, r]));
  const codes = [...layout.seats, ...layout.units].map((s) => {
    const r = byId.get(s.id);
    return !r ? "X" : r.lapsed ? "A" : STATUS_CODE[r.status];
  });
  const index = new Map([...layout.seats, ...layout.units].map((s, i) => [s.id, i]));
  const factor = show.pricingStrategy === "DYNAMIC" ? priceFactor(show, occupancyOf(layout, codes.join(""))) : 1;

  const offers: Offer[] = [];
  for (const entry of line) {
    const places = pickPlaces(layout, codes, entry);
    if (!places) continue;
    const offer = await offerTo(tx, showId, entry, places, factor, freedByBooking);
    if (!offer) continue;
    offers.push(offer);
    for (const id of places) codes[index.get(id)!] = "H";
  }
  return offers;
}

/** `entry.quantity` free places of its scope, or null when they are not there. */
export function pickPlaces(layout: SeatMapLayout, codes: readonly string[], entry: { zoneId: string | null; quantity: number }): string[] | null {
  if (entry.zoneId) {
    const zone = layout.zones.find((z) => z.id === entry.zoneId);
    if (!zone || zone.priceMinor < 0) return null;
    const base = layout.seats.length;
    const free: string[] = [];
    for (let j = zone.unitStart, end = j + zone.capacity; j < end && free.length < entry.quantity; j++) {
      if (codes[base + j] === "A" && layout.units[j]!.priceMinor >= 0) free.push(layout.units[j]!.id);
    }
    return free.length === entry.quantity ? free : null;
  }
  return pickSeats(layout, codes.slice(0, layout.seats.length).join(""), entry.quantity);
}

/**
 * `n` reserved seats: the best block of n together, as the seat map's "Best available" picks;
 * when no row has n together, the fewest blocks that make n (the party sits apart rather than
 * the seats going unsold; the offer names every seat, and the user may let it go).
 */
export function pickSeats(layout: SeatMapLayout, status: string, n: number): string[] | null {
  const together = suggestSeats(layout, status, n);
  if (together) return together;
  const picked: string[] = [];
  for (let size = n - 1; picked.length < n && size >= 1; ) {
    const block = suggestSeats(layout, status, Math.min(size, n - picked.length), 0, new Set(picked));
    if (block) picked.push(...block);
    else size--;
  }
  return picked.length === n ? picked : null;
}

/**
 * One offer, in a savepoint of the run: the user's open booking of the show (at most one: a
 * unique index) is expired unless it holds live seats (then they are skipped this round), a new
 * booking holds the places for OFFER_MINUTES through seat-state's one path, the entry becomes
 * OFFERED and the email and SMS are queued. Anything refused rolls back this offer only.
 */
async function offerTo(
  tx: Executor,
  showId: string,
  entry: Waiting,
  places: string[],
  factor: number,
  freedByBooking: Map<string, { seatId: string; showId: string }[]>,
): Promise<Offer | null> {
  const open = await findOpenBooking(entry.userId, showId, tx);
  if (open && open.status === "LOCKED" && !open.expired) return null;
  try {
    return await tx.transaction(async (sp) => {
      const freed = open ? (await expireBookings(sp, [open.id])).freed : [];
      // A place a partner took for the customer opens a booking the partner can pay for.
      const booking = await initiateBooking(entry.userId, showId, sp, { apiKeyId: entry.apiKeyId });
      if (!booking.created) throw new Skip("the user has another open booking");
      const expiresAt = new Date(Date.now() + OFFER_MINUTES * 60_000);
      await holdSeatsInDatabase(sp, { bookingId: booking.id, showId, seatIds: places, expiresAt, priceFactor: factor, seatLimit: MAX_SEATS_PER_USER_PER_SHOW });
      const [moved] = await queryRows<{ id: string }>(
        sp,
        sql`UPDATE waitlist_entries SET status = 'OFFERED', booking_id = ${booking.id}::uuid, offered_at = now(), offer_expires_at = ${expiresAt.toISOString()}::timestamptz
            WHERE id = ${entry.id}::uuid AND status = 'WAITING' RETURNING id`,
      );
      if (!moved) throw new Skip("the entry is no longer waiting");
      await offerNotice(sp, { entryId: entry.id, bookingId: booking.id, expiresAt });
      if (open && freed.length) freedByBooking.set(open.id, freed);
      return { entryId: entry.id, userId: entry.userId, bookingId: booking.id, zoneId: entry.zoneId, seatIds: places, expiresAt };
    });
  } catch (err) {
    // MQLIM: the user has other tickets for the show up to the limit; MQ409: a buyer took a place
    // between our read and the hold (a guard memo a moment old). Either way, not this entry now.
    if (err instanceof Skip || err instanceof AppError || databaseError(err)?.code?.startsWith("MQ")) {
      logger.warn({ entryId: entry.id, reason: err instanceof Error ? err.message.split("\n")[0] : String(err) }, "offer skipped");
      return null;
    }
    throw err;
  }
}

/** The matcher as a trigger after places came back: awaited, but a failure is logged, never the caller's. */
export async function offerFreedPlacesSafely(showId: string): Promise<void> {
  try {
    await offerFreedPlaces(showId);
  } catch (err) {
    logger.error({ err, showId }, "offering freed places failed");
  }
}

/** The same for a booking whose places came back (its show looked up). */
export async function offerPlacesOfBooking(bookingId: string): Promise<void> {
  try {
    const [b] = await queryRows<{ showId: string }>(db, sql`SELECT show_id AS "showId" FROM bookings WHERE id = ${bookingId}::uuid`);
    if (b) await offerFreedPlaces(b.showId);
  } catch (err) {
    logger.error({ err, bookingId }, "offering freed places failed");
  }
}

/**
 * The `offer-waitlist` cron job: holds lapse without a write, so this is what notices them. Runs
 * the matcher for shows with an offer out, or people waiting and a place free in their scope, or
 * a line to close (the show started or was cancelled).
 */
export async function offerWaitlists(opts: { limit?: number } = {}): Promise<{ shows: number; offered: number; lapsed: number; claimed: number; closed: number }> {
  const shows = await queryRows<{ showId: string }>(
    db,
    sql`SELECT DISTINCT w.show_id AS "showId" FROM waitlist_entries w JOIN shows s ON s.id = w.show_id
        WHERE w.status = 'OFFERED'
           OR (w.status = 'WAITING' AND (s.status <> 'SCHEDULED' OR s.starts_at <= now() OR EXISTS (
                 SELECT 1 FROM show_seats ss WHERE ss.show_id = w.show_id AND ss.zone_id IS NOT DISTINCT FROM w.zone_id
                   AND (ss.status = 'AVAILABLE' OR (ss.status = 'LOCKED' AND ss.lock_expiry <= now())))))
        LIMIT ${opts.limit ?? 500}`,
  );
  const total = { shows: shows.length, offered: 0, lapsed: 0, claimed: 0, closed: 0 };
  for (const { showId } of shows) {
    try {
      const r = await offerFreedPlaces(showId);
      total.offered += r.offered.length;
      total.lapsed += r.lapsed;
      total.claimed += r.claimed;
      total.closed += r.closed;
    } catch (err) {
      logger.error({ err, showId }, "offer-waitlist failed for a show");
    }
  }
  return total;
}
