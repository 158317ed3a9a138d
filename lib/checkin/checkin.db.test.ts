import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { databaseKind, db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { createUser } from "@/lib/testing/users";
import { getTicket } from "@/lib/tickets/ticket";
import { resetEnvCache } from "@/lib/env.js";
import { addZone } from "@/lib/seating/zones";
import { AppError } from "@/lib/errors";
import { httpStatus } from "@/lib/http/errors";
import { signTicket } from "@/lib/tickets/token";
import { checkIn, checkinSchema, doorShows, doorStats } from "./checkin";

let venueId = "";
let otherVenueId = "";
let showId = "";
let laterShowId = "";
let tomorrowShowId = "";
let pastShowId = "";
let scanner: Awaited<ReturnType<typeof createUser>>;
let fanPitId = "";

/**
 * A booking in `status` for `show`, with two seats (or `places.seats` seats and `places.fanPit`
 * Fan Pit places); answers its id, reference and QR token.
 */
async function booking(show: string, status = "CONFIRMED", ref = `MQ${Math.random().toString(36).slice(2, 10).toUpperCase()}`, places: { seats?: number; fanPit?: number } = {}) {
  const owner = await createUser();
  const [b] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO bookings (reference, user_id, show_id, status, currency, confirmed_at) VALUES (${ref}, ${owner.id}::uuid, ${show}::uuid, 'CONFIRMED', 'INR', now()) RETURNING id`,
  );
  await db.execute(sql`
    WITH s AS (
      (SELECT ss.id, ss.seat_id, ss.price_minor FROM show_seats ss WHERE ss.show_id = ${show}::uuid AND ss.status = 'AVAILABLE' AND ss.zone_id IS NULL ORDER BY ss.id LIMIT ${places.seats ?? (places.fanPit ? 0 : 2)})
      UNION ALL
      (SELECT ss.id, ss.seat_id, ss.price_minor FROM show_seats ss WHERE ss.show_id = ${show}::uuid AND ss.status = 'AVAILABLE' AND ss.zone_id = ${fanPitId}::uuid ORDER BY ss.id LIMIT ${places.fanPit ?? 0}))
    INSERT INTO booking_seats (booking_id, show_seat_id, seat_id, price_minor) SELECT ${b!.id}::uuid, id, seat_id, price_minor FROM s`);
  await db.execute(sql`UPDATE show_seats SET status = 'BOOKED', locked_by_booking_id = ${b!.id}::uuid WHERE id IN (SELECT show_seat_id FROM booking_seats WHERE booking_id = ${b!.id}::uuid)`);
  const token = (await getTicket(null, b!.id)).token!;
  if (status !== "CONFIRMED") await db.execute(sql`UPDATE bookings SET status = ${status} WHERE id = ${b!.id}::uuid`);
  return { id: b!.id, reference: ref, token };
}

const scan = (code: string, extra: Record<string, unknown> = {}, who = scanner) => checkIn(who, checkinSchema.parse({ code, showId, deviceId: "door-1", ...extra }));
const admittedRows = async (bookingId: string) =>
  (await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM checkins WHERE booking_id = ${bookingId}::uuid`))[0]!.n;

beforeAll(async () => {
  const city = await createCity();
  const v = await createVenue(city.id, { rows: 4, cols: 10 });
  const other = await createVenue(city.id, { rows: 1, cols: 4 });
  venueId = v.venue.id;
  fanPitId = (await addZone(db, { sectionId: v.section.id, name: "Fan Pit", capacity: 200 })).id;
  otherVenueId = other.venue.id;
  const event = await createEvent({ title: "Macbeth" });
  showId = (await createShow({ eventId: event.id, venue: v.venue, sectionId: v.section.id, startsAt: hoursFromNow(1), zonePrices: { [fanPitId]: 150_000 } })).id;
  // Later today: its door opens CHECKIN_OPENS_MINUTES_BEFORE (180) its start, so it is open now too.
  laterShowId = (await createShow({ eventId: event.id, venue: v.venue, sectionId: v.section.id, startsAt: hoursFromNow(2.5) })).id;
  tomorrowShowId = (await createShow({ eventId: event.id, venue: v.venue, sectionId: v.section.id, startsAt: hoursFromNow(22) })).id;
  pastShowId = (await createShow({ eventId: event.id, venue: v.venue, sectionId: v.section.id, startsAt: hoursFromNow(-7) })).id;
  scanner = await createUser("scanner", [venueId]);
});

