// The waitlist's REST endpoints: signed in only, validated, 4xx with a code for every refusal.
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as mine, POST as join } from "./shows/[showId]/waitlist/route";
import { DELETE as leave } from "./shows/[showId]/waitlist/[entryId]/route";
import { POST as lockSeats } from "./bookings/[bookingId]/lock-seats/route";
import { POST as cancel } from "./bookings/[bookingId]/cancel/route";
import { POST as initiate } from "./bookings/initiate/route";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { createUser } from "@/lib/testing/users";
import { configureRateLimiter } from "@/lib/ratelimit";
import { getSeatMapLayout } from "@/lib/seating/availability";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies are asserted field by field
type Json = Record<string, any>;
type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;

async function call(handler: Handler, opts: { token?: string; params?: Record<string, string>; method?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const req = new NextRequest("http://localhost/api/v1/x", { method: opts.method ?? "POST", headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
}

describe("waitlist API", () => {
  let showId = "";
  let seatIds: string[] = [];
  beforeAll(async () => {
    configureRateLimiter({ redis: null, limits: { holdSeats: { limit: 1000, window: "60 s" }, api: { limit: 1000, window: "60 s" }, waitlist: { limit: 1000, window: "60 s" } } as never });
    const city = await createCity();
    const { venue, section } = await createVenue(city.id, { rows: 1, cols: 3 });
    const event = await createEvent();
    showId = (await createShow({ eventId: event.id, venue, sectionId: section.id, startsAt: hoursFromNow(30) })).id;
    seatIds = (await getSeatMapLayout(showId)).seats.map((s) => s.id);
  });

  it("joins a sold-out show, lists, refuses others' seats, offers on cancel, and leaves", async () => {
    const [holder, alice, bob] = [await createUser(), await createUser(), await createUser()];
    const params = { showId };
    expect((await call(join, { params, body: { quantity: 1 } })).status).toBe(401);
    const early = await call(join, { token: alice.token, params, body: { quantity: 1 } });
    expect(early).toMatchObject({ status: 409, body: { error: { code: "NOT_SOLD_OUT" } } });
    for (const body of [{ quantity: 0 }, { quantity: 11 }, { quantity: "2" }, { quantity: 1, zoneId: "nope" }, {}]) {
      expect((await call(join, { token: alice.token, params, body })).status).toBe(400);
    }
    expect((await call(join, { token: alice.token, params: { showId: "x" }, body: { quantity: 1 } })).status).toBe(400);

    const b = await call(initiate, { token: holder.token, body: { showId } });
    expect((await call(lockSeats, { token: holder.token, params: { bookingId: b.body.booking.id }, body: { seatIds } })).status).toBe(200);

    const joined = await call(join, { token: alice.token, params, body: { quantity: 2 } });
    expect(joined).toMatchObject({ status: 200, body: { entry: { status: "WAITING", quantity: 2, position: 1, zoneId: null, offer: null } } });
    expect((await call(join, { token: alice.token, params, body: { quantity: 2 } })).body.entry.id).toBe(joined.body.entry.id);
    const list = await call(mine, { token: alice.token, params, method: "GET" });
    expect(list.body.items.map((i: Json) => i.id)).toEqual([joined.body.entry.id]);
    expect((await call(mine, { token: bob.token, params, method: "GET" })).body.items).toEqual([]);

    // The holder lets go: Alice's offer; Bob asking for the third seat meets the line.
    expect((await call(cancel, { token: holder.token, params: { bookingId: b.body.booking.id } })).status).toBe(200);
    const offered = (await call(mine, { token: alice.token, params, method: "GET" })).body.items[0];
    expect(offered).toMatchObject({ status: "OFFERED", offer: { bookingId: expect.any(String), places: ["A1", "A2"] } });
    const bobJoin = await call(join, { token: bob.token, params, body: { quantity: 2 } });
    expect(bobJoin.body.entry.status).toBe("WAITING");
    const bb = await call(initiate, { token: bob.token, body: { showId } });
    const refused = await call(lockSeats, { token: bob.token, params: { bookingId: bb.body.booking.id }, body: { seatIds: [seatIds[2]] } });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: "WAITLIST_FIRST" } } });

    // Leaving: someone else's entry is not found; Alice declines and her seats go to Bob.
    expect((await call(leave, { token: bob.token, params: { showId, entryId: offered.id }, method: "DELETE" })).status).toBe(404);
    expect((await call(leave, { token: alice.token, params: { showId, entryId: randomUUID() }, method: "DELETE" })).status).toBe(404);
    const left = await call(leave, { token: alice.token, params: { showId, entryId: offered.id }, method: "DELETE" });
    expect(left).toMatchObject({ status: 200, body: { entry: { status: "LEFT" } } });
    expect((await call(mine, { token: bob.token, params, method: "GET" })).body.items[0]).toMatchObject({ status: "OFFERED" });
  });
});
