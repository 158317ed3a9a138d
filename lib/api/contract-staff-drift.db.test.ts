// The door and staff side of the API against its contracts (lib/api/contract/{checkin,admin}.ts):
// each operation through its real handler to every documented success and its main refusals,
// every answer held against the OpenAPI document by the drift hook. The last test requires that
// each documented success status was actually produced here.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import * as adminOps from "@/lib/api/contract/admin";
import * as checkinOps from "@/lib/api/contract/checkin";
import { deliverDueEvents } from "@/lib/payments/gateways/local";
import { configureRateLimiter } from "@/lib/ratelimit";
import { getSeatMapLayout } from "@/lib/seating/availability";
import { addZone } from "@/lib/seating/zones";
import { call, expectEverySuccessSeen, operationsOf, tallyAnswers, type Tally } from "@/lib/testing/contract-calls";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { CARD_OK, deliverWebhooksInProcess } from "@/lib/testing/payments";
import { createUser } from "@/lib/testing/users";
import { POST as initiate } from "@/app/api/v1/bookings/initiate/route";
import { POST as lockSeats } from "@/app/api/v1/bookings/[bookingId]/lock-seats/route";
import { POST as confirm } from "@/app/api/v1/bookings/[bookingId]/confirm/route";
import { POST as pay } from "@/app/api/v1/payments/process/route";
import { POST as checkin } from "@/app/api/v1/checkin/route";
import { GET as keys } from "@/app/api/v1/checkin/keys/route";
import { GET as doorShows } from "@/app/api/v1/checkin/shows/route";
import { GET as doorStats } from "@/app/api/v1/checkin/shows/[showId]/stats/route";
import { GET as sales } from "@/app/api/v1/admin/sales/route";
import { DELETE as deleteOnSale, GET as getOnSale, PUT as putOnSale } from "@/app/api/v1/admin/shows/[showId]/on-sale/route";
import { GET as venues } from "@/app/api/v1/admin/venues/route";
import { PATCH as patchVenue } from "@/app/api/v1/admin/venues/[venueId]/route";

type User = Awaited<ReturnType<typeof createUser>>;

let tally: Tally;
let restoreTally = () => {};
let restoreGateway = () => {};
let venueId = "";
let otherVenueId = "";
let showId = "";
let secondShowId = "";
let otherShowId = "";
let u: Record<"buyer" | "customer" | "scanner" | "otherScanner" | "staff" | "otherStaff" | "admin", User>;
let ticket = { bookingId: "", token: "", reference: "" };

beforeAll(async () => {
  ({ tally, restore: restoreTally } = tallyAnswers());
  restoreGateway = deliverWebhooksInProcess();
  configureRateLimiter({ redis: null, limits: { api: { limit: 10_000, window: "60 s" }, holdSeats: { limit: 10_000, window: "60 s" }, payments: { limit: 10_000, window: "60 s" }, checkin: { limit: 10_000, window: "60 s" } } as never });
  const city = await createCity();
  const v = await createVenue(city.id, { rows: 2, cols: 4 });
  const other = await createVenue(city.id, { rows: 1, cols: 2 });
  venueId = v.venue.id;
  otherVenueId = other.venue.id;
  const fanPit = await addZone(db, { sectionId: v.section.id, name: "Fan Pit", capacity: 20 });
  const event = await createEvent({ title: "Drift Night" });
  // In an hour: the door (open from 3 hours before the start) admits it now.
  showId = (await createShow({ eventId: event.id, venue: v.venue, sectionId: v.section.id, startsAt: hoursFromNow(1), zonePrices: { [fanPit.id]: 50_000 } })).id;
  secondShowId = (await createShow({ eventId: event.id, venue: v.venue, sectionId: v.section.id, startsAt: hoursFromNow(48) })).id;
  otherShowId = (await createShow({ eventId: event.id, venue: other.venue, sectionId: other.section.id, startsAt: hoursFromNow(2) })).id;
  u = {
    buyer: await createUser(),
    customer: await createUser(),
    scanner: await createUser("scanner", [venueId]),
    otherScanner: await createUser("scanner", [otherVenueId]),
    staff: await createUser("staff", [venueId]),
    otherStaff: await createUser("staff", [otherVenueId]),
    admin: await createUser("admin"),
  };

  // A paid booking of two seats and a Fan Pit place, bought through the API: its ticket is what the door scans.
  const seats = (await getSeatMapLayout(showId)).seats.map((s) => s.id);
  const opened = await call(initiate, { token: u.buyer.token, body: { showId } });
  const bookingId = opened.body.booking.id as string;
  expect((await call(lockSeats, { token: u.buyer.token, params: { bookingId }, body: { seatIds: seats.slice(0, 2), zones: [{ zoneId: fanPit.id, quantity: 1 }] } })).status).toBe(200);
  expect((await call(pay, { token: u.buyer.token, body: { bookingId, method: "CARD", card: CARD_OK }, headers: { "idempotency-key": `staff-drift-${bookingId}` } })).status).toBe(200);
  await deliverDueEvents();
  const t = await call(confirm, { token: u.buyer.token, params: { bookingId } });
  expect(t.status).toBe(200);
  ticket = { bookingId, token: t.body.booking.token, reference: t.body.booking.reference };
});

