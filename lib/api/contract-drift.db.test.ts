// Drift, end to end: each catalog, show and user operation is called with good and bad input,
// and every answer passes through the response hook (lib/testing/api-drift.ts, installed by
// setup-db) which holds it against the OpenAPI document. The last block proves the hook fails a
// handler that answers outside the document: an extra field, a wrong type, an undocumented
// status or error code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { randomBytes } from "node:crypto";
import { db } from "@/db/client";
import { bookings, eventCredits, people } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { createUser, TEST_PASSWORD } from "@/lib/testing/users";
import { isOperation, OPERATIONS } from "@/lib/api/contract";
import * as catalog from "@/lib/api/contract/events";
import * as showOps from "@/lib/api/contract/shows";
import * as userOps from "@/lib/api/contract/users";
import * as metaOps from "@/lib/api/contract/meta";
import { openApiDocument } from "@/lib/api/openapi";
import { ApiDriftError } from "@/lib/testing/api-drift";
import { GET as listEvents } from "@/app/api/v1/events/route";
import { GET as searchEvents } from "@/app/api/v1/events/search/route";
import { GET as autocomplete } from "@/app/api/v1/events/autocomplete/route";
import { GET as getEvent } from "@/app/api/v1/events/[eventId]/route";
import { GET as eventShows } from "@/app/api/v1/events/[eventId]/shows/route";
import { GET as getPerson } from "@/app/api/v1/people/[personId]/route";
import { GET as venues } from "@/app/api/v1/venues/route";
import { GET as cities } from "@/app/api/v1/cities/route";
import { GET as getShow } from "@/app/api/v1/shows/[showId]/route";
import { GET as seats } from "@/app/api/v1/shows/[showId]/seats/route";
import { GET as bestAvailable } from "@/app/api/v1/shows/[showId]/best-available/route";
import { GET as pricing } from "@/app/api/v1/shows/[showId]/pricing/route";
import { GET as room } from "@/app/api/v1/shows/[showId]/queue/room/route";
import { POST as register } from "@/app/api/v1/users/register/route";
import { POST as login } from "@/app/api/v1/users/login/route";
import { POST as logout } from "@/app/api/v1/users/logout/route";
import { GET as profile } from "@/app/api/v1/users/[userId]/profile/route";
import { GET as userBookings } from "@/app/api/v1/users/[userId]/bookings/route";
import { GET as openapi } from "@/app/api/v1/openapi.json/route";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
type Opts = { params?: Record<string, string>; token?: string; body?: unknown; headers?: Record<string, string>; method?: string };

const ip = () => `203.0.113.${(randomBytes(1)[0]! % 250) + 1}`;