describe("check-in", () => {
  it("admits a valid ticket once, then says when and where it was first admitted", async () => {
    const b = await booking(showId);
    const first = await scan(b.token);
    expect(first).toMatchObject({ result: "OK", ticket: { reference: b.reference, count: 2, eventTitle: "Macbeth" } });
    const second = await scan(b.token, { deviceId: "door-2" });
    expect(second).toMatchObject({ result: "ALREADY_CHECKED_IN", checkedInDevice: "door-1" });
    expect(second.reason).toMatch(/Already checked in at .* on door-1/);
    // The typed reference is the same ticket.
    expect((await scan(b.reference.toLowerCase())).result).toBe("ALREADY_CHECKED_IN");
  });

  it("takes a typed reference that happens to begin with MQT (as one in 31 do) for a reference, not a token", async () => {
    const b = await booking(showId, "CONFIRMED", "MQTK7X2P9Q");
    expect(await scan("MQTK7X2P9Q")).toMatchObject({ result: "OK", ticket: { reference: "MQTK7X2P9Q" } });
    expect((await scan("mqtk7x2p9q")).result).toBe("ALREADY_CHECKED_IN");
    expect((await scan(b.token)).result).toBe("ALREADY_CHECKED_IN"); // and its QR is the same ticket
  });

  it("refuses forged, altered, foreign and unknown codes as INVALID", async () => {
    const b = await booking(showId);
    const [prefix, body, sig] = b.token.split(".") as [string, string, string];
    const payload = JSON.parse(Buffer.from(body, "base64url").toString());
    const altered = `${prefix}.${Buffer.from(JSON.stringify({ ...payload, seats: ["A1", "A2", "A3", "A4"] })).toString("base64url")}.${sig}`;
    expect(await scan(altered)).toMatchObject({ result: "INVALID", reason: expect.stringMatching(/signature/i) });
    expect((await scan("hello there")).result).toBe("INVALID");
    expect((await scan("MQNOSUCHREF")).result).toBe("INVALID");
    // Nothing was admitted by any of that.
    expect((await scan(b.token)).result).toBe("OK");
  });

  it("says WRONG_SHOW for another show's ticket, and for another venue's scanner", async () => {
    const later = await booking(laterShowId);
    expect(await scan(later.token)).toMatchObject({ result: "WRONG_SHOW", reason: expect.stringContaining("Macbeth") });
    const elsewhere = await createUser("scanner", [otherVenueId]);
    expect((await scan(later.token, { showId: undefined }, elsewhere)).result).toBe("WRONG_SHOW");
    expect((await scan(later.token, { showId: laterShowId })).result).toBe("OK");
  });

  it("says REFUNDED / CANCELLED for cancelled bookings (at any of the venue's doors, not WRONG_SHOW), NOT_CONFIRMED for unpaid ones", async () => {
    const refunded = await booking(showId, "REFUNDED");
    expect(await scan(refunded.token)).toMatchObject({ result: "REFUNDED", reason: expect.stringMatching(/refunded/) });
    expect((await scan(refunded.token, { showId: laterShowId })).result).toBe("REFUNDED");
    const cancelled = await booking(laterShowId, "CANCELLED");
    expect((await scan(cancelled.reference)).result).toBe("CANCELLED");
    const unpaid = await booking(showId, "PAYMENT_PENDING");
    expect((await scan(unpaid.reference)).result).toBe("NOT_CONFIRMED");
  });

  it("admits only in the show's window: TOO_EARLY for tomorrow's ticket, TOO_LATE long after the start, with the window", async () => {
    const tomorrow = await booking(tomorrowShowId);
    const early = await scan(tomorrow.token, { showId: tomorrowShowId });
    expect(early).toMatchObject({ result: "TOO_EARLY", reason: expect.stringMatching(/^Check-in opens /), window: { opensAt: expect.any(String) } });
    expect(new Date(early.window!.opensAt).getTime()).toBe(new Date(early.ticket!.startsAt).getTime() - 180 * 60_000);
    const past = await booking(pastShowId);
    expect(await scan(past.reference, { showId: pastShowId })).toMatchObject({ result: "TOO_LATE", window: { closesAt: expect.any(String) } });
    // Neither was admitted.
    const [n] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM checkins WHERE booking_id IN (${tomorrow.id}::uuid, ${past.id}::uuid)`);
    expect(n!.n).toBe(0);
    const listed = (await doorShows(scanner)).find((s) => s.id === tomorrowShowId);
    expect(listed).toMatchObject({ open: false, window: { opensAt: early.window!.opensAt } });
  });

  it("takes the window from CHECKIN_OPENS_MINUTES_BEFORE / CHECKIN_CLOSES_MINUTES_AFTER", async () => {
    const tomorrow = await booking(tomorrowShowId);
    const past = await booking(pastShowId);
    process.env.CHECKIN_OPENS_MINUTES_BEFORE = "1440";
    process.env.CHECKIN_CLOSES_MINUTES_AFTER = String(8 * 60);
    resetEnvCache();
    try {
      expect((await scan(tomorrow.token, { showId: tomorrowShowId })).result).toBe("OK");
      expect((await scan(past.token, { showId: pastShowId })).result).toBe("OK");
    } finally {
      delete process.env.CHECKIN_OPENS_MINUTES_BEFORE;
      delete process.env.CHECKIN_CLOSES_MINUTES_AFTER;
      resetEnvCache();
    }
  });

  it("refuses offline scan times in the future, before the ticket existed, outside the window, or absurd", async () => {
    const b = await booking(showId);
    const offline = (scannedAt: string) => scan(b.token, { offline: true, scannedAt });
    await expect(offline(new Date(Date.now() + 10 * 60_000).toISOString())).rejects.toMatchObject({ code: "SCAN_TIME_INVALID" });
    await expect(offline("9999-12-31T00:00:00Z")).rejects.toMatchObject({ code: "SCAN_TIME_INVALID" });
    await expect(offline(new Date(Date.now() - 60 * 60_000).toISOString())).rejects.toMatchObject({ code: "SCAN_TIME_INVALID", message: expect.stringMatching(/before this ticket was issued/) });
    const tomorrow = await booking(tomorrowShowId);
    await db.execute(sql`UPDATE bookings SET confirmed_at = now() - interval '2 days' WHERE id = ${tomorrow.id}::uuid`);
    await expect(scan(tomorrow.token, { showId: tomorrowShowId, offline: true, scannedAt: new Date(Date.now() - 60_000).toISOString() })).rejects.toMatchObject({ code: "SCAN_TIME_INVALID", details: { window: expect.any(Object) } });
    expect(() => checkinSchema.parse({ code: b.token, scannedAt: "1970-01-01T00:00:00Z" })).toThrow();
    // A minute of clock skew is fine, and nothing above was admitted.
    expect((await offline(new Date(Date.now() + 60_000).toISOString())).result).toBe("OK");
  });

  it("answers NOT_FOUND for a door show that does not exist or is at another venue", async () => {
    const b = await booking(showId);
    await expect(scan(b.token, { showId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(scan("hello there", { showId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const elsewhere = await createUser("scanner", [otherVenueId]);
    await expect(scan(b.token, {}, elsewhere)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await scan(b.token)).result).toBe("OK");
  });

  it("counts the door and lists the last scans; lists the scanner's shows, today's first", async () => {
    const stats = await doorStats(scanner, showId);
    expect(stats.admittedBookings).toBeGreaterThanOrEqual(2);
    expect(stats.admittedPeople).toBe(stats.admittedBookings * 2);
    expect(stats.soldBookings).toBeGreaterThanOrEqual(stats.admittedBookings);
    expect(stats.lastScans[0]).toMatchObject({ result: expect.any(String), device: expect.any(String) });
    const shows = await doorShows(scanner);
    expect(shows.map((s) => s.id)).toEqual(expect.arrayContaining([showId, laterShowId]));
    const elsewhere = await createUser("scanner", [otherVenueId]);
    await expect(doorStats(elsewhere, showId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("two devices scanning the same ticket at the same moment admit it once", async () => {
    const b = await booking(showId);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => scan(b.token, { deviceId: `door-${i}` })));
    expect(results.filter((r) => r.result === "OK")).toHaveLength(1);
    expect(results.filter((r) => r.result === "ALREADY_CHECKED_IN")).toHaveLength(11);
    const [n] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM checkins WHERE booking_id = ${b.id}::uuid`);
    expect(n!.n).toBe(2); // one row per person (seat) of the two-seat booking, each admitted once
  });

  it("records an offline scan with the time it happened", async () => {
    const b = await booking(showId);
    await db.execute(sql`UPDATE bookings SET confirmed_at = now() - interval '1 hour' WHERE id = ${b.id}::uuid`);
    const at = new Date(Date.now() - 5 * 60_000);
    expect((await scan(b.token, { offline: true, scannedAt: at.toISOString(), deviceId: "door-offline" })).result).toBe("OK");
    const [row] = await queryRows<{ offline: boolean; scannedAt: Date }>(db, sql`SELECT offline, scanned_at AS "scannedAt" FROM checkins WHERE booking_id = ${b.id}::uuid`);
    expect(row!.offline).toBe(true);
    expect(new Date(row!.scannedAt).getTime()).toBe(at.getTime());
  });
});

