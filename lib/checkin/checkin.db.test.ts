import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { createUser } from "@/lib/testing/users";
import { getTicket } from "@/lib/tickets/ticket";
import { checkIn, checkinSchema, doorShows, doorStats } from "./checkin";

let venueId = "";
let otherVenueId = "";
let showId = "";
let laterShowId = "";
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
  laterShowId = (await createShow({ eventId: event.id, venue: v.venue, sectionId: v.section.id, startsAt: hoursFromNow(26) })).id;
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
    expect((await scan(later.token, { showId: laterShowId }, elsewhere)).result).toBe("WRONG_SHOW");
    expect((await scan(later.token, { showId: laterShowId })).result).toBe("OK");
  });

  it("says NOT_CONFIRMED for cancelled and unpaid bookings", async () => {
    const cancelled = await booking(showId, "REFUNDED");
    expect(await scan(cancelled.token)).toMatchObject({ result: "NOT_CONFIRMED", reason: expect.stringMatching(/cancelled/) });
    const unpaid = await booking(showId, "PAYMENT_PENDING");
    expect((await scan(unpaid.reference)).result).toBe("NOT_CONFIRMED");
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
    expect(n!.n).toBe(1);
  });

  it("records an offline scan with the time it happened", async () => {
    const b = await booking(showId);
    const at = new Date(Date.now() - 5 * 60_000);
    expect((await scan(b.token, { offline: true, scannedAt: at.toISOString(), deviceId: "door-offline" })).result).toBe("OK");
    const [row] = await queryRows<{ offline: boolean; scannedAt: Date }>(db, sql`SELECT offline, scanned_at AS "scannedAt" FROM checkins WHERE booking_id = ${b.id}::uuid`);
    expect(row!.offline).toBe(true);
    expect(new Date(row!.scannedAt).getTime()).toBe(at.getTime());
  });
});
