// Partner API keys through the real route handlers: authentication, scopes, the per-key rate
// limit, venue limits, and a whole booking made on a customer's behalf.
import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { databaseKind, db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { createApiKey, createApiKeySchema, revokeApiKey } from "@/lib/admin/api-keys";
import { forgetApiKey } from "@/lib/auth/api-keys";
import { initiateBooking } from "@/lib/booking/initiate";
import { deliverDueEvents } from "@/lib/payments/gateways/local";
import { configureRateLimiter } from "@/lib/ratelimit";
import { clearSeatingCaches } from "@/lib/seating/availability";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { CARD_OK, deliverWebhooksInProcess } from "@/lib/testing/payments";
import { createUser } from "@/lib/testing/users";
import { PATCH as patchVenue } from "./admin/venues/[venueId]/route";
import { GET as managedVenues } from "./admin/venues/route";
import { POST as cancel } from "./bookings/[bookingId]/cancel/route";
import { POST as confirm } from "./bookings/[bookingId]/confirm/route";
import { POST as lockSeats } from "./bookings/[bookingId]/lock-seats/route";
import { GET as getBooking } from "./bookings/[bookingId]/route";
import { POST as initiate } from "./bookings/initiate/route";
import { GET as doorStats } from "./checkin/shows/[showId]/stats/route";
import { GET as cities } from "./cities/route";
import { POST as processPayment } from "./payments/process/route";
import { GET as seats } from "./shows/[showId]/seats/route";
import { GET as userBookings } from "./users/[userId]/bookings/route";
import { GET as myWaitlist, POST as joinWaitlist } from "./shows/[showId]/waitlist/route";
import { DELETE as leaveWaitlist } from "./shows/[showId]/waitlist/[entryId]/route";
import { POST as login } from "./users/login/route";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies are asserted field by field
type Json = Record<string, any>;
type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;

async function call(handler: Handler, opts: { key?: string; params?: Record<string, string>; method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const method = opts.method ?? (opts.body !== undefined ? "POST" : "GET");
  const req = new NextRequest("http://localhost/api/v1/x", { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as Json };
}

type TestUser = Awaited<ReturnType<typeof createUser>>;
let admin: TestUser;
let staffA: TestUser;
let venueA: { id: string; cityId: string };
let venueB: { id: string; cityId: string };
let showA = "";
let showB = "";
let seatIds: string[] = [];
let restore = () => {};

const newKey = async (by: TestUser, fields: Record<string, unknown>) => (await createApiKey(by, createApiKeySchema.parse({ name: "Partner", ...fields }))).key;

beforeAll(async () => {
  configureRateLimiter({ redis: null });
  restore = deliverWebhooksInProcess();
  const city = await createCity();
  const a = await createVenue(city.id, { rows: 2, cols: 4 });
  const b = await createVenue(city.id, { rows: 2, cols: 4 });
  venueA = a.venue;
  venueB = b.venue;
  const event = await createEvent();
  showA = (await createShow({ eventId: event.id, venue: a.venue, sectionId: a.section.id, startsAt: hoursFromNow(30) })).id;
  showB = (await createShow({ eventId: event.id, venue: b.venue, sectionId: b.section.id, startsAt: hoursFromNow(30) })).id;
  admin = await createUser("admin");
  staffA = await createUser("staff", [venueA.id]);
  seatIds = (await call(seats, { params: { showId: showA } })).body.seats.map((s: { id: string }) => s.id);
});
afterAll(() => {
  restore();
  configureRateLimiter();
});

describe("authenticating with an API key", () => {
  it("a good key reads the catalog; unknown, tampered, malformed, revoked and expired keys are 401", async () => {
    const key = await newKey(admin, { scopes: ["catalog:read"] });
    expect((await call(cities, { key })).status).toBe(200);
    expect((await call(seats, { key, params: { showId: showA } })).status).toBe(200);

    const tampered = key.slice(0, -2) + (key.endsWith("AA") ? "BB" : "AA");
    const unknown = key.replace(/^mqk_[a-z2-9]{12}/, "mqk_abcdefghijkm");
    for (const bad of [tampered, unknown, "mqk_nonsense", `${key}x`]) {
      // Also on a public, unlimited route, which otherwise skips identifying the caller.
      for (const res of [await call(cities, { key: bad }), await call(seats, { key: bad, params: { showId: showA } })]) {
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe("UNAUTHORIZED");
      }
    }

    const revoked = await createApiKey(admin, createApiKeySchema.parse({ name: "Soon gone", scopes: ["catalog:read"] }));
    expect((await call(cities, { key: revoked.key })).status).toBe(200);
    await revokeApiKey(admin, revoked.id);
    expect((await call(cities, { key: revoked.key })).status).toBe(401);

    const expiring = await createApiKey(admin, createApiKeySchema.parse({ name: "Short lived", scopes: ["catalog:read"], expiresIn: "30" }));
    expect((await call(cities, { key: expiring.key })).status).toBe(200);
    await db.execute(sql`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = ${expiring.id}::uuid`);
    forgetApiKey();
    expect((await call(cities, { key: expiring.key })).status).toBe(401);
  });

  it("a key without the route's scope gets 403 INSUFFICIENT_SCOPE naming it; a route with no scope refuses every key", async () => {
    const catalogOnly = await newKey(admin, { scopes: ["catalog:read"] });
    const res = await call(initiate, { key: catalogOnly, body: { showId: showA }, headers: { "on-behalf-of": "someone@example.test" } });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: "INSUFFICIENT_SCOPE", details: { requiredScope: "bookings:write" } });
    expect(res.body.error.message).toContain("bookings:write");

    const venueOnly = await newKey(admin, { scopes: ["venue:manage"], venueIds: [venueA.id] });
    expect((await call(cities, { key: venueOnly })).body.error.code).toBe("INSUFFICIENT_SCOPE");

    const everything = await newKey(admin, { scopes: ["catalog:read", "bookings:write", "venue:manage"], venueIds: [venueA.id] });
    const signIn = await call(login, { key: everything, body: { email: admin.email, password: "Test-password-42" } });
    expect(signIn.status).toBe(403);
    expect(signIn.body.error.code).toBe("FORBIDDEN");
  });
});

describe("per-key rate limit", () => {
  it("429s a key past its own per-minute limit, with Retry-After, while another key still passes", async () => {
    // A clock held mid-minute, so the burst cannot straddle two windows (the sliding window would let one more through).
    const midMinute = Math.floor(Date.now() / 60_000) * 60_000 + 30_000;
    configureRateLimiter({ redis: null, now: () => midMinute });
    onTestFinished(() => configureRateLimiter({ redis: null }));
    const slow = await newKey(admin, { scopes: ["catalog:read"], rateLimitPerMinute: 3 });
    const other = await newKey(admin, { scopes: ["catalog:read"], rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) {
      const res = await call(cities, { key: slow });
      expect(res.status).toBe(200);
      expect([res.headers.get("x-ratelimit-limit"), res.headers.get("x-ratelimit-remaining")]).toEqual(["3", String(2 - i)]);
    }
    const limited = await call(cities, { key: slow });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("RATE_LIMITED");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Routes that skip rate limits for everyone else still count a key's calls.
    expect((await call(seats, { key: slow, params: { showId: showA } })).status).toBe(429);
    expect((await call(cities, { key: other })).status).toBe(200);
    // Refused calls count too: a key out of scope does not get free retries.
    const wrong = await newKey(admin, { scopes: ["venue:manage"], venueIds: [venueA.id], rateLimitPerMinute: 2 });
    expect((await call(cities, { key: wrong })).status).toBe(403);
    expect((await call(cities, { key: wrong })).status).toBe(403);
    expect((await call(cities, { key: wrong })).status).toBe(429);
  });
});

describe("venue:manage", () => {
  it("acts as its creator at the key's venues only: another venue is 404", async () => {
    const key = await newKey(admin, { scopes: ["venue:manage"], venueIds: [venueA.id] });
    const listed = await call(managedVenues, { key });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((v: { id: string }) => v.id)).toEqual([venueA.id]);
    expect((await call(patchVenue, { key, method: "PATCH", params: { venueId: venueA.id }, body: { name: "Renamed by a key" } })).status).toBe(200);
    const other = await call(patchVenue, { key, method: "PATCH", params: { venueId: venueB.id }, body: { name: "Should not happen" } });
    expect(other.status).toBe(404);
    expect((await call(doorStats, { key, params: { showId: showA } })).status).toBe(200);
    expect((await call(doorStats, { key, params: { showId: showB } })).status).toBe(404);
    const [b] = await queryRows<{ name: string }>(db, sql`SELECT name FROM venues WHERE id = ${venueB.id}::uuid`);
    expect(b!.name).not.toBe("Should not happen");
  });

  it("stops working once its creator is no longer staff", async () => {
    const creator = await createUser("staff", [venueA.id]);
    const key = await newKey(creator, { scopes: ["venue:manage"], venueIds: [venueA.id] });
    expect((await call(doorStats, { key, params: { showId: showA } })).status).toBe(200);
    await db.execute(sql`UPDATE users SET role = 'customer' WHERE id = ${creator.id}::uuid`);
    forgetApiKey();
    const after = await call(doorStats, { key, params: { showId: showA } });
    expect(after.status).toBe(401);
  });
});

describe("bookings:write on behalf of a customer", () => {
  it("needs a valid On-Behalf-Of naming a customer, never staff", async () => {
    const key = await newKey(admin, { scopes: ["bookings:write"] });
    const missing = await call(initiate, { key, body: { showId: showA } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("VALIDATION_FAILED");
    expect((await call(initiate, { key, body: { showId: showA }, headers: { "on-behalf-of": "not an email" } })).status).toBe(400);
    for (const who of [staffA, admin, await createUser("scanner")]) {
      const res = await call(initiate, { key, body: { showId: showA }, headers: { "on-behalf-of": who.email } });
      expect(res.status).toBe(403);
    }
  });

  it("initiate → lock-seats → pay (local gateway) → confirm: a CONFIRMED booking of the named customer, made via the key", async () => {
    const made = await createApiKey(admin, createApiKeySchema.parse({ name: "TicketHub", scopes: ["bookings:write"] }));
    const key = made.key;
    const email = `New.Buyer.${Date.now()}@Example.test`;
    const as = { "on-behalf-of": email };

    const init = await call(initiate, { key, body: { showId: showA }, headers: as });
    expect(init.status).toBe(201);
    const bookingId = init.body.booking.id;
    // A new customer account, opened by the key, with no password.
    const [customer] = await queryRows<{ id: string; role: string; password_hash: string | null; created_by_api_key_id: string }>(
      db,
      sql`SELECT id, role, password_hash, created_by_api_key_id FROM users WHERE email = ${email.toLowerCase()}`,
    );
    expect(customer).toMatchObject({ role: "customer", password_hash: null, created_by_api_key_id: made.id });

    const locked = await call(lockSeats, { key, params: { bookingId }, body: { seatIds: [seatIds[0], seatIds[1]] }, headers: as });
    expect(locked.status).toBe(200);
    expect(locked.body.booking.status).toBe("LOCKED");

    // Someone else's On-Behalf-Of sees nothing of it: own-data checks hold as for the customer.
    const stranger = await createUser();
    expect((await call(getBooking, { key, params: { bookingId }, headers: { "on-behalf-of": stranger.email } })).status).toBe(404);

    const paid = await call(processPayment, { key, body: { bookingId, method: "CARD", card: CARD_OK }, headers: { ...as, "idempotency-key": `api-key-test-${bookingId}` } });
    expect(paid.status).toBe(200);
    await deliverDueEvents();
    const confirmed = await call(confirm, { key, params: { bookingId }, headers: as });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.booking.status).toBe("CONFIRMED");

    const [row] = await queryRows<{ user_id: string; status: string; api_key_id: string }>(db, sql`SELECT user_id, status, api_key_id FROM bookings WHERE id = ${bookingId}::uuid`);
    expect(row).toEqual({ user_id: customer!.id, status: "CONFIRMED", api_key_id: made.id });
    clearSeatingCaches();

    // The same email again is the same customer, not a second account.
    await call(initiate, { key, body: { showId: showB }, headers: { "on-behalf-of": email.toUpperCase() } });
    expect((await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM users WHERE lower(email) = ${email.toLowerCase()}`))[0]!.n).toBe(1);
  });

  // PGlite is one connection, so the calls would run one after another: a race needs Postgres.
  it.skipIf(databaseKind() !== "postgres")("first calls for a new email at once open one account, not several (Postgres)", async () => {
    const key = await newKey(admin, { scopes: ["bookings:write"] });
    const email = `race.${Date.now()}@example.test`;
    const answers = await Promise.all(Array.from({ length: 8 }, () => call(getBooking, { key, params: { bookingId: showA }, headers: { "on-behalf-of": email } })));
    // Each acted as the customer (their booking lookup found nothing: 404), none failed.
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(404));
    expect((await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM users WHERE lower(email) = ${email}`))[0]!.n).toBe(1);
  });

  it("reaches only the bookings and payments the key made: the customer's own, or another partner's, are 404; their open booking from elsewhere is a 409", async () => {
    const customer = await createUser();
    const as = { "on-behalf-of": customer.email };
    // The customer opens a booking on the site themselves (no key) and holds a seat.
    const own = await initiateBooking(customer.id, showB);
    const partnerA = await newKey(admin, { scopes: ["bookings:write"] });
    const partnerB = await newKey(admin, { scopes: ["bookings:write"] });

    expect((await call(getBooking, { key: partnerA, params: { bookingId: own.id }, headers: as })).status).toBe(404);
    expect((await call(cancel, { key: partnerA, params: { bookingId: own.id }, headers: as, body: {} })).status).toBe(404);
    const pay = await call(processPayment, { key: partnerA, body: { bookingId: own.id, method: "CARD", card: CARD_OK }, headers: { ...as, "idempotency-key": `other-${own.id}` } });
    expect(pay.status).toBe(404);
    // Asking to open one for the same show does not hand over the customer's booking in progress.
    const again = await call(initiate, { key: partnerA, body: { showId: showB }, headers: as });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("CONFLICT");
    expect(JSON.stringify(again.body)).not.toContain(own.id);

    // Partner A's booking for another show is A's alone.
    const mine = await call(initiate, { key: partnerA, body: { showId: showA }, headers: as });
    expect(mine.status).toBe(201);
    const mineId = mine.body.booking.id as string;
    expect((await call(getBooking, { key: partnerA, params: { bookingId: mineId }, headers: as })).status).toBe(200);
    expect((await call(getBooking, { key: partnerB, params: { bookingId: mineId }, headers: as })).status).toBe(404);
    // The history a key sees is its own bookings of the customer, not the ones made elsewhere
    // (both moved on to a state the history lists).
    await db.execute(sql`UPDATE bookings SET status = 'PAYMENT_PENDING' WHERE id IN (${own.id}::uuid, ${mineId}::uuid)`);
    const ids = (r: { body: Json }) => r.body.items.map((b: { id: string }) => b.id).sort();
    const history = await call(userBookings, { key: partnerA, params: { userId: customer.id }, headers: as });
    expect(history.status).toBe(200);
    expect(ids(history)).toEqual([mineId]);
    expect(ids(await call(userBookings, { key: partnerB, params: { userId: customer.id }, headers: as }))).toEqual([]);
    // The customer, signed in themselves, sees both.
    const signedIn = await call(userBookings, { params: { userId: customer.id }, headers: { authorization: `Bearer ${customer.token}` } });
    expect(ids(signedIn)).toEqual([own.id, mineId].sort());
  });

  it("a waitlist place a key takes is the key's: listed to it alone, and the booking its offer opens is the key's to pay", async () => {
    const city = await createCity();
    const { venue, section } = await createVenue(city.id, { rows: 1, cols: 2 });
    const showId = (await createShow({ eventId: (await createEvent()).id, venue, sectionId: section.id, startsAt: hoursFromNow(30) })).id;
    const seats2 = (await call(seats, { params: { showId } })).body.seats.map((x: { id: string }) => x.id);
    // Sold out: someone holds both seats, on the site.
    const holder = await createUser();
    const site = { authorization: `Bearer ${holder.token}` };
    const held = await call(initiate, { body: { showId }, headers: site });
    expect((await call(lockSeats, { params: { bookingId: held.body.booking.id }, body: { seatIds: seats2 }, headers: site })).status).toBe(200);

    const customer = await createUser();
    const as = { "on-behalf-of": customer.email };
    const partnerA = await newKey(admin, { scopes: ["bookings:write"] });
    const partnerB = await newKey(admin, { scopes: ["bookings:write"] });
    const joined = await call(joinWaitlist, { key: partnerA, params: { showId }, body: { quantity: 1 }, headers: as });
    expect(joined.status).toBe(200);
    expect((await call(myWaitlist, { key: partnerA, params: { showId }, headers: as })).body.items.map((e: { id: string }) => e.id)).toEqual([joined.body.entry.id]);
    expect((await call(myWaitlist, { key: partnerB, params: { showId }, headers: as })).body.items).toEqual([]);
    const other = await call(joinWaitlist, { key: partnerB, params: { showId }, body: { quantity: 1 }, headers: as });
    expect(other).toMatchObject({ status: 409, body: { error: { code: "CONFLICT" } } });
    expect((await call(leaveWaitlist, { key: partnerB, params: { showId, entryId: joined.body.entry.id }, method: "DELETE", headers: as })).status).toBe(404);

    // The holder lets go: the offer's booking is partner A's (and not B's).
    expect((await call(cancel, { params: { bookingId: held.body.booking.id }, body: {}, headers: site })).status).toBe(200);
    const offered = (await call(myWaitlist, { key: partnerA, params: { showId }, headers: as })).body.items[0];
    expect(offered).toMatchObject({ status: "OFFERED", offer: { bookingId: expect.any(String) } });
    expect((await call(getBooking, { key: partnerA, params: { bookingId: offered.offer.bookingId }, headers: as })).status).toBe(200);
    expect((await call(getBooking, { key: partnerB, params: { bookingId: offered.offer.bookingId }, headers: as })).status).toBe(404);
  });

  it("route limits (holdSeats) count per customer, not per key", async () => {
    configureRateLimiter({ redis: null, limits: { holdSeats: { limit: 2, window: "60 s" } } });
    try {
      const key = await newKey(admin, { scopes: ["bookings:write"] });
      const one = { "on-behalf-of": `one.${Date.now()}@example.test` };
      const two = { "on-behalf-of": `two.${Date.now()}@example.test` };
      expect((await call(initiate, { key, body: { showId: showA }, headers: one })).status).toBe(201);
      expect((await call(initiate, { key, body: { showId: showA }, headers: one })).status).toBeLessThan(300);
      expect((await call(initiate, { key, body: { showId: showA }, headers: one })).status).toBe(429);
      expect((await call(initiate, { key, body: { showId: showA }, headers: two })).status).toBe(201);
    } finally {
      configureRateLimiter({ redis: null });
    }
  });
});

describe("every API route", () => {
  // Not route() handlers: the Stripe-signed webhook (its signature is the credential) and the
  // catch-all 404.
  const SKIP = new Set(["payments/webhook/route.ts", "[...path]/route.ts"]);
  const PEOPLE_ONLY = ["users/login/route.ts", "users/register/route.ts", "users/logout/route.ts"];

  it("lets a key through only with the one scope the route names; sign-in, sign-up and sign-out refuse all keys", async () => {
    const { readdirSync } = await import("node:fs");
    const path = await import("node:path");
    const dir = path.join(process.cwd(), "app/api/v1");
    const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith("route.ts") && !SKIP.has(f)).sort();
    expect(files.length).toBeGreaterThan(30);
    const keys = {
      "catalog:read": await newKey(admin, { scopes: ["catalog:read"] }),
      "bookings:write": await newKey(admin, { scopes: ["bookings:write"] }),
      "venue:manage": await newKey(admin, { scopes: ["venue:manage"], venueIds: [venueA.id] }),
    };
    const refused = (code: string | undefined) => code === "INSUFFICIENT_SCOPE" || code === "FORBIDDEN";
    const report: string[] = [];
    for (const file of files) {
      const mod = (await import(/* @vite-ignore */ path.join(dir, file))) as Record<string, Handler>;
      for (const method of ["GET", "POST", "PATCH", "PUT", "DELETE"].filter((m) => typeof mod[m] === "function")) {
        const let_in: string[] = [];
        for (const [scope, key] of Object.entries(keys)) {
          const res = await call(mod[method]!, { key, method, params: { showId: showA, eventId: showA, bookingId: showA, paymentId: showA, userId: admin.id, venueId: venueA.id, personId: showA, entryId: showA } });
          if (res.status === 401) throw new Error(`${method} ${file}: a good key was 401`);
          if (!refused(res.body?.error?.code)) let_in.push(scope);
        }
        report.push(`${method} ${file}: ${PEOPLE_ONLY.includes(file) ? (let_in.length ? "LETS KEYS IN" : "no keys") : let_in.length === 1 ? "one scope" : `scopes ${let_in.join(",") || "none"}`}`);
      }
    }
    expect(report.filter((r) => !r.endsWith(": one scope") && !r.endsWith(": no keys"))).toEqual([]);
    expect(report.filter((r) => r.endsWith(": no keys"))).toHaveLength(PEOPLE_ONLY.length);
  });
});
