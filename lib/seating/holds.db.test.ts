import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { AppError } from "@/lib/errors";
import { errorCode } from "@/lib/testing/errors";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { createUser } from "@/lib/testing/users";
import { clearSeatingCaches, getAvailability, getSeatMapLayout } from "./availability";
import { findActiveHold, holdSeats } from "@/lib/booking/hold";
import { initiateBooking } from "@/lib/booking/initiate";
import { releaseExpiredHolds, releaseHold } from "@/lib/booking/release";
import { applyFactor } from "@/lib/pricing/strategy";

// These tests run on whatever Redis the environment configures (none on the PGlite run, the
// bridge on the Postgres run); the concurrency suite below controls its own bridge.
let showId: string;
let seatIds: string[]; // row-major: A1..A4, B1..B4, C1..C4 (C is PREMIUM)
let sectionId: string;
let venue: { id: string; cityId: string };
let eventId: string;

const seatRow = (id: string) =>
  queryRows<{ status: string; lockedBy: string | null; lockExpiry: Date | null; version: number }>(
    db,
    sql`SELECT status, locked_by_booking_id AS "lockedBy", lock_expiry AS "lockExpiry", version FROM show_seats WHERE show_id = ${showId}::uuid AND seat_id = ${id}::uuid`,
  ).then((r) => r[0]!);

/** Makes a hold look as if its time ran out (rows only: what the clock would do). */
async function lapse(bookingId: string) {
  await db.execute(sql`UPDATE bookings SET expires_at = now() - interval '1 second' WHERE id = ${bookingId}::uuid`);
  await db.execute(sql`UPDATE show_seats SET lock_expiry = now() - interval '1 second' WHERE locked_by_booking_id = ${bookingId}::uuid AND status = 'LOCKED'`);
  clearSeatingCaches();
}

beforeAll(async () => {
  const city = await createCity();
  const v = await createVenue(city.id, { rows: 3, cols: 4 });
  venue = v.venue;
  sectionId = v.section.id;
  eventId = (await createEvent()).id;
});

beforeEach(async () => {
  const show = await createShow({ eventId, venue, sectionId, startsAt: hoursFromNow(48) });
  showId = show.id;
  const layout = await getSeatMapLayout(showId);
  seatIds = layout.seats.map((s) => s.id);
});