async function call(handler: Handler, path: string, opts: Opts = {}) {
  const headers: Record<string, string> = { "x-forwarded-for": ip(), ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const req = new NextRequest(`http://localhost${path}`, { method: opts.method ?? (opts.body === undefined ? "GET" : "POST"), headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are asserted field by field
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as any };
}

// Which (operation, status) pairs the tests below made: every documented success must be seen.
const seen = new Set<string>();
const mine = [catalog, showOps, userOps, metaOps].flatMap((m) => Object.values(m).filter(isOperation));

beforeAll(() => {
  const check = globalThis.__marqueeOnResponse!;
  expect(check, "setup-db installs the drift hook").toBeTypeOf("function");
  globalThis.__marqueeOnResponse = async (spec, req, res) => {
    await check(spec, req, res.clone());
    if (spec && typeof spec === "object" && "operationId" in spec) seen.add(`${String(spec.operationId)} ${res.status}`);
  };
  return () => {
    globalThis.__marqueeOnResponse = check;
  };
});

describe("catalog, show and user operations answer inside the document", () => {
  let cityId = "";
  let eventId = "";
  let eventSlug = "";
  let showId = "";
  let personSlug = "";
  let user: Awaited<ReturnType<typeof createUser>>;

  beforeAll(async () => {
    const city = await createCity();
    cityId = city.id;
    const { venue, section } = await createVenue(city.id);
    const event = await createEvent({ title: "Drift Of The Ages", popularity: 7 });
    eventId = event.id;
    eventSlug = event.slug;
    showId = (await createShow({ eventId, venue, sectionId: section.id, startsAt: hoursFromNow(30), prices: { REGULAR: 25000, PREMIUM: 40000 } })).id;
    const [person] = await db.insert(people).values({ slug: `drifter-${randomBytes(3).toString("hex")}`, name: "Ada Drifter" }).returning();
    personSlug = person!.slug;
    await db.insert(eventCredits).values({ eventId, personId: person!.id, role: "CAST", credit: "as Herself" });
    user = await createUser("customer");
    await db.insert(bookings).values({ reference: `D${Date.now()}`, userId: user.id, showId, status: "CONFIRMED", totalMinor: 25000 });
  });

  it("lists, searches and autocompletes events", async () => {
    const page = await call(listEvents, `/api/v1/events?city=${cityId}&limit=1`);
    expect(page.status).toBe(200);
    expect(page.body.items[0].id).toBe(eventId);
    expect((await call(listEvents, "/api/v1/events?cursor=%7B%7D")).body.error.code).toBe("INVALID_CURSOR");
    expect((await call(listEvents, "/api/v1/events?limit=5000")).status).toBe(400);
    const found = await call(searchEvents, `/api/v1/events/search?query=drift&city=${cityId}`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((e: { id: string }) => e.id)).toContain(eventId);
    expect((await call(searchEvents, "/api/v1/events/search")).status).toBe(400);
    const typed = await call(autocomplete, "/api/v1/events/autocomplete?prefix=drif");
    expect(typed.status).toBe(200);
    expect(typed.body.suggestions.length).toBeGreaterThan(0);
    expect((await call(autocomplete, "/api/v1/events/autocomplete?prefix=a&city=atlantis")).status).toBe(400);
  });

  it("gets an event, its shows and a person", async () => {
    const event = await call(getEvent, `/api/v1/events/${eventSlug}`, { params: { eventId: eventSlug } });
    expect(event.status).toBe(200);
    expect(event.body.event.credits[0].name).toBe("Ada Drifter");
    expect((await call(getEvent, "/api/v1/events/nope", { params: { eventId: "nope" } })).status).toBe(404);
    expect((await call(getEvent, "/api/v1/events/x", { params: { eventId: "no/slashes" } })).status).toBe(400);
    const shows = await call(eventShows, `/api/v1/events/${eventId}/shows?city=${cityId}`, { params: { eventId } });
    expect(shows.status).toBe(200);
    expect(shows.body.venues[0].shows[0].id).toBe(showId);
    expect((await call(eventShows, "/api/v1/events/x/shows?date=someday", { params: { eventId } })).status).toBe(400);
    const person = await call(getPerson, `/api/v1/people/${personSlug}?city=${cityId}`, { params: { personId: personSlug } });
    expect(person.status).toBe(200);
    expect(person.body.events[0]).toMatchObject({ id: eventId, inCity: true });
    expect((await call(getPerson, "/api/v1/people/nobody", { params: { personId: "nobody" } })).status).toBe(404);
  });

  it("lists venues and cities", async () => {
    const list = await call(venues, `/api/v1/venues?city=${cityId}`);
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBe(1);
    expect((await call(venues, "/api/v1/venues?lat=19")).status).toBe(400);
    const all = await call(cities, "/api/v1/cities");
    expect(all.body.items.map((c: { id: string }) => c.id)).toContain(cityId);
  });

  it("gets a show, its seats (and 304), best available, pricing and waiting room (and 304)", async () => {
    const show = await call(getShow, `/api/v1/shows/${showId}`, { params: { showId } });
    expect(show.status).toBe(200);
    expect(show.body.show.event).not.toHaveProperty("nameVector");
    expect(show.body.show.venue).not.toHaveProperty("searchVector");
    expect((await call(getShow, "/api/v1/shows/x", { params: { showId: "not-a-uuid" } })).status).toBe(400);
    expect((await call(getShow, "/api/v1/shows/x", { params: { showId: crypto.randomUUID() } })).status).toBe(404);
    const full = await call(seats, `/api/v1/shows/${showId}/seats`, { params: { showId } });
    expect(full.status).toBe(200);
    expect(full.body.seats.length).toBeGreaterThan(0);
    const poll = await call(seats, `/api/v1/shows/${showId}/seats?view=status`, { params: { showId } });
    expect(poll.body.status).toMatch(/^[AHBX]+$/);
    const again = await call(seats, `/api/v1/shows/${showId}/seats?view=status`, { params: { showId }, headers: { "if-none-match": poll.headers.get("etag")! } });
    expect(again.status).toBe(304);
    expect((await call(seats, `/api/v1/shows/${showId}/seats?view=map`, { params: { showId } })).status).toBe(400);
    const best = await call(bestAvailable, `/api/v1/shows/${showId}/best-available?count=2`, { params: { showId } });
    expect(best.status).toBe(200);
    expect(best.body.seats).toHaveLength(2);
    expect((await call(bestAvailable, `/api/v1/shows/${showId}/best-available?count=3&accessible=4`, { params: { showId } })).status).toBe(400);
    const prices = await call(pricing, `/api/v1/shows/${showId}/pricing`, { params: { showId } });
    expect(prices.body.prices.map((p: { seatType: string }) => p.seatType).sort()).toEqual(["PREMIUM", "REGULAR"]);
    expect((await call(pricing, "/api/v1/shows/x/pricing", { params: { showId: crypto.randomUUID() } })).status).toBe(404);
    const r = await call(room, `/api/v1/shows/${showId}/queue/room`, { params: { showId } });
    expect(r.status).toBe(200);
    expect(r.body.room.phase).toBe("NONE");
    expect((await call(room, "/", { params: { showId }, headers: { "if-none-match": r.headers.get("etag")! } })).status).toBe(304);
  });

  it("registers, logs in, reads the profile and bookings, and logs out", async () => {
    const email = `drift-${randomBytes(4).toString("hex")}@example.test`;
    const made = await call(register, "/api/v1/users/register", { body: { name: "Dee Rift", email, phone: "+919820000001", password: "Drift-password-42" } });
    expect(made.status).toBe(201);
    const taken = await call(register, "/api/v1/users/register", { body: { name: "Dee Rift", email, phone: "+919820000001", password: "Drift-password-42" } });
    expect(taken.body.error.code).toBe("EMAIL_TAKEN");
    expect((await call(register, "/api/v1/users/register", { body: { email } })).status).toBe(400);
    const notJson = await call(register, "/api/v1/users/register", { method: "POST", headers: { "content-type": "application/json" } });
    expect(notJson.status).toBe(400);
    expect((await call(login, "/api/v1/users/login", { body: { email: user.email, password: "wrong" } })).status).toBe(401);
    // route()'s origin check: a state change on a session cookie from another site (found by the drift hook in lib/auth/sessions.db.test.ts).
    const crossSite = await call(login, "/api/v1/users/login", { body: { email: user.email, password: "x" }, headers: { cookie: "authjs.session-token=abc", origin: "https://evil.example" } });
    expect(crossSite.body.error.code).toBe("FORBIDDEN");
    const signedIn = await call(login, "/api/v1/users/login", { body: { email: user.email, password: TEST_PASSWORD } });
    expect(signedIn.status).toBe(200);
    const token = signedIn.body.token as string;
    const me = await call(profile, "/", { params: { userId: user.id }, token });
    expect(me.body.user.id).toBe(user.id);
    expect((await call(profile, "/", { params: { userId: crypto.randomUUID() }, token })).status).toBe(404);
    expect((await call(profile, "/", { params: { userId: user.id } })).status).toBe(401);
    const history = await call(userBookings, "/api/v1/x?when=upcoming", { params: { userId: user.id }, token });
    expect(history.status).toBe(200);
    expect(history.body.items).toHaveLength(1);
    expect((await call(userBookings, "/api/v1/x?cursor=zzz", { params: { userId: user.id }, token })).body.error.code).toBe("INVALID_CURSOR");
    expect((await call(logout, "/api/v1/users/logout", { body: {}, token })).body).toEqual({ signedOut: true });
  });

  it("serves the document itself, cacheable", async () => {
    const res = await call(openapi, "/api/v1/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("public");
    expect(res.body.paths["/events"].get.operationId).toBe("listEvents");
  });

  afterAll(() => {
    // Every documented success (2xx, 304) of these operations was answered at least once above.
    expect(mine.length).toBe(19);
    expect(OPERATIONS).toEqual(expect.arrayContaining(mine));
    const unexercised = mine.flatMap((o) => Object.keys(o.responses).map((s) => `${o.operationId} ${s}`)).filter((k) => !seen.has(k));
    expect(unexercised).toEqual([]);
  });
});

describe("the drift check fails answers outside the document", () => {
  const cityRow = { id: "x", name: "X", state: "S", country: "IN", timeZone: "Asia/Kolkata", lat: 1, lng: 2, sortOrder: 1 };

  it("fails an extra field, naming the operation and where", async () => {
    const drifting = route(catalog.listCities, async () => ({ items: [{ ...cityRow, secret: "hash" }] }));
    const err = await call(drifting, "/api/v1/cities").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiDriftError);
    expect(String((err as Error).message)).toContain("listCities (GET /cities) answered 200");
    expect(String((err as Error).message)).toContain("$.items[0].secret: not in the document");
  });

  it("fails a wrong type and a missing field", async () => {
    const { lat: _lat, ...noLat } = cityRow;
    const drifting = route(catalog.listCities, async () => ({ items: [{ ...noLat, sortOrder: "1" }] }));
    const message = String(((await call(drifting, "/api/v1/cities").catch((e: unknown) => e)) as Error).message);
    expect(message).toContain("$.items[0].lat: required but missing");
    expect(message).toContain("$.items[0].sortOrder: expected integer");
  });

  it("fails an undocumented success status", async () => {
    const drifting = route(catalog.listCities, async () => ({ items: [] }), { status: 202 });
    await expect(call(drifting, "/api/v1/cities")).rejects.toThrow(/status 202 is not documented/);
  });

  it("fails an undocumented error code, and passes a documented one", async () => {
    const conflict = route(showOps.getShowPricing, async () => {
      throw new AppError("SEATS_UNAVAILABLE", "taken");
    });
    const showId = crypto.randomUUID();
    await expect(call(conflict, "/", { params: { showId } })).rejects.toThrow(/status 409 is not documented/);
    const missing = route(showOps.getShowPricing, async () => {
      throw new AppError("NOT_FOUND", "no such show");
    });
    expect((await call(missing, "/", { params: { showId } })).status).toBe(404);
    const wrongCode = route(catalog.listEvents, async () => {
      throw new AppError("INVALID_JSON", "same status, undocumented code");
    });
    await expect(call(wrongCode, "/api/v1/events")).rejects.toThrow(/error code INVALID_JSON \(status 400\) is not documented/);
  });

  it("leaves routes without an operation alone", async () => {
    const plain = route({ scope: "catalog:read" }, async () => ({ anything: true }));
    expect((await call(plain, "/api/v1/whatever")).status).toBe(200);
  });

  it("checks against the document served", () => {
    expect(openApiDocument().paths["/cities"]?.get?.operationId).toBe("listCities");
  });
});
