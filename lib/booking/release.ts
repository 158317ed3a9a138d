// Seats going back on sale before a booking is paid: the holder lets them go, the hold lapses
// (the release cron), a payment is abandoned, or the show is cancelled. Every move is a state
// machine transition (state.ts) next to the seat-state write that frees the seats.
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { queryRows } from "@/db/rows";
import { uuidArray } from "@/db/sql";
import { AppError, statusWords } from "@/lib/errors";
import { seatsFreed } from "@/lib/seating/acquire";
import { invalidateAvailability } from "@/lib/seating/availability";
import { freeLockedSeats, freeLockedSeatsOfShow, freeLockedSeatsSql } from "@/lib/seating/seat-state";
import { holdMinutes } from "./rules";
import { getBooking, getBookingRecord, hasLivePayment, type BookingWithSeats } from "./queries";
import { transition, transitionSql } from "./state";

/** A payment that may still succeed keeps its booking's seats (it may re-take them after the hold). */
const LIVE_PAYMENT = sql`EXISTS (SELECT 1 FROM payments p WHERE p.booking_id = b.id AND p.status IN ('INITIATED', 'PENDING', 'SUCCEEDED'))`;

/**
 * Lets a hold go: the booking becomes EXPIRED and its seats are back on sale at once. Used when
 * the holder changes their mind; a booking past its hold is left as it is.
 */
export async function releaseHold(userId: string, bookingId: string): Promise<BookingWithSeats> {
  const booking = await getBookingRecord(userId, bookingId);
  let freed: { seatId: string; showId: string }[] = [];
  await db.transaction(async (tx) => {
    let moved = await transition(tx, bookingId, ["INITIATED", "LOCKED"], "EXPIRED", [sql`cancelled_at = now()`]);
    if (!moved && booking.status === "PAYMENT_PENDING") {
      // After a declined payment the payer may still let the seats go — unless a payment is live.
      if (!(await hasLivePayment(bookingId, tx))) moved = await transition(tx, bookingId, ["PAYMENT_PENDING"], "FAILED", [sql`cancelled_at = now()`]);
    }
    if (!moved) {
      if (booking.status === "EXPIRED") return; // released already: same answer twice
      throw new AppError("INVALID_STATE", `This booking is ${statusWords(booking.status)}; there is no hold to release.`, {
        details: { status: booking.status },
      });
    }
    freed = await freeLockedSeats(tx, [bookingId]);
  });
  invalidateAvailability(booking.showId);
  await seatsFreed(freed, bookingId);
  return getBooking(userId, bookingId);
}

/**
 * Expires these bookings if they are still open holds (INITIATED or LOCKED) and frees the seats
 * they still lock; seats someone else re-took are left alone. One statement. Answers the seats freed.
 */
export async function expireBookings(ex: Executor, bookingIds: string[] | SQL): Promise<{ expired: number; freed: { seatId: string; showId: string }[] }> {
  const ids = Array.isArray(bookingIds) ? sql`SELECT unnest(${uuidArray(bookingIds)})` : bookingIds;
  const [row] = await queryRows<{ expired: number; freed: { seatId: string; showId: string }[] | null }>(
    ex,
    sql`WITH moved AS (${transitionSql(ids, ["INITIATED", "LOCKED"], "EXPIRED")}),
        freed AS (${freeLockedSeatsSql(sql`SELECT id FROM moved`)})
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

/**
 * Bookings left in PAYMENT_PENDING `ageSeconds` after their hold, with no payment still able to
 * succeed, fail and free their seats (the reconciliation cron). Answers how many.
 */
export async function failAbandonedBookings(ageSeconds: number): Promise<number> {
  const gone = await queryRows<{ id: string }>(
    db,
    sql`WITH gone AS (
          ${transitionSql(
            sql`SELECT b.id FROM bookings b WHERE b.status = 'PAYMENT_PENDING' AND b.expires_at <= now() - make_interval(secs => ${ageSeconds})
                  AND NOT ${LIVE_PAYMENT}
                LIMIT 200 FOR UPDATE SKIP LOCKED`,
            ["PAYMENT_PENDING"],
            "FAILED",
          )}
        ), freed AS (${freeLockedSeatsSql(sql`SELECT id FROM gone`)})
        SELECT id FROM gone`,
  );
  return gone.length;
}

/**
 * A show being cancelled (inside its transaction): open holds expire, bookings awaiting a
 * payment that can no longer succeed fail, and every held seat is back. Answers how many
 * bookings were released. Confirmed bookings are cancelled one by one afterwards (cancel.ts).
 */
export async function releaseHoldsOfShow(tx: Executor, showId: string): Promise<number> {
  const holds = await queryRows<{ id: string }>(
    tx,
    sql`WITH moved AS (${transitionSql(sql`SELECT id FROM bookings WHERE show_id = ${showId}::uuid AND status IN ('INITIATED', 'LOCKED') FOR UPDATE`, ["INITIATED", "LOCKED"], "EXPIRED")}) SELECT id FROM moved`,
  );
  const unpaid = await queryRows<{ id: string }>(
    tx,
    sql`WITH moved AS (${transitionSql(
      sql`SELECT b.id FROM bookings b WHERE b.show_id = ${showId}::uuid AND b.status = 'PAYMENT_PENDING' AND NOT ${LIVE_PAYMENT} FOR UPDATE`,
      ["PAYMENT_PENDING"],
      "FAILED",
    )}) SELECT id FROM moved`,
  );
  await freeLockedSeatsOfShow(tx, showId);
  return holds.length + unpaid.length;
}
