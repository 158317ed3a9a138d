// The seat limit per user and show: at most MAX_SEATS_PER_USER_PER_SHOW over all of a user's
// live bookings (held, being paid, bought), checked in marquee_hold_seats (db/migrations/0012).
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db, databaseKind } from "@/db/client";
import { queryRows } from "@/db/rows";
import { cancelAndRefund } from "@/lib/payments/cancellation";
import { AppError } from "@/lib/errors";
import { errorStatus, httpStatus } from "@/lib/http/errors";
import { deliverDueEvents } from "@/lib/payments/gateways/local";
import { processPayment, processSchema } from "@/lib/payments/process";
import { errorCode } from "@/lib/testing/errors";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { CARD_OK, CARD_DELAYED, deliverWebhooksInProcess } from "@/lib/testing/payments";
import { createUser } from "@/lib/testing/users";
import { clearSeatingCaches, getSeatMapLayout } from "./availability";
import { initiateBooking } from "@/lib/booking/initiate";
import { holdSeats } from "@/lib/booking/hold";
import { MAX_SEATS_PER_USER_PER_SHOW } from "./types";

const onPostgres = databaseKind() === "postgres";

let restore = () => {};
let venue: { id: string; cityId: string };
let sectionId: string;
let eventId: string;
let showId: string;
let seatIds: string[];
let n = 0;

type TestUser = { id: string; email: string; name: string };
const pay = (user: TestUser, bookingId: string, card = CARD_OK) =>
  processPayment(user, processSchema.parse({ bookingId, method: "CARD", card }), `seat-limit-${Date.now()}-${n++}`);

async function hold(user: TestUser, seats: string[], show = showId) {
  const b = await initiateBooking(user.id, show);
  await holdSeats(user.id, b.id, seats);
  return b.id;
}

/** Seats the user has for the show in bookings that are held, being paid or bought. */
async function liveSeats(userId: string, show: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM booking_seats bs JOIN bookings b ON b.id = bs.booking_id
        WHERE b.user_id = ${userId}::uuid AND b.show_id = ${show}::uuid AND b.status IN ('LOCKED', 'PAYMENT_PENDING', 'CONFIRMED')`,
  );
  return row!.n;
}

beforeAll(async () => {
  restore = deliverWebhooksInProcess();
  const city = await createCity();
  const v = await createVenue(city.id, { rows: 10, cols: 10 });
  venue = v.venue;
  sectionId = v.section.id;
  eventId = (await createEvent()).id;
});
afterAll(() => restore());
beforeEach(async () => {
  showId = (await createShow({ eventId, venue, sectionId, startsAt: hoursFromNow(72) })).id;
  seatIds = (await getSeatMapLayout(showId)).seats.map((s) => s.id);
});

describe("seat limit per user and show", () => {
  it("counts confirmed and pending bookings, answers 409 SEAT_LIMIT_REACHED, and frees up on cancellation", async () => {
    expect(MAX_SEATS_PER_USER_PER_SHOW).toBe(10);
    const user = await createUser();
    const bought = await hold(user, seatIds.slice(0, 6));
    await pay(user, bought);
    await deliverDueEvents();
    expect((await queryRows<{ status: string }>(db, sql`SELECT status FROM bookings WHERE id = ${bought}::uuid`))[0]!.status).toBe("CONFIRMED");

    // 6 bought + 5 more is 11: refused, and nothing of the new booking changes.
    const second = await initiateBooking(user.id, showId);
    const err = await holdSeats(user.id, second.id, seatIds.slice(6, 11)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("SEAT_LIMIT_REACHED");
    expect(httpStatus((err as AppError).code)).toBe(errorStatus.SEAT_LIMIT_REACHED);
    expect(httpStatus((err as AppError).code)).toBe(409);
    expect((err as AppError).details).toEqual({ max: 10, elsewhere: 6 });
    expect((await queryRows(db, sql`SELECT 1 FROM show_seats WHERE locked_by_booking_id = ${second.id}::uuid`)).length).toBe(0);
    // 4 more is exactly 10.
    expect((await holdSeats(user.id, second.id, seatIds.slice(6, 10))).seats).toHaveLength(4);
    // Changing that hold's selection counts only its new seats, not the ones it lets go.
    expect((await holdSeats(user.id, second.id, seatIds.slice(10, 14))).seats).toHaveLength(4);

    // Being paid, even past its hold (a late payment may still re-take the seats), it still counts.
    await pay(user, second.id, CARD_DELAYED);
    await db.execute(sql`UPDATE bookings SET expires_at = now() - interval '1 second' WHERE id = ${second.id}::uuid`);
    clearSeatingCaches();
    expect(await errorCode(hold(user, [seatIds[20]!]))).toBe("SEAT_LIMIT_REACHED");

    // Someone else, and the same user on another show, are not affected.
    expect(await errorCode(hold(await createUser(), seatIds.slice(20, 30)))).toBe("OK");
    const other = await createShow({ eventId, venue, sectionId, startsAt: hoursFromNow(96) });
    expect(await errorCode(hold(user, (await getSeatMapLayout(other.id)).seats.slice(0, 10).map((s) => s.id), other.id))).toBe("OK");

    // Cancelling the bought booking gives its 6 back to the allowance.
    await cancelAndRefund(bought, { userId: user.id });
    expect(await errorCode(hold(user, seatIds.slice(30, 36)))).toBe("OK");
    expect(await liveSeats(user.id, showId)).toBe(10);
  });

  // PGlite is one connection: nothing would race there.
  it.skipIf(!onPostgres)("holds under concurrency: one user's parallel hold-and-pay sessions never get more than 10 seats", async () => {
    const user = await createUser();
    const SESSIONS = 8;
    const ROUNDS = 6;
    const codes: string[] = [];
    await Promise.all(
      Array.from({ length: SESSIONS }, async (_, s) => {
        // Each session buys two seats at a time until the limit stops it.
        for (let r = 0; r < ROUNDS && !codes.includes("SEAT_LIMIT_REACHED"); r++) {
          const seats = seatIds.slice((s * ROUNDS + r) * 2, (s * ROUNDS + r) * 2 + 2);
          const code = await errorCode(
            (async () => {
              const b = await initiateBooking(user.id, showId);
              await holdSeats(user.id, b.id, seats);
              await pay(user, b.id);
            })(),
          );
          codes.push(code);
        }
      }),
    );
    // Other sessions moving the same open booking on may refuse a step; nothing else goes wrong.
    expect(codes.filter((c) => !["OK", "SEAT_LIMIT_REACHED", "INVALID_STATE", "CONFLICT"].includes(c))).toEqual([]);
    expect(codes).toContain("SEAT_LIMIT_REACHED");
    expect(await liveSeats(user.id, showId)).toBeLessThanOrEqual(MAX_SEATS_PER_USER_PER_SHOW);
    await deliverDueEvents();
    const [confirmed] = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM booking_seats bs JOIN bookings b ON b.id = bs.booking_id WHERE b.user_id = ${user.id}::uuid AND b.show_id = ${showId}::uuid AND b.status = 'CONFIRMED'`,
    );
    expect(confirmed!.n).toBeGreaterThan(0);
    expect(confirmed!.n).toBeLessThanOrEqual(MAX_SEATS_PER_USER_PER_SHOW);
  }, 60_000);
});
