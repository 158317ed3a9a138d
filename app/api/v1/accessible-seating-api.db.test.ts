import { NextRequest } from "next/server";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as initiate } from "./bookings/initiate/route";
import { POST as lockSeatsRoute } from "./bookings/[bookingId]/lock-seats/route";
import { POST as cancel } from "./bookings/[bookingId]/cancel/route";
import { GET as bestRoute } from "./shows/[showId]/best-available/route";
import { GET as seatsRoute } from "./shows/[showId]/seats/route";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { createUser } from "@/lib/testing/users";
import { clearSeatingCaches } from "@/lib/seating/availability";
import { configureRateLimiter } from "@/lib/ratelimit";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies are asserted field by field
type Json = Record<string, any>;
type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;

async function call(handler: Handler, opts: { token?: string; params?: Record<string, string>; method?: string; body?: unknown; path?: string } = {}) {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const req = new NextRequest(`http://localhost${opts.path ?? "/api/v1/x"}`, { method: opts.method ?? "POST", headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
}

// A hall with a companion seat (c) beside each wheelchair space (w), and regular seats (r):
//   A  r r r r r r
//   B  c w c r w c
const HALL = ["rrrrrr", "cwcrwc"];
const TYPES = { r: "REGULAR", c: "COMPANION", w: "ACCESSIBLE" } as const;

describe("accessible seating API", () => {
  let showId = "";
  let id: Record<string, string> = {}; // label → seat id
  let user: Awaited<ReturnType<typeof createUser>>;

  beforeAll(async () => {
    configureRateLimiter({ redis: null, limits: { holdSeats: { limit: 1000, window: "60 s" }, api: { limit: 1000, window: "60 s" } } as never });
    const city = await createCity();
    const { venue, section } = await createVenue(city.id, {
      rows: 2,
      cols: 6,
      typeOf: (r, c) => TYPES[HALL[r]![c]! as keyof typeof TYPES],
    });
    const event = await createEvent();
    showId = (await createShow({ eventId: event.id, venue, sectionId: section.id, startsAt: hoursFromNow(30), prices: { REGULAR: 20000, ACCESSIBLE: 20000, COMPANION: 20000 } })).id;
    user = await createUser();
    const seats = await call(seatsRoute, { method: "GET", params: { showId }, path: `/api/v1/shows/${showId}/seats` });
    id = Object.fromEntries(seats.body.seats.map((s: { id: string; label: string }) => [s.label, s.id]));
    expect(seats.body.seats.find((s: Json) => s.label === "B1")).toMatchObject({ type: "COMPANION", priceMinor: 20000 });
  });
  afterEach(() => clearSeatingCaches());

  const lock = async (labels: string[]) => {
    const init = await call(initiate, { token: user.token, body: { showId } });
    const bookingId = init.body.booking.id as string;
    return { bookingId, res: await call(lockSeatsRoute, { token: user.token, params: { bookingId }, body: { seatIds: labels.map((l) => id[l]) } }) };
  };

  it("lock-seats answers 422 with a code naming the companion seats, and holds nothing", async () => {
    const alone = await lock(["B1", "A1"]);
    expect(alone.res.status).toBe(422);
    expect(alone.res.body.error).toMatchObject({ code: "COMPANION_SEAT_ALONE", details: { seatIds: [id.B1], labels: ["B1"] } });
    const apart = await lock(["B1", "B5"]);
    expect(apart.res.status).toBe(422);
    expect(apart.res.body.error).toMatchObject({ code: "COMPANION_SEAT_NOT_ADJACENT", details: { seatIds: [id.B1] } });
    const status = await call(seatsRoute, { method: "GET", params: { showId }, path: `/api/v1/shows/${showId}/seats?view=status` });
    expect(status.body.status).toBe("A".repeat(12));

    const ok = await lock(["B1", "B2"]);
    expect(ok.res.status).toBe(200);
    expect(ok.res.body.booking).toMatchObject({ status: "LOCKED", subtotalMinor: 40000, seats: [{ label: "B1" }, { label: "B2" }] });
    expect((await call(cancel, { token: user.token, params: { bookingId: ok.bookingId } })).status).toBe(200);
  });

  it("lock-seats answers 422 TOO_MANY_COMPANION_SEATS for two companions of one space", async () => {
    const res = (await lock(["B1", "B2", "B3"])).res;
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "TOO_MANY_COMPANION_SEATS", details: { seatIds: [id.B3], labels: ["B3"] } });
  });

  it("best-available suggests wheelchair spaces with their companions, and answers bad counts with 400", async () => {
    const best = await call(bestRoute, { method: "GET", params: { showId }, path: `/api/v1/shows/${showId}/best-available?count=3&accessible=1` });
    expect(best.status).toBe(200);
    expect(best.body).toMatchObject({ showId, count: 3, accessible: 1 });
    const types = best.body.seats.map((s: Json) => s.type).sort();
    expect(types).toEqual(["ACCESSIBLE", "COMPANION", "REGULAR"]);
    // What it suggests can be held as it is.
    const held = await lock(best.body.seats.map((s: Json) => s.label));
    expect(held.res.status).toBe(200);

    const plain = await call(bestRoute, { method: "GET", params: { showId }, path: `/api/v1/shows/${showId}/best-available?count=2` });
    expect(plain.body.seats.every((s: Json) => s.type === "REGULAR")).toBe(true);
    const none = await call(bestRoute, { method: "GET", params: { showId }, path: `/api/v1/shows/${showId}/best-available?count=3&accessible=3` });
    expect(none.status).toBe(200);
    expect(none.body.seats).toEqual([]);

    for (const q of ["count=0", "count=11", "count=2&accessible=3", "count=2&accessible=-1", "count=x", "accessible=1.5"]) {
      const bad = await call(bestRoute, { method: "GET", params: { showId }, path: `/api/v1/shows/${showId}/best-available?${q}` });
      expect(bad.status, q).toBe(400);
      expect(bad.body.error.code, q).toBe("VALIDATION_FAILED");
    }
    expect((await call(bestRoute, { method: "GET", params: { showId: "nope" } })).status).toBe(400);
    expect((await call(bestRoute, { method: "GET", params: { showId: "00000000-0000-4000-8000-000000000000" } })).status).toBe(404);
  });
});
