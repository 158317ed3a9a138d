// General admission by quantity (issue 17): a zone's places are units held like seats. On both
// databases: holds, changes, refusals, expiry. On real Postgres: 200 clients racing for the last
// places of one zone never oversell (sold + held ≤ capacity, every booking holds what it asked).
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis as IORedis } from "ioredis";
import { db, databaseKind } from "@/db/client";
import { queryRows } from "@/db/rows";
import { AppError } from "@/lib/errors";
import { httpStatus } from "@/lib/http/errors";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { createUser } from "@/lib/testing/users";
import { initiateBooking } from "@/lib/booking/initiate";
import { holdSeats } from "@/lib/booking/hold";
import { releaseExpiredHolds } from "@/lib/booking/release";
import { clearSeatingCaches, getAvailability, getSeatMapLayout, zoneAvailability } from "./availability";
import { createUpstashBridge, type UpstashBridge } from "@/lib/devtools/upstash-bridge/bridge";
import { haveTestRedis, TEST_REDIS_URL } from "@/lib/testing/redis";
import { seatKey } from "./redis-holds";
import { holdSeatsInDatabase } from "./seat-state";
import { addZone, unitCandidates } from "./zones";

const onPostgres = databaseKind() === "postgres";
const haveRedis = onPostgres && (await haveTestRedis());

let venue: { id: string; cityId: string };
let sectionId: string;
let eventId: string;
let fanPit: { id: string };
let gold: { id: string };

async function showWithZones() {
  return createShow({ eventId, venue, sectionId, startsAt: hoursFromNow(48), zonePrices: { [fanPit.id]: 250_000, [gold.id]: 150_000 } });
}

async function unitsOf(showId: string) {
  return queryRows<{ zoneId: string; status: string; bookingId: string | null; n: number }>(
    db,
    sql`SELECT zone_id AS "zoneId", status, locked_by_booking_id AS "bookingId", count(*)::int AS n
        FROM show_seats WHERE show_id = ${showId}::uuid AND zone_id IS NOT NULL GROUP BY 1, 2, 3`,
  );
}

async function expectCode(p: Promise<unknown>, code: string) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  expect(httpStatus((err as AppError).code)).toBeGreaterThanOrEqual(400);
  expect(httpStatus((err as AppError).code)).toBeLessThan(500);
}

beforeAll(async () => {
  const city = await createCity();
  const v = await createVenue(city.id, { rows: 2, cols: 4 });
  venue = v.venue;
  sectionId = v.section.id;
  eventId = (await createEvent({ category: "CONCERT" })).id;
  fanPit = await addZone(db, { sectionId, name: "Fan Pit", capacity: 12, sortOrder: 1 });
  gold = await addZone(db, { sectionId, name: "Gold", capacity: 30, sortOrder: 2 });
});

