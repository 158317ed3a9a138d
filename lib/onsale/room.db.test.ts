// The on-sale waiting room (issue 18): early joiners in a random order, later ones first come
// first served; admission at the staff-set rate, paused, capped by the line, closed when sold out;
// the pass the hold path requires. The line runs on Postgres here, and on Redis too (through the
// Upstash bridge) when the suite has a real Postgres and Redis.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { db, databaseKind } from "@/db/client";
import { AppError } from "@/lib/errors";
import { httpStatus } from "@/lib/http/errors";
import { authSecret } from "@/lib/auth/secret";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { createUser } from "@/lib/testing/users";
import { initiateBooking } from "@/lib/booking/initiate";
import { holdSeats } from "@/lib/booking/hold";
import { configureRateLimiter } from "@/lib/ratelimit";
import { clearSeatingCaches, getSeatMapLayout } from "@/lib/seating/availability";
import { createUpstashBridge, type UpstashBridge } from "@/lib/devtools/upstash-bridge/bridge";
import { haveTestRedis, TEST_REDIS_URL } from "@/lib/testing/redis";
import { GET as roomRoute } from "@/app/api/v1/shows/[showId]/queue/room/route";
import { GET as statusRoute, POST as joinRoute } from "@/app/api/v1/shows/[showId]/queue/route";
import { POST as initiateRoute } from "@/app/api/v1/bookings/initiate/route";
import { POST as lockSeatsRoute } from "@/app/api/v1/bookings/[bookingId]/lock-seats/route";
import { GET as adminOnSaleRoute, PUT as adminOnSalePut } from "@/app/api/v1/admin/shows/[showId]/on-sale/route";
import { endWaitingRoom, roomStats, setOnSale } from "@/lib/admin/on-sale";
import { passCookieName, signPass } from "./pass";
import { invalidateOnSale, joinQueue, queueStatus, requireAdmission, tick } from "./room";

const onPostgres = databaseKind() === "postgres";
const haveRedis = onPostgres && (await haveTestRedis());

let venue: { id: string; cityId: string };
let sectionId: string;
let eventId: string;
let staff: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  configureRateLimiter({ redis: null, limits: { holdSeats: { limit: 1000, window: "60 s" }, api: { limit: 10_000, window: "60 s" }, queueJoin: { limit: 3, window: "60 s" } } as never });
  const city = await createCity();
  const v = await createVenue(city.id, { rows: 2, cols: 5 });
  venue = v.venue;
  sectionId = v.section.id;
  eventId = (await createEvent({ category: "CONCERT" })).id;
  staff = await createUser("admin");
});
afterAll(() => configureRateLimiter());

async function roomShow(opts: { inMs?: number; rate?: number; waitingRoom?: boolean } = {}) {
  const show = await createShow({ eventId, venue, sectionId, startsAt: hoursFromNow(72) });
  await setOnSale(staff, show.id, { onSaleAt: new Date(Date.now() + (opts.inMs ?? 3_600_000)), waitingRoom: opts.waitingRoom ?? true, admitPerMinute: opts.rate ?? 60, paused: false });
  return show;
}

/** The on-sale has started (as if its time had come), with no admissions yet. */
async function startOnSale(showId: string) {
  await db.execute(sql`UPDATE on_sales SET on_sale_at = now() - interval '1 minute', ticked_at = now(), admitted = 0 WHERE show_id = ${showId}::uuid`);
  invalidateOnSale(showId);
}

/** `seconds` of admissions have passed since the last tick. */
async function elapse(showId: string, seconds: number) {
  await db.execute(sql`UPDATE on_sales SET ticked_at = now() - make_interval(secs => ${seconds}) WHERE show_id = ${showId}::uuid`);
  invalidateOnSale(showId);
  return tick(showId, { force: true });
}

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (err === undefined) return undefined;
  if (!(err instanceof AppError)) throw err;
  expect(httpStatus(err.code)).toBeGreaterThanOrEqual(400);
  expect(httpStatus(err.code)).toBeLessThan(500);
  return err.code;
}