describe("holding seats", () => {
  it("holds every requested seat for HOLD_MINUTES and prices the booking", async () => {
    const user = await createUser();
    const booking = await initiateBooking(user.id, showId);
    expect(booking.status).toBe("INITIATED");
    const before = Date.now();
    const hold = await holdSeats(user.id, booking.id, [seatIds[1]!, seatIds[9]!]);
    expect(hold.status).toBe("LOCKED");
    expect(hold.seats.map((s) => s.label)).toEqual(["A2", "C2"]);
    expect(hold.subtotalMinor).toBe(20000 + 35000);
    expect(hold.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 10 * 60_000 - 1000);
    expect(hold.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 10 * 60_000 + 1000);
    const row = await seatRow(seatIds[1]!);
    expect(row).toMatchObject({ status: "LOCKED", lockedBy: booking.id, version: 1 });
    expect((await getAvailability(showId)).status).toBe("AH" + "A".repeat(7) + "HAA");
  });

  it("is all or nothing: one taken seat fails the request and holds none of it", async () => {
    const [alice, bob] = [await createUser(), await createUser()];
    const a = await initiateBooking(alice.id, showId);
    await holdSeats(alice.id, a.id, [seatIds[2]!]);
    const b = await initiateBooking(bob.id, showId);
    const err = await holdSeats(bob.id, b.id, [seatIds[1]!, seatIds[2]!, seatIds[3]!]).catch((e: AppError) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("SEATS_UNAVAILABLE");
    expect((err as AppError).details).toMatchObject({ seatIds: [seatIds[2]], labels: ["A3"] });
    expect((await seatRow(seatIds[1]!)).status).toBe("AVAILABLE");
    expect((await seatRow(seatIds[3]!)).status).toBe("AVAILABLE");
    const bookingRows = await queryRows<{ status: string; n: number }>(
      db,
      sql`SELECT status, (SELECT count(*)::int FROM booking_seats WHERE booking_id = b.id) AS n FROM bookings b WHERE id = ${b.id}::uuid`,
    );
    expect(bookingRows[0]).toEqual({ status: "INITIATED", n: 0 });
    // Bob can still hold the free ones.
    const hold = await holdSeats(bob.id, b.id, [seatIds[1]!, seatIds[3]!]);
    expect(hold.seats.map((s) => s.label)).toEqual(["A2", "A4"]);
  });

  it("changing the selection releases dropped seats and keeps the original expiry", async () => {
    const user = await createUser();
    const b = await initiateBooking(user.id, showId);
    const first = await holdSeats(user.id, b.id, [seatIds[0]!, seatIds[1]!]);
    const second = await holdSeats(user.id, b.id, [seatIds[1]!, seatIds[5]!]);
    expect(second.seats.map((s) => s.label)).toEqual(["A2", "B2"]);
    expect(second.expiresAt!.getTime()).toBe(first.expiresAt!.getTime());
    expect((await seatRow(seatIds[0]!)).status).toBe("AVAILABLE");
    // The dropped seat is free for someone else at once, through Redis too.
    const other = await createUser();
    const ob = await initiateBooking(other.id, showId);
    await expect(holdSeats(other.id, ob.id, [seatIds[0]!])).resolves.toMatchObject({ status: "LOCKED" });
  });

  it("answers bad requests with a code and changes nothing", async () => {
    const user = await createUser();
    const b = await initiateBooking(user.id, showId);
    expect(await errorCode(holdSeats(user.id, b.id, [seatIds[0]!, seatIds[0]!]))).toBe("DUPLICATE_SEATS");
    expect(await errorCode(holdSeats(user.id, b.id, ["00000000-0000-4000-8000-000000000000"]))).toBe("UNKNOWN_SEATS");
    expect(await errorCode(holdSeats(user.id, b.id, seatIds.slice(0, 11)))).toBe("TOO_MANY_SEATS");
    expect(await errorCode(holdSeats(user.id, b.id, []))).toBe("VALIDATION_FAILED");
    // A seat of another hall is foreign to this show.
    const otherVenue = await createVenue(venue.cityId, { rows: 1, cols: 2 });
    const otherShow = await createShow({ eventId, venue: otherVenue.venue, sectionId: otherVenue.section.id, startsAt: hoursFromNow(50) });
    const foreignSeat = (await getSeatMapLayout(otherShow.id)).seats[0]!.id;
    expect(await errorCode(holdSeats(user.id, b.id, [foreignSeat]))).toBe("UNKNOWN_SEATS");
    const stranger = await createUser();
    expect(await errorCode(holdSeats(stranger.id, b.id, [seatIds[0]!]))).toBe("NOT_FOUND");
    const rows = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM show_seats WHERE show_id = ${showId}::uuid AND status <> 'AVAILABLE'`);
    expect(rows[0]!.n).toBe(0);
  });

  it("refuses shows that started or were cancelled", async () => {
    const user = await createUser();
    const past = await createShow({ eventId, venue, sectionId, startsAt: hoursFromNow(-1) });
    expect(await errorCode(initiateBooking(user.id, past.id))).toBe("SHOW_NOT_ON_SALE");
    const b = await initiateBooking(user.id, showId);
    await db.execute(sql`UPDATE shows SET status = 'CANCELLED' WHERE id = ${showId}::uuid`);
    expect(await errorCode(holdSeats(user.id, b.id, [seatIds[0]!]))).toBe("SHOW_NOT_ON_SALE");
  });

  it("keeps one open hold per user and show: initiating again answers the same booking", async () => {
    const user = await createUser();
    const first = await initiateBooking(user.id, showId);
    expect(first.created).toBe(true);
    await holdSeats(user.id, first.id, seatIds.slice(0, 8));
    const again = await initiateBooking(user.id, showId);
    expect(again).toMatchObject({ id: first.id, created: false, status: "LOCKED" });
    expect(again.seats).toHaveLength(8);
    // So one user holds at most ten seats of a show.
    expect(await errorCode(holdSeats(user.id, first.id, seatIds.slice(0, 11)))).toBe("TOO_MANY_SEATS");
    // A lapsed hold is closed and a new booking opened.
    await lapse(first.id);
    const fresh = await initiateBooking(user.id, showId);
    expect(fresh.created).toBe(true);
    expect(fresh.id).not.toBe(first.id);
    const [old] = await queryRows<{ status: string }>(db, sql`SELECT status FROM bookings WHERE id = ${first.id}::uuid`);
    expect(old!.status).toBe("EXPIRED");
    expect((await seatRow(seatIds[0]!)).status).toBe("AVAILABLE");
  });

  it("releasing a hold frees its seats at once and twice is harmless", async () => {
    const user = await createUser();
    const b = await initiateBooking(user.id, showId);
    await holdSeats(user.id, b.id, [seatIds[4]!]);
    expect((await releaseHold(user.id, b.id)).status).toBe("EXPIRED");
    expect((await releaseHold(user.id, b.id)).status).toBe("EXPIRED");
    expect((await seatRow(seatIds[4]!)).status).toBe("AVAILABLE");
    expect(await findActiveHold(user.id, showId)).toBeNull();
    expect(await errorCode(holdSeats(user.id, b.id, [seatIds[4]!]))).toBe("INVALID_STATE");
    const other = await createUser();
    const ob = await initiateBooking(other.id, showId);
    await expect(holdSeats(other.id, ob.id, [seatIds[4]!])).resolves.toMatchObject({ status: "LOCKED" });
  });
});

describe("dynamic pricing", () => {
  it("fixes the price at hold time from demand: an empty house is cheaper, a fuller one dearer, within bounds", async () => {
    await db.execute(sql`UPDATE shows SET pricing_strategy = 'DYNAMIC', pricing_config = '{"minFactor":0.5,"maxFactor":2,"demandWeight":1,"urgencyBoost":0}' WHERE id = ${showId}::uuid`);
    const first = await createUser();
    const a = await initiateBooking(first.id, showId);
    const cheap = await holdSeats(first.id, a.id, [seatIds[0]!]);
    expect(cheap.subtotalMinor).toBe(10000); // 1 + 1 × (0 − 0.5) = 0.5 × ₹200
    // Ten of twelve seats taken: 1 + (10/12 − 0.5) ≈ 1.33 × the base price, rounded to whole rupees.
    const crowd = await createUser();
    const c = await initiateBooking(crowd.id, showId);
    await holdSeats(crowd.id, c.id, seatIds.slice(1, 10));
    clearSeatingCaches();
    const late = await createUser();
    const l = await initiateBooking(late.id, showId);
    const dear = await holdSeats(late.id, l.id, [seatIds[10]!]);
    expect(dear.seats[0]!.priceMinor).toBe(Math.round((35000 * (1 + 10 / 12 - 0.5)) / 100) * 100); // C3 is a ₹350 premium seat
    const [stored] = await queryRows<{ price: number }>(db, sql`SELECT price_minor AS price FROM booking_seats WHERE booking_id = ${l.id}::uuid`);
    expect(stored!.price).toBe(dear.seats[0]!.priceMinor);
  });
});

describe("phase 2 in the database", () => {
  it("prices a held seat exactly as applyFactor does (marquee_apply_factor), ties and all", async () => {
    const cases: [number, number][] = [];
    for (const base of [100, 150, 250, 9950, 10000, 12345, 35000, 49999, 250000]) {
      for (const factor of [0.5, 0.75, 0.8, 0.9, 1, 1.1, 1.15, 1.2, 1.25, 1.333333333333333, 1.5, 1.7, 2, 10 / 12 + 0.5, 1 + 10 / 12 - 0.5]) cases.push([base, factor]);
    }
    const bases = `{${cases.map(([b]) => b).join(",")}}`;
    const factors = `{${cases.map(([, f]) => String(f)).join(",")}}`;
    const rows = await queryRows<{ price: number }>(
      db,
      sql`SELECT marquee_apply_factor(b, f) AS price FROM unnest(${bases}::int[], ${factors}::float8[]) WITH ORDINALITY AS t(b, f, n) ORDER BY n`,
    );
    expect(rows.map((r) => r.price)).toEqual(cases.map(([b, f]) => applyFactor(b, f)));
  });

  it("rolls back everything when one seat is taken: the booking, its other seats and booking_seats are unchanged", async () => {
    const [alice, bob] = [await createUser(), await createUser()];
    const a = await initiateBooking(alice.id, showId);
    await holdSeats(alice.id, a.id, [seatIds[2]!]);
    const b = await initiateBooking(bob.id, showId);
    await holdSeats(bob.id, b.id, [seatIds[0]!]);
    const before = await queryRows(db, sql`SELECT status, version, expires_at FROM bookings WHERE id = ${b.id}::uuid`);
    // Bob swaps A1 for A2 + A3, but A3 is Alice's: nothing of his changes.
    const err = await holdSeats(bob.id, b.id, [seatIds[1]!, seatIds[2]!]).catch((e: unknown) => e);
    expect(await errorCode(Promise.reject(err))).toBe("SEATS_UNAVAILABLE");
    expect((err as AppError).details).toMatchObject({ seatIds: [seatIds[2]] });
    expect(await queryRows(db, sql`SELECT status, version, expires_at FROM bookings WHERE id = ${b.id}::uuid`)).toEqual(before);
    const seats = await queryRows<{ seatId: string; status: string; by: string | null }>(
      db,
      sql`SELECT seat_id AS "seatId", status, locked_by_booking_id AS by FROM show_seats WHERE show_id = ${showId}::uuid AND seat_id = ANY(${`{${seatIds.slice(0, 3).join(",")}}`}::uuid[])`,
    );
    const bySeat = new Map(seats.map((r) => [r.seatId, r]));
    expect(bySeat.get(seatIds[0]!)).toMatchObject({ status: "LOCKED", by: b.id });
    expect(bySeat.get(seatIds[1]!)).toMatchObject({ status: "AVAILABLE", by: null });
    expect(bySeat.get(seatIds[2]!)).toMatchObject({ status: "LOCKED", by: a.id });
    const held = await queryRows<{ seatId: string }>(db, sql`SELECT seat_id AS "seatId" FROM booking_seats WHERE booking_id = ${b.id}::uuid`);
    expect(held.map((r) => r.seatId)).toEqual([seatIds[0]]);
  });
});

describe("expiry", () => {
  it("a lapsed hold is free for the next buyer at once, and the cron expires the old booking", async () => {
    const [alice, bob] = [await createUser(), await createUser()];
    const a = await initiateBooking(alice.id, showId);
    await holdSeats(alice.id, a.id, [seatIds[0]!, seatIds[1]!]);
    await lapse(a.id);
    // Reads already show the seats free, before any cron ran.
    expect((await getAvailability(showId)).status.slice(0, 2)).toBe("AA");
    // Alice cannot extend a lapsed hold.
    expect(await errorCode(holdSeats(alice.id, a.id, [seatIds[0]!]))).toBe("HOLD_EXPIRED");
    const b = await initiateBooking(bob.id, showId);
    await holdSeats(bob.id, b.id, [seatIds[1]!]);
    expect((await seatRow(seatIds[1]!)).lockedBy).toBe(b.id);

    const result = await releaseExpiredHolds();
    expect(result.expired).toBeGreaterThanOrEqual(1);
    const [status] = await queryRows<{ status: string }>(db, sql`SELECT status FROM bookings WHERE id = ${a.id}::uuid`);
    expect(status!.status).toBe("EXPIRED");
    // A1 (still Alice's row) is freed; A2, re-taken by Bob, is left with Bob.
    expect(await seatRow(seatIds[0]!)).toMatchObject({ status: "AVAILABLE", lockedBy: null });
    expect(await seatRow(seatIds[1]!)).toMatchObject({ status: "LOCKED", lockedBy: b.id });
  });

  it("two cron runs at once expire each booking once", async () => {
    const holders = await Promise.all(Array.from({ length: 6 }, () => createUser()));
    const ids: string[] = [];
    for (const [i, u] of holders.entries()) {
      const b = await initiateBooking(u.id, showId);
      await holdSeats(u.id, b.id, [seatIds[i]!, seatIds[i + 6]!]);
      await lapse(b.id);
      ids.push(b.id);
    }
    const runs = await Promise.all([releaseExpiredHolds({ batchSize: 2 }), releaseExpiredHolds({ batchSize: 2 })]);
    const mine = await queryRows<{ status: string }>(db, sql`SELECT status FROM bookings WHERE id = ANY(${`{${ids.join(",")}}`}::uuid[])`);
    expect(mine.every((r) => r.status === "EXPIRED")).toBe(true);
    expect(runs[0]!.seatsFreed + runs[1]!.seatsFreed).toBeGreaterThanOrEqual(12);
    const [locked] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM show_seats WHERE show_id = ${showId}::uuid AND status = 'LOCKED'`);
    expect(locked!.n).toBe(0);
  });
});

afterAll(() => clearSeatingCaches());