afterAll(() => {
  restoreTally();
  restoreGateway();
  configureRateLimiter();
});

describe("check-in answers inside its contracts", () => {
  it("admits a ticket's people in parts, refuses more than remain, and answers every scan with a result", async () => {
    const scan = (body: Record<string, unknown>, who: User = u.scanner) => call(checkin, { token: who.token, body: { showId, deviceId: "door-1", ...body } });
    expect((await call(checkin, { body: { code: ticket.token } })).status).toBe(401);
    expect(await scan({ code: ticket.token }, u.customer)).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect(await scan({ code: ticket.token, showId: otherShowId })).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
    expect(await scan({ code: ticket.token, scannedAt: new Date(Date.now() + 3_600_000).toISOString(), offline: true })).toMatchObject({ status: 422, body: { error: { code: "SCAN_TIME_INVALID" } } });
    expect(await scan({ code: "MQNOSUCHREF" })).toMatchObject({ status: 200, body: { result: "INVALID", ticket: null, total: null, window: null } });
    expect(await scan({ code: ticket.token, showId: secondShowId })).toMatchObject({ status: 200, body: { result: "WRONG_SHOW", ticket: { bookingId: ticket.bookingId, count: 3 } } });

    const first = await scan({ code: ticket.token, admit: 1 });
    expect(first).toMatchObject({ status: 200, body: { result: "OK", admittedNow: 1, admittedSoFar: 1, total: 3, remaining: 2, checkedInDevice: "door-1", ticket: { status: "CONFIRMED", places: expect.any(Array) }, window: { opensAt: expect.any(String) } } });
    expect(await scan({ code: ticket.reference, admit: 5 })).toMatchObject({ status: 409, body: { error: { code: "ADMIT_EXCEEDS_REMAINING" } } });
    expect(await scan({ code: ticket.reference })).toMatchObject({ status: 200, body: { result: "OK", admittedNow: 2, remaining: 0 } });
    expect(await scan({ code: ticket.token })).toMatchObject({ status: 200, body: { result: "ALREADY_CHECKED_IN", admittedNow: 0, remaining: 0, checkedInAt: expect.any(String) } });
  });

  it("gives door devices the ticket key, today's shows and the door's counters", async () => {
    const k = await call(keys, { token: u.scanner.token });
    expect(k).toMatchObject({ status: 200, body: { keys: [{ kty: "OKP", crv: "Ed25519" }], pem: expect.stringContaining("PUBLIC KEY") } });
    expect((await call(keys, { token: u.customer.token })).status).toBe(403);
    const shows = await call(doorShows, { token: u.scanner.token });
    expect(shows.status).toBe(200);
    expect(shows.body.shows.find((s: { id: string }) => s.id === showId)).toMatchObject({ open: true });
    expect(shows.body.shows.some((s: { id: string }) => s.id === otherShowId)).toBe(false);
    const stats = await call(doorStats, { token: u.scanner.token, params: { showId } });
    expect(stats).toMatchObject({ status: 200, body: { stats: { admittedBookings: 1, admittedPeople: 3, soldBookings: 1, soldPeople: 3 } } });
    expect(stats.body.stats.lastScans.length).toBeGreaterThan(0);
    expect(await call(doorStats, { token: u.otherScanner.token, params: { showId } })).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
  });
});