describe("general admission zones", () => {
  it("shows each zone with its price, capacity and units after the drawn seats", async () => {
    const show = await showWithZones();
    const layout = await getSeatMapLayout(show.id);
    expect(layout.seats).toHaveLength(8);
    expect(layout.zones.map((z) => [z.name, z.capacity, z.priceMinor])).toEqual([
      ["Fan Pit", 12, 250_000],
      ["Gold", 30, 150_000],
    ]);
    expect(layout.units).toHaveLength(42);
    const snapshot = await getAvailability(show.id);
    expect(snapshot.status).toHaveLength(8 + 42);
    expect(zoneAvailability(layout, snapshot.status).map((z) => z.available)).toEqual([12, 30]);
  });

  it("holds a quantity, changes it keeping the places already held, and adds seats in the same hold", async () => {
    const show = await showWithZones();
    const user = await createUser();
    const booking = await initiateBooking(user.id, show.id);
    const three = await holdSeats(user.id, booking.id, [], [{ zoneId: fanPit.id, quantity: 3 }]);
    expect(three.seats.map((s) => s.zoneId)).toEqual([fanPit.id, fanPit.id, fanPit.id]);
    expect(three.seats.every((s) => s.label === "Fan Pit" && s.priceMinor === 250_000)).toBe(true);
    expect(three.subtotalMinor).toBe(750_000);

    const layout = await getSeatMapLayout(show.id);
    const seat = layout.seats[0]!;
    const mixed = await holdSeats(user.id, booking.id, [seat.id], [
      { zoneId: fanPit.id, quantity: 2 },
      { zoneId: gold.id, quantity: 1 },
    ]);
    const kept = mixed.seats.filter((s) => s.zoneId === fanPit.id).map((s) => s.seatId);
    expect(kept).toHaveLength(2);
    for (const id of kept) expect(three.seats.map((s) => s.seatId)).toContain(id);
    expect(mixed.seats.map((s) => s.zoneId ?? "seat").sort()).toEqual(["seat", fanPit.id, fanPit.id, gold.id].sort());
    expect(mixed.subtotalMinor).toBe(seat.priceMinor + 2 * 250_000 + 150_000);

    const rows = await unitsOf(show.id);
    const locked = (zoneId: string) => rows.filter((r) => r.zoneId === zoneId && r.status === "LOCKED").reduce((n, r) => n + r.n, 0);
    expect(locked(fanPit.id)).toBe(2); // the third place went back on sale
    expect(locked(gold.id)).toBe(1);
  });

  it("refuses more places than are left, unknown zones and bad quantities with 4xx codes, changing nothing", async () => {
    const show = await showWithZones();
    const [a, b] = await Promise.all([createUser(), createUser()]);
    const ba = await initiateBooking(a.id, show.id);
    await holdSeats(a.id, ba.id, [], [{ zoneId: fanPit.id, quantity: 10 }]);
    const bb = await initiateBooking(b.id, show.id);
    await expectCode(holdSeats(b.id, bb.id, [], [{ zoneId: fanPit.id, quantity: 3 }]), "ZONE_SOLD_OUT");
    const err = await holdSeats(b.id, bb.id, [], [{ zoneId: fanPit.id, quantity: 3 }]).catch((e: AppError) => e);
    expect((err as AppError).message).toContain("only 2 left");
    await expectCode(holdSeats(b.id, bb.id, [], [{ zoneId: crypto.randomUUID(), quantity: 1 }]), "UNKNOWN_ZONE");
    await expectCode(holdSeats(b.id, bb.id, [], [{ zoneId: gold.id, quantity: 0 }]), "INVALID_QUANTITY");
    await expectCode(holdSeats(b.id, bb.id, [], [{ zoneId: gold.id, quantity: 1.5 }]), "INVALID_QUANTITY");
    await expectCode(holdSeats(b.id, bb.id, [], [{ zoneId: gold.id, quantity: 11 }]), "TOO_MANY_SEATS");
    // A failed mixed request takes nothing: the seat it named stays free.
    const seat = (await getSeatMapLayout(show.id)).seats[0]!;
    await expectCode(holdSeats(b.id, bb.id, [seat.id], [{ zoneId: fanPit.id, quantity: 3 }]), "ZONE_SOLD_OUT");
    const [row] = await queryRows<{ status: string }>(db, sql`SELECT status FROM show_seats WHERE show_id = ${show.id}::uuid AND seat_id = ${seat.id}::uuid`);
    expect(row!.status).toBe("AVAILABLE");
    expect((await unitsOf(show.id)).filter((r) => r.bookingId === bb.id)).toEqual([]);
  });

  it("puts lapsed places back on sale for the next buyer", async () => {
    const show = await showWithZones();
    const [a, b] = await Promise.all([createUser(), createUser()]);
    const ba = await initiateBooking(a.id, show.id);
    await holdSeats(a.id, ba.id, [], [{ zoneId: fanPit.id, quantity: 10 }]);
    await db.execute(sql`UPDATE bookings SET expires_at = now() - interval '1 second' WHERE id = ${ba.id}::uuid`);
    await db.execute(sql`UPDATE show_seats SET lock_expiry = now() - interval '1 second' WHERE locked_by_booking_id = ${ba.id}::uuid`);
    const bb = await initiateBooking(b.id, show.id);
    // Even before the release cron runs, a lapsed hold's places are free to take.
    const held = await holdSeats(b.id, bb.id, [], [{ zoneId: fanPit.id, quantity: 10 }]);
    expect(held.seats).toHaveLength(10);
    await releaseExpiredHolds();
    const rows = await unitsOf(show.id);
    const fan = rows.filter((r) => r.zoneId === fanPit.id).sort((x, y) => x.status.localeCompare(y.status));
    expect(fan).toEqual([
      { zoneId: fanPit.id, status: "AVAILABLE", bookingId: null, n: 2 },
      { zoneId: fanPit.id, status: "LOCKED", bookingId: bb.id, n: 10 },
    ]);
  });
});

