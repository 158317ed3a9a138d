import { NextRequest } from "next/server";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as initiate } from "./bookings/initiate/route";
import { POST as lockSeatsRoute } from "./bookings/[bookingId]/lock-seats/route";
import { POST as cancel } from "./bookings/[bookingId]/cancel/route";
import { GET as seatsRoute } from "./shows/[showId]/seats/route";
import { GET as releaseCron } from "../cron/release-expired-holds/route";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { createUser } from "@/lib/testing/users";
import { clearSeatingCaches } from "@/lib/seating/availability";
import { addZone } from "@/lib/seating/zones";
import { db } from "@/db/client";
import { configureRateLimiter } from "@/lib/ratelimit";
import { resetEnvCache } from "@/lib/env.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies are asserted field by field
type Json = Record<string, any>;
type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;

async function call(handler: Handler, opts: { token?: string; params?: Record<string, string>; method?: string; body?: unknown; path?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const req = new NextRequest(`http://localhost${opts.path ?? "/api/v1/x"}`, { method: opts.method ?? "POST", headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as Json };
}

describe("seating API", () => {
  let showId = "";
  let pastShowId = "";
  let seatIds: string[] = [];
  let alice: Awaited<ReturnType<typeof createUser>>;
  let bob: Awaited<ReturnType<typeof createUser>>;

  beforeAll(async () => {
    configureRateLimiter({ redis: null, limits: { holdSeats: { limit: 1000, window: "60 s" }, api: { limit: 1000, window: "60 s" } } as never });
    const city = await createCity();
    const { venue, section } = await createVenue(city.id, { rows: 3, cols: 4 });
    const event = await createEvent();
    showId = (await createShow({ eventId: event.id, venue, sectionId: section.id, startsAt: hoursFromNow(30) })).id;
    pastShowId = (await createShow({ eventId: event.id, venue, sectionId: section.id, startsAt: hoursFromNow(-2) })).id;
    alice = await createUser();
    bob = await createUser();
    const seats = await call(seatsRoute, { method: "GET", params: { showId }, path: `/api/v1/shows/${showId}/seats` });
    seatIds = seats.body.seats.map((s: { id: string }) => s.id);
  });
  afterEach(() => clearSeatingCaches());

  it("GET seats answers the contract shape, and 304 for an unchanged ETag", async () => {
    const full = await call(seatsRoute, { method: "GET", params: { showId }, path: `/api/v1/shows/${showId}/seats` });
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({ showId, version: expect.any(Number) });
    expect(full.body.seats).toHaveLength(12);
    expect(full.body.seats[0]).toEqual({ id: expect.any(String), label: "A1", rowLabel: "A", row: 0, col: 0, type: "REGULAR", status: "AVAILABLE", priceMinor: 20000 });
    const status = await call(seatsRoute, { method: "GET", params: { showId }, path: `/api/v1/shows/${showId}/seats?view=status` });
    expect(status.body).toEqual({ showId, zones: [], version: full.body.version, status: "A".repeat(12) });
    const etag = status.headers.get("etag")!;
    const again = await call(seatsRoute, { method: "GET", params: { showId }, path: `/api/v1/shows/${showId}/seats?view=status`, headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();
    const bad = await call(seatsRoute, { method: "GET", params: { showId }, path: `/api/v1/shows/${showId}/seats?view=everything` });
    expect(bad.status).toBe(400);
    expect((await call(seatsRoute, { method: "GET", params: { showId: "nope" } })).body.error.code).toBe("VALIDATION_FAILED");
  });

  it("initiate → lock-seats → 409 for the next buyer naming the seats → cancel frees them", async () => {
    const before = await call(seatsRoute, { method: "GET", params: { showId }, path: `/api/v1/shows/${showId}/seats?view=status` });
    const init = await call(initiate, { token: alice.token, body: { showId } });
    expect(init.status).toBe(201);
    expect(init.body.booking).toMatchObject({ status: "INITIATED", showId, seats: [] });
    const id = init.body.booking.id;
    const locked = await call(lockSeatsRoute, { token: alice.token, params: { bookingId: id }, body: { seatIds: [seatIds[0], seatIds[1]] } });
    expect(locked.status).toBe(200);
    expect(locked.body.booking).toMatchObject({ status: "LOCKED", subtotalMinor: 40000, seats: [{ label: "A1" }, { label: "A2" }] });
    expect(Date.parse(locked.body.booking.expiresAt)).toBeGreaterThan(Date.now() + 9 * 60_000);

    // The poll sees the change: new version, new ETag, no 304 (the per-process snapshot reloads
    // at most every 100 ms after a write; here without waiting).
    clearSeatingCaches();
    const after = await call(seatsRoute, {
      method: "GET",
      params: { showId },
      path: `/api/v1/shows/${showId}/seats?view=status`,
      headers: { "if-none-match": before.headers.get("etag")! },
    });
    expect(after.status).toBe(200);
    expect(after.body.status.slice(0, 3)).toBe("HHA");
    expect(after.body.version).toBeGreaterThan(before.body.version);

    const bobInit = await call(initiate, { token: bob.token, body: { showId } });
    const conflict = await call(lockSeatsRoute, { token: bob.token, params: { bookingId: bobInit.body.booking.id }, body: { seatIds: [seatIds[1], seatIds[2]] } });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error).toMatchObject({ code: "SEATS_UNAVAILABLE", details: { seatIds: [seatIds[1]] } });

    // Bob cannot touch Alice's booking.
    expect((await call(cancel, { token: bob.token, params: { bookingId: id } })).status).toBe(404);
    expect((await call(lockSeatsRoute, { token: bob.token, params: { bookingId: id }, body: { seatIds: [seatIds[5]] } })).status).toBe(404);

    const cancelled = await call(cancel, { token: alice.token, params: { bookingId: id } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.booking.status).toBe("EXPIRED");
    const retry = await call(lockSeatsRoute, { token: bob.token, params: { bookingId: bobInit.body.booking.id }, body: { seatIds: [seatIds[1], seatIds[2]] } });
    expect(retry.status).toBe(200);
  });

  it("answers bad input with 4xx codes", async () => {
    const init = await call(initiate, { token: alice.token, body: { showId } });
    const id = init.body.booking.id;
    const lock = (seatIdsBody: unknown) => call(lockSeatsRoute, { token: alice.token, params: { bookingId: id }, body: { seatIds: seatIdsBody } });
    expect((await lock([seatIds[3], seatIds[3]])).body.error.code).toBe("DUPLICATE_SEATS");
    expect((await lock(seatIds.slice(0, 11))).body.error.code).toBe("TOO_MANY_SEATS");
    expect((await lock(["00000000-0000-4000-8000-000000000001"])).status).toBe(422);
    expect((await lock([])).status).toBe(400);
    expect((await lock("A1")).status).toBe(400);
    expect((await call(initiate, { token: alice.token, body: { showId: pastShowId } })).body.error.code).toBe("SHOW_NOT_ON_SALE");
    expect((await call(initiate, { body: { showId } })).status).toBe(401);
    expect((await call(initiate, { token: alice.token, body: { showId: "00000000-0000-4000-8000-000000000001" } })).status).toBe(404);
  });

  describe("release cron", () => {
    const saved = process.env.CRON_SECRET;
    afterEach(() => {
      if (saved === undefined) delete process.env.CRON_SECRET;
      else process.env.CRON_SECRET = saved;
      resetEnvCache();
    });

    it("needs the cron secret and reports what it released", async () => {
      process.env.CRON_SECRET = "cron-secret-for-tests-0123";
      resetEnvCache();
      expect((await call(releaseCron, { method: "GET" })).status).toBe(401);
      expect((await call(releaseCron, { method: "GET", headers: { authorization: "Bearer wrong-secret-wrong-secret" } })).status).toBe(401);
      const ok = await call(releaseCron, { method: "GET", headers: { authorization: "Bearer cron-secret-for-tests-0123" } });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ job: "release-expired-holds", result: { expired: expect.any(Number), seatsFreed: expect.any(Number) } });
    });

    it("is off (503) when no secret is configured", async () => {
      delete process.env.CRON_SECRET;
      resetEnvCache();
      expect((await call(releaseCron, { method: "GET", headers: { authorization: "Bearer anything-at-all-here" } })).status).toBe(503);
    });
  });
  it("holds general admission by {zones: [{zoneId, quantity}]}, shows zone counts, and answers bad quantities with 4xx", async () => {
    const city = await createCity();
    const { venue, section } = await createVenue(city.id, { rows: 1, cols: 2 });
    const zone = await addZone(db, { sectionId: section.id, name: "Fan Pit", capacity: 5 });
    const event = await createEvent({ category: "CONCERT" });
    const gaShow = (await createShow({ eventId: event.id, venue, sectionId: section.id, startsAt: hoursFromNow(40), zonePrices: { [zone.id]: 300_000 } })).id;
    const init = await call(initiate, { token: alice.token, body: { showId: gaShow } });
    const id = init.body.booking.id;
    const held = await call(lockSeatsRoute, { token: alice.token, params: { bookingId: id }, body: { zones: [{ zoneId: zone.id, quantity: 3 }] } });
    expect(held.status).toBe(200);
    expect(held.body.booking.seats).toHaveLength(3);
    expect(held.body.booking.subtotalMinor).toBe(900_000);
    clearSeatingCaches();
    const seats = await call(seatsRoute, { method: "GET", params: { showId: gaShow }, path: `/api/v1/shows/${gaShow}/seats` });
    expect(seats.body.seats).toHaveLength(2); // the drawn seats only; the zone answers counts
    expect(seats.body.zones).toEqual([
      { id: zone.id, name: "Fan Pit", kind: "STANDING", priceMinor: 300_000, capacity: 5, available: 2, held: 3, sold: 0, state: "AVAILABLE" },
    ]);
    const bobInit = await call(initiate, { token: bob.token, body: { showId: gaShow } });
    const bobLock = (body: unknown) => call(lockSeatsRoute, { token: bob.token, params: { bookingId: bobInit.body.booking.id }, body });
    const short = await bobLock({ zones: [{ zoneId: zone.id, quantity: 3 }] });
    expect(short.status).toBe(409);
    expect(short.body.error.code).toBe("ZONE_SOLD_OUT");
    for (const bad of [{ zones: [{ zoneId: zone.id, quantity: 0 }] }, { zones: [{ zoneId: zone.id, quantity: "2" }] }, { zones: [{ zoneId: "fan-pit", quantity: 1 }] }, {}]) {
      const res = await bobLock(bad);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
    const unknown = await bobLock({ zones: [{ zoneId: crypto.randomUUID(), quantity: 1 }] });
    expect([unknown.status, unknown.body.error.code]).toEqual([422, "UNKNOWN_ZONE"]);
    expect((await bobLock({ zones: [{ zoneId: zone.id, quantity: 2 }] })).status).toBe(200);
  });
});
