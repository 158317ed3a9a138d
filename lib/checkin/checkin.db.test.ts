import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { createUser } from "@/lib/testing/users";
import { getTicket } from "@/lib/tickets/ticket";
import { resetEnvCache } from "@/lib/env.js";
import { checkIn, checkinSchema, doorShows, doorStats } from "./checkin";

let venueId = "";
let otherVenueId = "";
let showId = "";
let laterShowId = "";
let tomorrowShowId = "";
let pastShowId = "";
let scanner: Awaited<ReturnType<typeof createUser>>;

/** A booking in `status` for `show`, with two seats; answers its id, reference and QR token. */
async function booking(show: string, status = "CONFIRMED", ref = `MQ${Math.random().toString(36).slice(2, 10).toUpperCase()}`) {
  const owner = await createUser();
  const [b] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO bookings (reference, user_id, show_id, status, currency, confirmed_at) VALUES (${ref}, ${owner.id}::uuid, ${show}::uuid, 'CONFIRMED', 'INR', now()) RETURNING id`,
  );
  await db.execute(sql`
    WITH s AS (SELECT ss.id, ss.seat_id, ss.price_minor FROM show_seats ss WHERE ss.show_id = ${show}::uuid AND ss.status = 'AVAILABLE' ORDER BY ss.id LIMIT 2)
    INSERT INTO booking_seats (booking_id, show_seat_id, seat_id, price_minor) SELECT ${b!.id}::uuid, id, seat_id, price_minor FROM s`);
  await db.execute(sql`UPDATE show_seats SET status = 'BOOKED', locked_by_booking_id = ${b!.id}::uuid WHERE id IN (SELECT show_seat_id FROM booking_seats WHERE booking_id = ${b!.id}::uuid)`);
  const token = (await getTicket(null, b!.id)).token!;
  if (status !== "CONFIRMED") await db.execute(sql`UPDATE bookings SET status = ${status} WHERE id = ${b!.id}::uuid`);
  return { id: b!.id, reference: ref, token };
}

const scan = (code: string, extra: Record<string, unknown> = {}, who = scanner) => checkIn(who, checkinSchema.parse({ code, showId, deviceId: "door-1", ...extra }));

beforeAll(async () => {
  const city = await createCity();
  const v = await createVenue(city.id, { rows: 4, cols: 10 });
  const other = await createVenue(city.id, { rows: 1, cols: 4 });
  venueId = v.venue.id;
  otherVenueId = other.venue.id;
  const event = await createEvent({ title: "Macbeth" });
  showId = (await createShow({ eventId: event.id, venue: v.venue, sectionId: v.section.id, startsAt: hoursFromNow(1) })).id;
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