describe("a payment that arrives after the hold lapsed", () => {
  /** A booking of `quantity` places whose hold lapsed while its payment was pending, and someone who then took `taken` places. */
  async function lapsedWhilePaying(capacity: number, quantity: number, taken: number) {
    const zone = await addZone(db, { sectionId, name: `Late ${capacity}-${Date.now()}`, capacity, sortOrder: 5 });
    const show = await createShow({ eventId, venue, sectionId, startsAt: hoursFromNow(60), zonePrices: { [zone.id]: 120_000 } });
    const [a, b] = await Promise.all([createUser(), createUser()]);
    const ba = await initiateBooking(a.id, show.id);
    const mine = (await holdSeats(a.id, ba.id, [], [{ zoneId: zone.id, quantity }])).seats.map((s) => s.seatId);
    await db.execute(sql`UPDATE bookings SET status = 'PAYMENT_PENDING', expires_at = now() - interval '1 second' WHERE id = ${ba.id}::uuid`);
    await db.execute(sql`UPDATE show_seats SET lock_expiry = now() - interval '1 second' WHERE locked_by_booking_id = ${ba.id}::uuid`);
    clearSeatingCaches(show.id);
    const bb = await initiateBooking(b.id, show.id);
    // The next buyer gets this booking's very units (Postgres hands out whichever are free; the
    // hold statement itself is given them here so the race always goes that way).
    const units = (await getSeatMapLayout(show.id)).units.filter((u) => u.zoneId === zone.id).map((u) => u.id);
    const theirs = [...mine, ...units.filter((id) => !mine.includes(id))].slice(0, taken);
    await holdSeatsInDatabase(db, { bookingId: bb.id, showId: show.id, seatIds: theirs, expiresAt: new Date(Date.now() + 600_000), priceFactor: 1, seatLimit: 10 });
    return { zone, show, booking: ba.id, mine, theirs, other: bb.id };
  }

  it("takes other places of the same zone when its own were taken, and confirms", async () => {
    const { settlePaidBooking } = await import("@/lib/booking/settle");
    const { zone, show, booking, mine, theirs, other } = await lapsedWhilePaying(4, 2, 4 - 2);
    expect(theirs).toEqual(mine); // the race this is about: its places went to someone else
    const settled = await db.transaction((tx) => settlePaidBooking(tx, { id: "00000000-0000-4000-8000-000000000001", bookingId: booking }));
    expect(settled).toMatchObject({ outcome: "confirmed" });
    const rows = await unitsOf(show.id);
    expect(rows.filter((r) => r.zoneId === zone.id).map(({ status, bookingId, n }) => ({ status, bookingId, n })).sort((x, y) => x.status.localeCompare(y.status))).toEqual([
      { status: "BOOKED", bookingId: booking, n: 2 },
      { status: "LOCKED", bookingId: other, n: 2 },
    ]);
    // Its tickets name the units it has now, none of the other buyer's.
    const [agree] = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM booking_seats bs JOIN show_seats ss ON ss.id = bs.show_seat_id WHERE bs.booking_id = ${booking}::uuid AND ss.status = 'BOOKED' AND ss.locked_by_booking_id = ${booking}::uuid`,
    );
    expect(agree!.n).toBe(2);
  });

  it("is refunded when the zone has no places left, and changes nothing of the other buyer's", async () => {
    const { settlePaidBooking } = await import("@/lib/booking/settle");
    const { zone, show, booking, other } = await lapsedWhilePaying(3, 2, 3);
    const settled = await db.transaction((tx) => settlePaidBooking(tx, { id: "00000000-0000-4000-8000-000000000002", bookingId: booking }));
    expect(settled).toMatchObject({ refund: { reason: "late_payment" } });
    const rows = (await unitsOf(show.id)).filter((r) => r.zoneId === zone.id);
    expect(rows.map(({ status, bookingId, n }) => ({ status, bookingId, n }))).toEqual([{ status: "LOCKED", bookingId: other, n: 3 }]);
  });
});

describe.skipIf(!onPostgres)("200 clients racing for the last places of a zone (real Postgres)", () => {
  let bridge: UpstashBridge | undefined;
  const saved = { url: process.env.UPSTASH_REDIS_REST_URL, token: process.env.UPSTASH_REDIS_REST_TOKEN };
  afterAll(async () => {
    if (saved.url) process.env.UPSTASH_REDIS_REST_URL = saved.url;
    else delete process.env.UPSTASH_REDIS_REST_URL;
    if (saved.token) process.env.UPSTASH_REDIS_REST_TOKEN = saved.token;
    else delete process.env.UPSTASH_REDIS_REST_TOKEN;
    await bridge?.close();
    clearSeatingCaches();
  });

  const modes = [
    { name: "Postgres alone (no Redis)", redis: false },
    ...(haveRedis ? [{ name: "Redis handing out units first, Postgres deciding", redis: true }] : []),
  ];
  it.each(modes)("$name: never sells or holds more than the capacity, and every winner holds exactly what it asked", { timeout: 120_000 }, async ({ redis }) => {
    if (redis) {
      bridge ??= await createUpstashBridge({ redisUrl: TEST_REDIS_URL, token: "zone-race-token" });
      process.env.UPSTASH_REDIS_REST_URL = bridge.url;
      process.env.UPSTASH_REDIS_REST_TOKEN = "zone-race-token";
    } else {
      delete process.env.UPSTASH_REDIS_REST_URL;
      delete process.env.UPSTASH_REDIS_REST_TOKEN;
    }
    const CLIENTS = 200;
    clearSeatingCaches();
    const zone = await addZone(db, { sectionId, name: `Flash ${Date.now()}`, capacity: 150, sortOrder: 9 });
    const show = await createShow({ eventId, venue, sectionId, startsAt: hoursFromNow(72), zonePrices: { [zone.id]: 99_900 } });
    const users = await Promise.all(Array.from({ length: CLIENTS }, () => createUser()));
    const asked = new Map<string, number>();
    const won = new Map<string, number>();
    await Promise.all(
      users.map(async (user, i) => {
        const quantity = 1 + (i % 4);
        const booking = await initiateBooking(user.id, show.id);
        asked.set(booking.id, quantity);
        try {
          const hold = await holdSeats(user.id, booking.id, [], [{ zoneId: zone.id, quantity }]);
          expect(hold.seats).toHaveLength(quantity);
          won.set(booking.id, quantity);
        } catch (err) {
          if (!(err instanceof AppError) || err.code !== "ZONE_SOLD_OUT") throw err;
        }
      }),
    );
    // Audit from the database: units per booking, distinct, within capacity.
    const rows = await queryRows<{ bookingId: string; n: number }>(
      db,
      sql`SELECT locked_by_booking_id AS "bookingId", count(*)::int AS n FROM show_seats
          WHERE show_id = ${show.id}::uuid AND zone_id = ${zone.id}::uuid AND status IN ('LOCKED', 'BOOKED') GROUP BY 1`,
    );
    const taken = rows.reduce((n, r) => n + r.n, 0);
    expect(taken).toBeLessThanOrEqual(150);
    expect(new Map(rows.map((r) => [r.bookingId, r.n]))).toEqual(won);
    const [dupes] = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM (SELECT show_seat_id FROM booking_seats bs JOIN bookings b ON b.id = bs.booking_id
          WHERE b.show_id = ${show.id}::uuid AND b.status = 'LOCKED' GROUP BY 1 HAVING count(*) > 1) d`,
    );
    expect(dupes!.n).toBe(0);
    // Demand (500 places) far exceeds 150: most places went, and none was lost: whatever is left
    // one more buyer takes, and after that the zone is sold out.
    expect(taken).toBeGreaterThan(100);
    const left = 150 - taken;
    const [last, late] = await Promise.all([createUser(), createUser()]);
    if (left > 0) {
      const lb = await initiateBooking(last.id, show.id);
      expect((await holdSeats(last.id, lb.id, [], [{ zoneId: zone.id, quantity: Math.min(left, 10) }])).seats).toHaveLength(Math.min(left, 10));
    }
    if (left <= 10) {
      const tb = await initiateBooking(late.id, show.id);
      await expectCode(holdSeats(late.id, tb.id, [], [{ zoneId: zone.id, quantity: 1 }]), "ZONE_SOLD_OUT");
    }
    expect(asked.size).toBe(CLIENTS);
    if (redis) {
      // Redis agrees with Postgres on who holds every unit (it is how the next buyer is turned away cheaply).
      const held = await queryRows<{ seatId: string; bookingId: string }>(
        db,
        sql`SELECT seat_id AS "seatId", locked_by_booking_id AS "bookingId" FROM show_seats WHERE show_id = ${show.id}::uuid AND zone_id = ${zone.id}::uuid AND status = 'LOCKED'`,
      );
      const direct = new IORedis(TEST_REDIS_URL);
      try {
        const keys = await direct.mget(...held.map((h) => seatKey(show.id, h.seatId)));
        expect(keys).toEqual(held.map((h) => h.bookingId));
      } finally {
        direct.disconnect();
      }
    }
  });
});