describe("check-in by person: a ticket for N admits N, at once or in parts", () => {
  it("names a zone's places by the zone and counts them, on the ticket and at the door", async () => {
    const b = await booking(showId, "CONFIRMED", undefined, { seats: 1, fanPit: 3 });
    const ticket = await getTicket(null, b.id);
    expect(ticket.seats.map((s) => [s.label, s.type])).toEqual([expect.arrayContaining([expect.stringMatching(/^[A-Z]\d+$/)]), ["Fan Pit", "GA"], ["Fan Pit", "GA"], ["Fan Pit", "GA"]]);
    const payload = JSON.parse(Buffer.from(b.token.split(".")[1]!, "base64url").toString());
    expect(payload.seats).toEqual(ticket.seats.map((s) => s.label));
    const answer = await scan(b.token, { admit: 1 });
    expect(answer).toMatchObject({ result: "OK", ticket: { count: 4, places: [ticket.seats[0]!.label, "Fan Pit × 3"] } });
    expect(answer.ticket!.places.join(" ")).not.toMatch(/#/);
  });

  it("admits 2 of 4, then the other 2, then says ALREADY_CHECKED_IN with the first and last admission", async () => {
    const b = await booking(showId, "CONFIRMED", undefined, { fanPit: 4 });
    expect(await scan(b.token, { admit: 2 })).toMatchObject({ result: "OK", reason: null, admittedNow: 2, admittedSoFar: 2, total: 4, remaining: 2, checkedInDevice: "door-1" });
    // The rest later, at another door, by the typed reference, without saying how many: everyone left.
    const rest = await scan(b.reference, { deviceId: "door-2" });
    expect(rest).toMatchObject({ result: "OK", admittedNow: 2, admittedSoFar: 4, total: 4, remaining: 0, checkedInDevice: "door-1", lastCheckedInDevice: "door-2" });
    expect(rest.reason).toMatch(/^2 admitted earlier, first at .* on door-1$/);
    const again = await scan(b.token, { deviceId: "door-3" });
    expect(again).toMatchObject({ result: "ALREADY_CHECKED_IN", admittedNow: 0, admittedSoFar: 4, total: 4, remaining: 0, checkedInDevice: "door-1", lastCheckedInDevice: "door-2" });
    expect(again.reason).toMatch(/^Already checked in at .* on door-1 and .* on door-2 \(all 4 admitted\)$/);
    // Asking for people on a used-up ticket is ALREADY_CHECKED_IN too, not a count error.
    expect((await scan(b.token, { admit: 1 })).result).toBe("ALREADY_CHECKED_IN");
    expect(await admittedRows(b.id)).toBe(4);
  });

  it("refuses to admit more than remain with ADMIT_EXCEEDS_REMAINING (409) naming how many do, admitting nobody", async () => {
    const b = await booking(showId, "CONFIRMED", undefined, { fanPit: 4 });
    await expect(scan(b.token, { admit: 5 })).rejects.toMatchObject({ code: "ADMIT_EXCEEDS_REMAINING", details: { asked: 5, remaining: 4, total: 4, admittedSoFar: 0 } });
    expect(await admittedRows(b.id)).toBe(0);
    expect((await scan(b.token, { admit: 3 })).remaining).toBe(1);
    const err = await scan(b.token, { admit: 2 }).catch((e: AppError) => e);
    expect(err).toMatchObject({ code: "ADMIT_EXCEEDS_REMAINING", message: expect.stringMatching(/Only 1 of this ticket's 4 is left/), details: { remaining: 1, admittedSoFar: 3 } });
    expect(httpStatus((err as AppError).code)).toBe(409);
    expect(await admittedRows(b.id)).toBe(3);
    expect(await scan(b.token, { admit: 1 })).toMatchObject({ result: "OK", admittedNow: 1, remaining: 0 });
    for (const admit of [0, -1, 1.5, "2", 101]) expect(() => checkinSchema.parse({ code: b.token, admit })).toThrow();
  });

  it("12 devices each admitting 1 person of a 4-person ticket at the same moment admit exactly 4, each once", async () => {
    const b = await booking(showId, "CONFIRMED", undefined, { fanPit: 4 });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => scan(b.token, { deviceId: `door-${i}`, admit: 1 })));
    const ok = results.filter((r) => r.result === "OK");
    expect(ok).toHaveLength(4);
    expect(ok.every((r) => r.admittedNow === 1)).toBe(true);
    expect(results.filter((r) => r.result === "ALREADY_CHECKED_IN")).toHaveLength(8);
    const [rows] = await queryRows<{ n: number; seats: number }>(db, sql`SELECT count(*)::int AS n, count(DISTINCT seat_id)::int AS seats FROM checkins WHERE booking_id = ${b.id}::uuid`);
    expect(rows).toEqual({ n: 4, seats: 4 });
  });

  it("devices racing with different party sizes never admit more than the ticket holds", async () => {
    const b = await booking(showId, "CONFIRMED", undefined, { fanPit: 5 });
    const asks = [2, 3, 1, 2, undefined, 1, 3, 2];
    const results = await Promise.all(asks.map((admit, i) => scan(b.token, { deviceId: `door-${i}`, ...(admit ? { admit } : {}) }).catch((e: AppError) => e)));
    const admitted = results.reduce((n, r) => n + ("result" in r && r.result === "OK" ? r.admittedNow! : 0), 0);
    expect(admitted).toBe(5);
    expect(await admittedRows(b.id)).toBe(5);
    // Every answer is a result or the 409, never anything else.
    for (const r of results) expect("result" in r ? r.result : (r as AppError).code).toMatch(/^(OK|ALREADY_CHECKED_IN|ADMIT_EXCEEDS_REMAINING)$/);
  });

  it("a queued offline scan synced twice is one admission, answered the same", async () => {
    const b = await booking(showId, "CONFIRMED", undefined, { fanPit: 4 });
    await db.execute(sql`UPDATE bookings SET confirmed_at = now() - interval '1 hour' WHERE id = ${b.id}::uuid`);
    const queued = { offline: true, scannedAt: new Date(Date.now() - 5 * 60_000).toISOString(), deviceId: "door-offline", admit: 2 };
    expect(await scan(b.token, queued)).toMatchObject({ result: "OK", admittedNow: 2, remaining: 2 });
    expect(await scan(b.token, queued)).toMatchObject({ result: "OK", admittedNow: 2, remaining: 2, reason: "This offline scan was recorded before" });
    expect(await admittedRows(b.id)).toBe(2);
    // A later offline scan of the same ticket on that device is a new admission.
    expect(await scan(b.token, { ...queued, scannedAt: new Date(Date.now() - 60_000).toISOString() })).toMatchObject({ result: "OK", admittedNow: 2, remaining: 0 });
  });

  it("still admits a zone ticket signed before zone places were named by their zone (unit labels in its claim)", async () => {
    const b = await booking(showId, "CONFIRMED", undefined, { fanPit: 2 });
    const units = await queryRows<{ label: string }>(db, sql`SELECT st.label FROM booking_seats bs JOIN seats st ON st.id = bs.seat_id WHERE bs.booking_id = ${b.id}::uuid`);
    expect(units.every((u) => /^Fan Pit #\d+$/.test(u.label))).toBe(true);
    const old = signTicket({ bid: b.id, ref: b.reference, sid: showId, seats: units.map((u) => u.label) });
    expect(await scan(old)).toMatchObject({ result: "OK", admittedNow: 2 });
    const wrong = signTicket({ bid: b.id, ref: b.reference, sid: showId, seats: ["Fan Pit", "Fan Pit", "Fan Pit"] });
    expect(await scan(wrong)).toMatchObject({ result: "INVALID", reason: expect.stringMatching(/no longer match/) });
  });

  it("counts people at the door: admitted vs sold, a partly admitted booking by its admitted people", async () => {
    const before = await doorStats(scanner, showId);
    const b = await booking(showId, "CONFIRMED", undefined, { fanPit: 4 });
    const mid = await doorStats(scanner, showId);
    expect(mid).toMatchObject({ soldBookings: before.soldBookings + 1, soldPeople: before.soldPeople + 4, admittedPeople: before.admittedPeople, admittedBookings: before.admittedBookings });
    await scan(b.token, { admit: 3 });
    expect(await doorStats(scanner, showId)).toMatchObject({ admittedPeople: before.admittedPeople + 3, admittedBookings: before.admittedBookings + 1, soldPeople: before.soldPeople + 4 });
    await scan(b.token);
    const after = await doorStats(scanner, showId);
    expect(after).toMatchObject({ admittedPeople: before.admittedPeople + 4, admittedBookings: before.admittedBookings + 1 });
    const [truth] = await queryRows<{ people: number }>(db, sql`SELECT count(*)::int AS people FROM checkins WHERE show_id = ${showId}::uuid`);
    expect(after.admittedPeople).toBe(truth!.people);
    expect(after.admittedPeople).toBeLessThanOrEqual(after.soldPeople);
  });

  it.runIf(databaseKind() === "postgres")("on real Postgres: 40 scans of 10 four-person tickets racing, 1 to 3 people each, admit exactly 40", async () => {
    const tickets = [];
    for (let i = 0; i < 10; i++) tickets.push(await booking(showId, "CONFIRMED", undefined, { fanPit: 4 })); // one by one: the fixture picks free units without locking
    const results = await Promise.all(
      tickets.flatMap((t, i) => Array.from({ length: 4 }, (_, j) => scan(t.token, { deviceId: `door-${j}`, admit: ((i + j) % 3) + 1 }).catch((e: AppError) => e))),
    );
    expect(results.every((r) => "result" in r || (r as AppError).code === "ADMIT_EXCEEDS_REMAINING")).toBe(true);
    for (const t of tickets) expect(await admittedRows(t.id)).toBeLessThanOrEqual(4);
    for (const t of tickets) await scan(t.token); // whoever is left
    for (const t of tickets) expect(await admittedRows(t.id)).toBe(4);
  });
});