describe("staff operations answer inside their contracts", () => {
  it("reports sales as JSON (with a show's zones) and as CSV, for the caller's venues only", async () => {
    const all = await call(sales, { token: u.staff.token });
    expect(all.status).toBe(200);
    expect(all.body.items.map((r: { showId: string }) => r.showId).sort()).toEqual([showId, secondShowId].sort());
    const one = await call(sales, { token: u.staff.token, query: { showId } });
    expect(one).toMatchObject({ status: 200, body: { items: [{ showId, bookings: 1, status: "SCHEDULED" }], zones: [{ name: "Fan Pit", sold: 1 }] } });
    const csv = await call(sales, { token: u.admin.token, query: { format: "csv" } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.text.split("\n")[0]).toMatch(/,/);
    expect((await call(sales, { token: u.otherStaff.token, query: { showId } })).body).toEqual({ items: [] });
    expect(await call(sales, { token: u.scanner.token })).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect(await call(sales, { token: u.staff.token, query: { from: "yesterday" } })).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
  });

  it("sets, shows, ends and removes a show's on-sale, with its waitlist, and refuses what it must", async () => {
    const params = { showId: secondShowId };
    const none = await call(getOnSale, { token: u.staff.token, params });
    expect(none).toMatchObject({ status: 200, body: { onSale: { settings: null, phase: "NONE", minutesToClear: null }, waitlist: { entries: [] } } });
    expect((await call(getOnSale, { token: u.otherStaff.token, params })).status).toBe(404);

    const onSaleAt = new Date(Date.now() + 3_600_000).toISOString();
    const set = await call(putOnSale, { token: u.staff.token, params, method: "PUT", body: { onSaleAt, waitingRoom: true, admitPerMinute: 100 } });
    expect(set).toMatchObject({ status: 200, body: { onSale: { phase: "BEFORE", settings: { onSaleAt, waitingRoom: true, admitPerMinute: 100, paused: false, closedAt: null, closedReason: null } } } });
    expect(await call(putOnSale, { token: u.staff.token, params, method: "PUT", body: { onSaleAt: hoursFromNow(100).toISOString() } })).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
    expect(await call(putOnSale, { token: u.staff.token, params, method: "PUT", body: { onSaleAt: "soon" } })).toMatchObject({ status: 400 });
    await db.execute(sql`UPDATE shows SET status = 'CANCELLED' WHERE id = ${otherShowId}::uuid`);
    expect(await call(putOnSale, { token: u.otherStaff.token, params: { showId: otherShowId }, method: "PUT", body: { onSaleAt } })).toMatchObject({ status: 409, body: { error: { code: "INVALID_STATE" } } });

    // Someone waiting, someone who left: staff see both, with their times.
    for (const [who, status] of [[u.customer, "WAITING"], [u.buyer, "LEFT"]] as const) {
      await db.execute(sql`INSERT INTO waitlist_entries (show_id, user_id, quantity, status, closed_at) VALUES (${secondShowId}::uuid, ${who.id}::uuid, 2, ${status}, ${status === "LEFT" ? sql`now()` : null})`);
    }
    const shown = await call(getOnSale, { token: u.admin.token, params });
    expect(shown).toMatchObject({ status: 200, body: { waitlist: { counts: { WAITING: 1, LEFT: 1, OFFERED: 0 }, entries: [{ status: "WAITING", closedAt: null }, { status: "LEFT", closedAt: expect.any(String) }] } } });

    expect(await call(deleteOnSale, { token: u.staff.token, params, method: "DELETE", query: { end: "room" } })).toMatchObject({ status: 200, body: { onSale: { phase: "CLOSED", settings: { closedReason: "ENDED" } } } });
    expect(await call(deleteOnSale, { token: u.staff.token, params, method: "DELETE" })).toMatchObject({ status: 200, body: { onSale: { settings: null, phase: "NONE" } } });
    expect((await call(deleteOnSale, { token: u.staff.token, params: { showId: randomUUID() }, method: "DELETE" })).status).toBe(404);
  });

  it("lists and edits the caller's venues, and hides others'", async () => {
    const mine = await call(venues, { token: u.staff.token });
    expect(mine).toMatchObject({ status: 200, body: { items: [{ id: venueId }] } });
    expect((await call(venues, { token: u.admin.token })).body.items.length).toBeGreaterThanOrEqual(2);
    const edited = await call(patchVenue, { token: u.staff.token, params: { venueId }, method: "PATCH", body: { name: "Drift Hall", lat: "19.07" } });
    expect(edited).toMatchObject({ status: 200, body: { venue: { id: venueId, name: "Drift Hall", lat: 19.07 } } });
    expect(edited.body.venue).not.toHaveProperty("searchVector");
    expect(await call(patchVenue, { token: u.staff.token, params: { venueId: otherVenueId }, method: "PATCH", body: { name: "Not Mine" } })).toMatchObject({ status: 404 });
    expect(await call(patchVenue, { token: u.staff.token, params: { venueId }, method: "PATCH", body: {} })).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
    expect(await call(patchVenue, { token: u.staff.token, params: { venueId }, method: "PATCH", body: { timeZone: "Mars/Olympus" } })).toMatchObject({ status: 400 });
    expect((await call(patchVenue, { token: u.customer.token, params: { venueId }, method: "PATCH", body: { name: "Mine Now" } })).status).toBe(403);
  });

  it("produced every documented success of these operations", () => {
    expectEverySuccessSeen(tally, [...operationsOf(checkinOps), ...operationsOf(adminOps)]);
  });
});