describe("unit candidates for Redis (phase 1 of a quantity hold)", () => {
  const layout = {
    seats: [{ id: "s1" }],
    zones: [{ id: "z", unitStart: 0, capacity: 6 }],
    units: ["u1", "u2", "u3", "u4", "u5", "u6"].map((id) => ({ id, zoneId: "z" })),
  } as unknown as Parameters<typeof unitCandidates>[0];

  it("offers the booking's own units first, then only units the snapshot shows free", () => {
    // u1 is the booking's own (from Postgres), even where the snapshot still shows it free.
    const snapshot = { status: "A" + "AABHAX" };
    const [zone] = unitCandidates(layout, snapshot, new Set(["u1"]), [{ zoneId: "z", quantity: 3 }], () => 0)!;
    expect(zone!.unitIds[0]).toBe("u1");
    expect(new Set(zone!.unitIds)).toEqual(new Set(["u1", "u2", "u5"]));
    expect(zone!.quantity).toBe(3);
  });

  it("leaves the decision to Postgres when the snapshot has too few free units", () => {
    const snapshot = { status: "A" + "BBBBAA" };
    expect(unitCandidates(layout, snapshot, new Set(), [{ zoneId: "z", quantity: 3 }])).toBeNull();
    expect(unitCandidates(layout, snapshot, new Set(), [{ zoneId: "z", quantity: 2 }])).not.toBeNull();
  });
});