const users = (n: number) => Promise.all(Array.from({ length: n }, () => createUser()));

const stores: { name: string; on: boolean }[] = [
  { name: "Postgres line", on: true },
  { name: "Redis line", on: haveRedis },
];

for (const store of stores) {
  describe.skipIf(!store.on)(`waiting room (${store.name})`, () => {
    // Each describe picks its line: no Redis for the Postgres one (even when the suite runs with
    // Redis configured, as CI's second pass does), a bridge of its own for the Redis one.
    let bridge: UpstashBridge | undefined;
    const saved = { url: process.env.UPSTASH_REDIS_REST_URL, token: process.env.UPSTASH_REDIS_REST_TOKEN };
    beforeAll(async () => {
      delete process.env.UPSTASH_REDIS_REST_URL;
      delete process.env.UPSTASH_REDIS_REST_TOKEN;
      if (store.name !== "Redis line") return;
      bridge = await createUpstashBridge({ redisUrl: TEST_REDIS_URL, token: "queue-test-token" });
      process.env.UPSTASH_REDIS_REST_URL = bridge.url;
      process.env.UPSTASH_REDIS_REST_TOKEN = "queue-test-token";
    });
    afterAll(async () => {
      for (const [key, value] of [["UPSTASH_REDIS_REST_URL", saved.url], ["UPSTASH_REDIS_REST_TOKEN", saved.token]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      await bridge?.close();
    });

    it("draws a random order among everyone who joined before the on-sale, and serves later arrivals in order behind them", async () => {
      const show = await roomShow();
      const early = await users(30);
      for (const u of early) {
        const s = await joinQueue(u.id, show.id);
        // Before the on-sale nobody has a place yet: the draw is at the on-sale.
        expect(s).toMatchObject({ joined: true, position: null, admitted: false, pass: null });
        expect(s.room.phase).toBe("BEFORE");
      }
      await startOnSale(show.id);
      const statuses = await Promise.all(early.map((u) => queueStatus(u.id, show.id)));
      const positions = statuses.map((s) => s.position!);
      // Each knows its draw, and the room how many drew: the place is about draw × 30 (a page shows
      // that and asks for the exact place only near its turn). 4σ of a binomial rank, plus one.
      expect(statuses[0]!.room.earlyJoiners).toBe(30);
      for (const s of statuses) {
        expect(s.draw).toBeGreaterThanOrEqual(0);
        expect(s.draw).toBeLessThan(1);
        expect(Math.abs(s.position! - s.draw! * 30)).toBeLessThanOrEqual(4 * Math.sqrt(30 * s.draw! * (1 - s.draw!)) + 1);
      }
      expect([...positions].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      // Not the order they came in: with first-come-first-served the first five would hold 1–5.
      expect(positions).not.toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(positions.slice(0, 5).some((p) => p > 5)).toBe(true);

      const late = await users(3);
      const latePositions = [];
      for (const u of late) latePositions.push((await joinQueue(u.id, show.id)).position);
      expect(latePositions).toEqual([31, 32, 33]);
      expect((await queueStatus(late[0]!.id, show.id)).draw).toBeNull();
      // Joining again (leaving the page and coming back) keeps the place, early or late.
      expect((await joinQueue(early[0]!.id, show.id)).position).toBe(positions[0]);
      expect((await joinQueue(late[1]!.id, show.id)).position).toBe(32);
      expect((await queueStatus(late[2]!.id, show.id)).position).toBe(33);
      const stranger = await createUser();
      expect(await queueStatus(stranger.id, show.id)).toMatchObject({ joined: false, position: null, admitted: false });
    });

    it("lets places through at the staff-set rate, never past the end of the line, and not while paused", async () => {
      const show = await roomShow({ rate: 60 });
      await startOnSale(show.id);
      const line = await users(5);
      for (const u of line) await joinQueue(u.id, show.id);
      const two = (await elapse(show.id, 2))!.admitted;
      expect(two).toBeGreaterThanOrEqual(2);
      expect(two).toBeLessThan(2.5);
      const second = await queueStatus(line[1]!.id, show.id);
      const third = await queueStatus(line[2]!.id, show.id);
      expect(second).toMatchObject({ position: 2, admitted: true, ahead: 0 });
      expect(second.pass?.token).toBeTruthy();
      expect(third).toMatchObject({ position: 3, admitted: false, ahead: 0, pass: null });
      expect(third.estimatedWaitSeconds).toBe(1);
      expect((await queueStatus(line[4]!.id, show.id)).estimatedWaitSeconds).toBe(3);

      // An hour passes with five in line: five are through, not 3,600 banked for later arrivals.
      expect((await elapse(show.id, 3600))!.admitted).toBe(5);
      const later = await createUser();
      expect(await joinQueue(later.id, show.id)).toMatchObject({ position: 6, admitted: false });

      await setOnSale(staff, show.id, { onSaleAt: new Date(Date.now() - 60_000), waitingRoom: true, admitPerMinute: 60, paused: true });
      expect((await elapse(show.id, 30))!.admitted).toBe(5);
      expect((await queueStatus(later.id, show.id)).estimatedWaitSeconds).toBeNull();
      const stats = await roomStats(staff, show.id);
      expect(stats).toMatchObject({ phase: "OPEN", queueLength: 6, admittedThrough: 5, waiting: 1, minutesToClear: null, store: store.name === "Redis line" ? "redis" : "postgres" });
    });

    it("closes when the show sells out, and refuses to take anyone in after", async () => {
      const show = await roomShow({ rate: 600 });
      await startOnSale(show.id);
      await db.execute(sql`UPDATE show_seats SET status = 'BLOCKED', version = version + 1 WHERE show_id = ${show.id}::uuid`);
      clearSeatingCaches(show.id);
      const closed = await tick(show.id, { force: true });
      expect(closed).toMatchObject({ closedReason: "SOLD_OUT" });
      expect(closed!.closedAt).toBeInstanceOf(Date);
      const u = await createUser();
      expect(await codeOf(joinQueue(u.id, show.id))).toBe("QUEUE_CLOSED");
    });
  });
}

describe("the pass the hold path requires", () => {
  it("refuses holds before the on-sale, and while the room is open without a valid pass for this account and show", async () => {
    const show = await roomShow();
    const other = await roomShow();
    const [seat] = (await getSeatMapLayout(show.id)).seats;
    const [alice, bob] = await users(2);
    const booking = await initiateBooking(alice!.id, show.id);
    const secret = authSecret();
    const alicePass = signPass(secret, show.id, alice!.id).token;
    // Before the on-sale not even a pass helps.
    expect(await codeOf(holdSeats(alice!.id, booking.id, [seat!.id], [], { queuePass: alicePass }))).toBe("NOT_ON_SALE_YET");

    await startOnSale(show.id);
    expect(await codeOf(holdSeats(alice!.id, booking.id, [seat!.id]))).toBe("QUEUE_PASS_REQUIRED");
    expect(await codeOf(holdSeats(alice!.id, booking.id, [seat!.id], [], { queuePass: signPass(secret, show.id, bob!.id).token }))).toBe("QUEUE_PASS_INVALID");
    expect(await codeOf(holdSeats(alice!.id, booking.id, [seat!.id], [], { queuePass: signPass(secret, other.id, alice!.id).token }))).toBe("QUEUE_PASS_INVALID");
    expect(await codeOf(holdSeats(alice!.id, booking.id, [seat!.id], [], { queuePass: signPass("not-our-secret", show.id, alice!.id).token }))).toBe("QUEUE_PASS_INVALID");
    expect(await codeOf(holdSeats(alice!.id, booking.id, [seat!.id], [], { queuePass: signPass(secret, show.id, alice!.id, { now: Date.now() - 3_600_000 }).token }))).toBe("QUEUE_PASS_EXPIRED");
    const held = await holdSeats(alice!.id, booking.id, [seat!.id], [], { queuePass: alicePass });
    expect(held.seats.map((s) => s.seatId)).toEqual([seat!.id]);

    // Staff end the room: everyone may buy, no pass needed.
    await endWaitingRoom(staff, show.id);
    expect(await codeOf(requireAdmission(bob!.id, show.id, null))).toBeUndefined();
  });

  it("needs nothing for a show without an on-sale, and only the time for an on-sale without a room", async () => {
    const plain = await createShow({ eventId, venue, sectionId, startsAt: hoursFromNow(72) });
    const u = await createUser();
    expect(await codeOf(requireAdmission(u.id, plain.id, null))).toBeUndefined();
    const timed = await roomShow({ waitingRoom: false });
    expect(await codeOf(requireAdmission(u.id, timed.id, null))).toBe("NOT_ON_SALE_YET");
    await startOnSale(timed.id);
    expect(await codeOf(requireAdmission(u.id, timed.id, null))).toBeUndefined();
  });
});

describe("queue API", () => {
  type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON asserted field by field
  type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;
  async function call(handler: Handler, opts: { token?: string; params?: Record<string, string>; method?: string; body?: unknown; headers?: Record<string, string> }) {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers["content-type"] = "application/json";
    const req = new NextRequest("http://localhost/api/v1/x", { method: opts.method ?? "GET", headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as Json };
  }

  it("joins, polls with ETags, hands the admitted a pass that lock-seats takes, and refuses bad input with a code", async () => {
    const show = await roomShow({ rate: 60 });
    await startOnSale(show.id);
    const [alice, bob] = await users(2);
    const params = { showId: show.id };
    const joined = await call(joinRoute, { method: "POST", token: alice!.token, params, headers: { "x-forwarded-for": "203.0.113.7" } });
    expect(joined.status).toBe(201);
    expect(joined.body.queue).toMatchObject({ joined: true, position: 1, admitted: false });
    await call(joinRoute, { method: "POST", token: bob!.token, params });

    // The shared answer is kept for a second: a second later it counts Bob too.
    invalidateOnSale(show.id);
    const room = await call(roomRoute, { params });
    expect(room.status).toBe(200);
    expect(room.body.room).toMatchObject({ phase: "OPEN", queueLength: 2, admittedThrough: 0, admitPerMinute: 60 });
    expect(room.headers.get("cache-control")).toContain("public");
    expect((await call(roomRoute, { params, headers: { "if-none-match": room.headers.get("etag")! } })).status).toBe(304);

    const waiting = await call(statusRoute, { token: alice!.token, params });
    expect(waiting.body.queue).toMatchObject({ position: 1, admitted: false, pass: null });
    expect((await call(statusRoute, { token: alice!.token, params, headers: { "if-none-match": waiting.headers.get("etag")! } })).status).toBe(304);

    await elapse(show.id, 1.5);
    const admitted = await call(statusRoute, { token: alice!.token, params, headers: { "if-none-match": waiting.headers.get("etag")! } });
    expect(admitted.status).toBe(200);
    expect(admitted.body.queue).toMatchObject({ position: 1, admitted: true });
    const pass = admitted.body.queue.pass.token as string;
    expect(admitted.headers.getSetCookie().join(";")).toContain(`${passCookieName(show.id)}=${pass}`);
    expect(admitted.headers.getSetCookie().join(";")).toMatch(/HttpOnly/i);

    // Bob is not through: no booking for him, whatever he sends; Alice's pass is hers alone.
    expect((await call(initiateRoute, { method: "POST", token: bob!.token, body: { showId: show.id } })).body.error.code).toBe("QUEUE_PASS_REQUIRED");
    const stolen = await call(initiateRoute, { method: "POST", token: bob!.token, body: { showId: show.id }, headers: { "x-queue-pass": pass } });
    expect(stolen.status).toBe(403);
    expect(stolen.body.error.code).toBe("QUEUE_PASS_INVALID");

    const started = await call(initiateRoute, { method: "POST", token: alice!.token, body: { showId: show.id }, headers: { "x-queue-pass": pass } });
    expect(started.status).toBe(201);
    const [seat] = (await getSeatMapLayout(show.id)).seats;
    const lockParams = { bookingId: started.body.booking.id as string };
    expect((await call(lockSeatsRoute, { method: "POST", token: alice!.token, params: lockParams, body: { seatIds: [seat!.id] } })).body.error.code).toBe("QUEUE_PASS_REQUIRED");
    const viaCookie = await call(lockSeatsRoute, { method: "POST", token: alice!.token, params: lockParams, body: { seatIds: [seat!.id] }, headers: { cookie: `${passCookieName(show.id)}=${pass}` } });
    expect(viaCookie.status).toBe(200);
    expect(viaCookie.body.booking.status).toBe("LOCKED");

    // Bad input: a 4xx with a code, never a 500.
    expect((await call(joinRoute, { method: "POST", token: alice!.token, params: { showId: "nope" } })).body.error.code).toBe("VALIDATION_FAILED");
    expect((await call(joinRoute, { method: "POST", params })).status).toBe(401);
    const plain = await createShow({ eventId, venue, sectionId, startsAt: hoursFromNow(72) });
    const noRoom = await call(joinRoute, { method: "POST", token: alice!.token, params: { showId: plain.id } });
    expect(noRoom.status).toBe(409);
    expect(noRoom.body.error.code).toBe("QUEUE_CLOSED");
  });

  it("shows staff the room and the waitlist, and keeps other venues' staff out", async () => {
    const show = await roomShow({ rate: 120 });
    await startOnSale(show.id);
    const fan = await createUser();
    await joinQueue(fan.id, show.id);
    invalidateOnSale(show.id);
    const seen = await call(adminOnSaleRoute, { token: staff.token, params: { showId: show.id } });
    expect(seen.status).toBe(200);
    expect(seen.body.onSale).toMatchObject({ phase: "OPEN", queueLength: 1, settings: { waitingRoom: true, admitPerMinute: 120 } });
    expect(seen.body.waitlist.counts).toMatchObject({ WAITING: 0, OFFERED: 0 });
    const outsider = await createUser("staff");
    expect((await call(adminOnSaleRoute, { token: outsider.token, params: { showId: show.id } })).status).toBe(404);
    expect((await call(adminOnSaleRoute, { token: fan.token, params: { showId: show.id } })).status).toBe(403);
    const bad = await call(adminOnSalePut, { method: "PUT", token: staff.token, params: { showId: show.id }, body: { onSaleAt: "soon", admitPerMinute: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    const late = await call(adminOnSalePut, { method: "PUT", token: staff.token, params: { showId: show.id }, body: { onSaleAt: hoursFromNow(100).toISOString(), waitingRoom: true } });
    expect(late.status).toBe(400);
  });

  it("limits joins per address", async () => {
    configureRateLimiter({ redis: null, limits: { api: { limit: 10_000, window: "60 s" }, queueJoin: { limit: 3, window: "60 s" } } as never });
    const show = await roomShow();
    const many = await users(4);
    const statuses = [];
    for (const u of many) statuses.push((await call(joinRoute, { method: "POST", token: u.token, params: { showId: show.id }, headers: { "x-forwarded-for": "203.0.113.99" } })).status);
    // TRUSTED_PROXY_HOPS is 0 in tests: every request here is the same (unknown) address.
    expect(statuses).toEqual([201, 201, 201, 429]);
  });
});
