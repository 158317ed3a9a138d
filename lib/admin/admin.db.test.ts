import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, databaseKind } from "@/db/client";
import { queryRows } from "@/db/rows";
import { AppError } from "@/lib/errors";
import { errorCode } from "@/lib/testing/errors";
import { deliverDueEvents } from "@/lib/payments/gateways/local";
import { deliverWebhooksInProcess } from "@/lib/testing/payments";
import { processPayment, processSchema } from "@/lib/payments/process";
import { getSeatMapLayout } from "@/lib/seating/availability";
import { initiateBooking } from "@/lib/booking/initiate";
import { holdSeats } from "@/lib/booking/hold";
import { createCity, createEvent, createVenue } from "@/lib/testing/fixtures";
import { createUser } from "@/lib/testing/users";
import { zonedYmd, addDays } from "@/lib/time/zone";
import { listAudit } from "./audit";
import { bookingHistory, searchBookings, staffCancelBooking } from "./bookings";
import { showSales, salesCsv } from "./sales";
import { cancelShow, scheduleSchema, scheduleShows, setSeatsBlocked } from "./shows";
import { createHall, layoutSchema } from "./halls";
import { listZones } from "./zones";
import { repriceShowZones, zoneFill } from "./show-zones";

let venue: { id: string; cityId: string };
let sectionId = "";
let eventId = "";
let staff: Awaited<ReturnType<typeof createUser>>;
let restoreGateway = () => {};
let otherStaff: Awaited<ReturnType<typeof createUser>>;
const day = (n: number) => addDays(zonedYmd(new Date(), "Asia/Kolkata"), n);

const schedule = (over: Record<string, unknown> = {}, who = staff) =>
  scheduleShows(who, scheduleSchema.parse({ eventId, sectionId, dates: [day(3)], times: ["13:00"], prices: { REGULAR: 25000, PREMIUM: 40000 }, ...over }));

async function paidBooking(showId: string, seatCount = 2) {
  const buyer = await createUser();
  const seats = (await getSeatMapLayout(showId)).seats.filter((s) => s.priceMinor > 0);
  const taken = await queryRows<{ seatId: string }>(db, sql`SELECT seat_id AS "seatId" FROM show_seats WHERE show_id = ${showId}::uuid AND status <> 'AVAILABLE'`);
  const busy = new Set(taken.map((t) => t.seatId));
  const free = seats.filter((s) => !busy.has(s.id)).slice(0, seatCount).map((s) => s.id);
  const b = await initiateBooking(buyer.id, showId);
  await holdSeats(buyer.id, b.id, free);
  await processPayment(buyer, processSchema.parse({ bookingId: b.id, method: "CARD", card: { number: "4242424242424242", expMonth: 12, expYear: 2034, cvc: "123" } }), `adm-${b.id}`);
  await deliverDueEvents();
  return { bookingId: b.id, buyer, seatIds: free };
}

beforeAll(async () => {
  restoreGateway = deliverWebhooksInProcess();
  const city = await createCity();
  const v = await createVenue(city.id, { rows: 3, cols: 6 });
  const other = await createVenue(city.id, { rows: 1, cols: 2 });
  venue = v.venue;
  sectionId = v.section.id;
  eventId = (await createEvent({ title: "Hamlet", durationMinutes: 150 })).id;
  staff = await createUser("staff", [venue.id]);
  otherStaff = await createUser("staff", [other.venue.id]);
});
afterAll(() => restoreGateway());

describe("scheduling", () => {
  it("schedules every date × time with prices, seats ready to sell, and audits it", async () => {
    const { showIds } = await schedule({ dates: [day(5), day(6)], times: ["10:00", "14:00"] });
    expect(showIds).toHaveLength(4);
    const rows = await queryRows<{ n: number; prices: number }>(
      db,
      sql`SELECT (SELECT count(*) FROM show_seats WHERE show_id = ANY(${`{${showIds.join(",")}}`}::uuid[]))::int AS n,
                 (SELECT count(*) FROM show_prices WHERE show_id = ANY(${`{${showIds.join(",")}}`}::uuid[]))::int AS prices`,
    );
    expect(rows[0]).toEqual({ n: 4 * 18, prices: 8 });
    const [first] = await queryRows<{ local: string }>(db, sql`SELECT to_char(starts_at AT TIME ZONE 'Asia/Kolkata', 'YYYY-MM-DD HH24:MI') AS local FROM shows WHERE id = ${showIds[0]!}::uuid`);
    expect(first!.local).toBe(`${day(5)} 10:00`);
    expect((await listAudit({ entityId: sectionId }))[0]).toMatchObject({ action: "shows.schedule", actorEmail: staff.email });
  });

  it("refuses overlaps in the hall (with the changeover gap), inside a batch or with existing shows, creating nothing", async () => {
    await schedule({ dates: [day(8)], times: ["18:00"] });
    expect(await errorCode(schedule({ dates: [day(8)], times: ["20:00"] }))).toBe("CONFLICT"); // 18:00 + 150 min runs to 20:30
    expect(await errorCode(schedule({ dates: [day(9)], times: ["10:00", "12:00"] }))).toBe("CONFLICT");
    const [n] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM shows WHERE section_id = ${sectionId}::uuid AND starts_at::date = ${day(9)}::date`);
    expect(n!.n).toBe(0);
    expect(await errorCode(schedule({ dates: [day(8)], times: ["20:45"] }))).toBe("OK"); // after 20:30 + 15 min gap
  });

  it("needs a price for every seat type in the hall, a future time, and the actor's own venue", async () => {
    expect(await errorCode(schedule({ dates: [day(10)], prices: { REGULAR: 25000 } }))).toBe("VALIDATION_FAILED");
    expect(await errorCode(schedule({ dates: [day(-1)] }))).toBe("VALIDATION_FAILED");
    expect(await errorCode(schedule({ dates: [day(11)] }, otherStaff))).toBe("NOT_FOUND");
  });

  it.skipIf(databaseKind() !== "postgres")("two staff scheduling the same slot at once: one show", async () => {
    const results = await Promise.all([schedule({ dates: [day(12)], times: ["19:00"] }), schedule({ dates: [day(12)], times: ["19:30"] })].map(errorCode));
    expect(results.sort()).toEqual(["CONFLICT", "OK"]);
  });
});

describe("seats, cancellations, bookings and sales", () => {
  it("blocks free seats only: a sold seat refuses the whole request", async () => {
    const { showIds } = await schedule({ dates: [day(14)], times: ["11:00"] });
    const showId = showIds[0]!;
    const { seatIds: sold } = await paidBooking(showId, 1);
    const free = (await getSeatMapLayout(showId)).seats.map((s) => s.id).filter((id) => id !== sold[0]).slice(0, 2);
    const err = await setSeatsBlocked(staff, showId, { seatIds: [...free, sold[0]!], blocked: true }).catch((e: AppError) => e);
    expect((err as AppError).code).toBe("CONFLICT");
    expect((err as AppError).message).toMatch(/sold or held/);
    const [stillFree] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM show_seats WHERE show_id = ${showId}::uuid AND status = 'BLOCKED'`);
    expect(stillFree!.n).toBe(0);
    expect(await setSeatsBlocked(staff, showId, { seatIds: free, blocked: true })).toEqual({ changed: 2 });
    expect(await errorCode(setSeatsBlocked(otherStaff, showId, { seatIds: free, blocked: false }))).toBe("NOT_FOUND");
    expect(await setSeatsBlocked(staff, showId, { seatIds: free, blocked: false })).toEqual({ changed: 2 });
  });

  it("cancelling a show refunds its bookings and releases its holds", async () => {
    const { showIds } = await schedule({ dates: [day(15)], times: ["11:00"] });
    const showId = showIds[0]!;
    const paid = await paidBooking(showId, 2);
    const holder = await createUser();
    const hold = await initiateBooking(holder.id, showId);
    const spare = (await getSeatMapLayout(showId)).seats.map((s) => s.id).filter((id) => !paid.seatIds.includes(id))[0]!;
    await holdSeats(holder.id, hold.id, [spare]);
    const result = await cancelShow(staff, showId, "Lead actor unwell");
    expect(result).toEqual({ refunded: 1, released: 1, pending: 0 });
    const statuses = await queryRows<{ id: string; status: string }>(db, sql`SELECT id, status FROM bookings WHERE show_id = ${showId}::uuid ORDER BY status`);
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({ [paid.bookingId]: "REFUNDED", [hold.id]: "EXPIRED" });
    const mail = await queryRows<{ kind: string }>(db, sql`SELECT kind FROM outbox WHERE user_id = ${paid.buyer.id}::uuid AND channel = 'EMAIL' ORDER BY created_at`);
    expect(mail.map((m) => m.kind)).toEqual(["booking_confirmed", "show_cancelled"]);
    const [show] = await queryRows<{ status: string }>(db, sql`SELECT status FROM shows WHERE id = ${showId}::uuid`);
    expect(show!.status).toBe("CANCELLED");
    expect(await cancelShow(staff, showId, "again")).toEqual({ refunded: 0, released: 0, pending: 0 });
  });

  it("finds bookings by reference, email or phone within the staff's venues, shows their story, refunds with a reason", async () => {
    const { showIds } = await schedule({ dates: [day(16)], times: ["11:00"] });
    const paid = await paidBooking(showIds[0]!, 2);
    const [{ reference }] = (await queryRows<{ reference: string }>(db, sql`SELECT reference FROM bookings WHERE id = ${paid.bookingId}::uuid`)) as [{ reference: string }];
    expect((await searchBookings(staff, reference.toLowerCase())).map((b) => b.id)).toEqual([paid.bookingId]);
    expect((await searchBookings(staff, paid.buyer.email.toUpperCase())).map((b) => b.id)).toContain(paid.bookingId);
    expect((await searchBookings(staff, "98200 00000")).map((b) => b.id)).toContain(paid.bookingId);
    expect(await searchBookings(otherStaff, reference)).toEqual([]);
    const story = await bookingHistory(staff, paid.bookingId);
    expect(story.history.map((h) => h.kind)).toEqual(expect.arrayContaining(["booking", "payment", "webhook"]));
    const sales = await showSales(staff, { showId: showIds[0]! });
    expect(sales[0]).toMatchObject({ sold: 2, bookings: 1, seats: 18, available: 16, revenueMinor: 2 * 25000, feeMinor: 2 * 3000, gstMinor: 1080, grossMinor: 2 * 25000 + 2 * 3000 + 1080 });
    expect(salesCsv(sales)).toMatch(/^show_id,event,.*\r\n".*","Hamlet",/);
    await staffCancelBooking(staff, paid.bookingId, "Customer called the box office");
    const after = await bookingHistory(staff, paid.bookingId);
    expect(after.booking.status).toBe("REFUNDED");
    expect(after.history.some((h) => h.kind === "staff" && h.what.includes("Customer called"))).toBe(true);
    expect(await errorCode(bookingHistory(otherStaff, paid.bookingId))).toBe("NOT_FOUND");
  });
});

describe("general admission: scheduling zones and slots, zone fill", () => {
  let hallId = "";
  let pit = "";
  let lounge = "";
  let museumId = "";
  let gallery = "";
  let expo = "";
  const places = (showId: string) =>
    queryRows<{ zoneId: string | null; n: number; price: number }>(
      db,
      sql`SELECT zone_id AS "zoneId", count(*)::int AS n, max(price_minor)::int AS price FROM show_seats WHERE show_id = ${showId}::uuid GROUP BY zone_id ORDER BY n`,
    );

  beforeAll(async () => {
    hallId = (await createHall(staff, venue.id, layoutSchema.parse({ name: "Arena", kind: "STADIUM", rows: [{ label: "A", cells: "RRR" }], zones: [{ name: "Pit", capacity: 20 }, { name: "Lounge", capacity: 5 }] }))).id;
    [pit, lounge] = (await listZones(staff, hallId)).map((z) => z.id) as [string, string];
    museumId = (await createHall(staff, venue.id, layoutSchema.parse({ name: "Museum", kind: "HALL", rows: [], zones: [{ name: "Gallery", kind: "TIMED_ENTRY", capacity: 8 }] }))).id;
    gallery = (await listZones(staff, museumId))[0]!.id;
    expo = (await createEvent({ title: "Expo", durationMinutes: 120 })).id;
  });

  it("prices zones per show: priced zones get their units, unpriced ones none, and min/max include zone prices", async () => {
    const { showIds } = await scheduleShows(staff, scheduleSchema.parse({ eventId, sectionId: hallId, dates: [day(20)], times: ["18:00"], prices: { REGULAR: 50000 }, zonePrices: { [pit]: 150000 } }));
    const showId = showIds[0]!;
    expect(await places(showId)).toEqual([{ zoneId: null, n: 3, price: 50000 }, { zoneId: pit, n: 20, price: 150000 }]);
    const [show] = await queryRows<{ min: number; max: number }>(db, sql`SELECT min_price_minor AS min, max_price_minor AS max FROM shows WHERE id = ${showId}::uuid`);
    expect(show).toEqual({ min: 50000, max: 150000 });
    expect((await getSeatMapLayout(showId)).zones.map((z) => [z.name, z.priceMinor])).toEqual([["Pit", 150000], ["Lounge", -1]]);
    expect(await errorCode(scheduleShows(staff, scheduleSchema.parse({ eventId, sectionId: hallId, dates: [day(21)], times: ["18:00"], prices: { REGULAR: 1 }, zonePrices: { [gallery]: 100 } })))).toBe("UNKNOWN_ZONE");
    expect(await errorCode(scheduleShows(staff, scheduleSchema.parse({ eventId: expo, sectionId: museumId, dates: [day(21)], times: ["10:00"], prices: { REGULAR: 100 } })))).toBe("VALIDATION_FAILED");
  });

  it("schedules a slot series in one go: one show per slot, each one interval long; refuses a bad range, too many, or a clash", async () => {
    const series = { first: "10:00", last: "17:30", everyMinutes: 30 };
    const { showIds } = await scheduleShows(staff, scheduleSchema.parse({ eventId: expo, sectionId: museumId, dates: [day(22), day(23)], series, zonePrices: { [gallery]: 40000 } }));
    expect(showIds).toHaveLength(2 * 16);
    const rows = await queryRows<{ local: string; mins: number; units: number; min: number; max: number }>(
      db,
      sql`SELECT to_char(s.starts_at AT TIME ZONE 'Asia/Kolkata', 'YYYY-MM-DD HH24:MI') AS local, (extract(epoch FROM s.ends_at - s.starts_at) / 60)::int AS mins,
                 (SELECT count(*) FROM show_seats x WHERE x.show_id = s.id AND x.zone_id = ${gallery}::uuid)::int AS units, s.min_price_minor AS min, s.max_price_minor AS max
          FROM shows s WHERE s.id = ANY(${`{${showIds.join(",")}}`}::uuid[]) ORDER BY s.starts_at`,
    );
    expect(rows[0]).toEqual({ local: `${day(22)} 10:00`, mins: 30, units: 8, min: 40000, max: 40000 });
    expect(rows[15]!.local).toBe(`${day(22)} 17:30`);
    expect(rows[31]!.local).toBe(`${day(23)} 17:30`);
    expect(rows.every((r) => r.units === 8 && r.mins === 30)).toBe(true);

    const count = async () => (await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM shows WHERE section_id = ${museumId}::uuid`))[0]!.n;
    const before = await count();
    expect(() => scheduleSchema.parse({ eventId: expo, sectionId: museumId, dates: [day(24)], series: { first: "17:00", last: "10:00", everyMinutes: 30 }, zonePrices: { [gallery]: 1 } })).toThrow(/before the first/);
    expect(() => scheduleSchema.parse({ eventId: expo, sectionId: museumId, dates: [day(24)], series: { ...series, everyMinutes: 2 }, zonePrices: { [gallery]: 1 } })).toThrow();
    expect(() => scheduleSchema.parse({ eventId: expo, sectionId: museumId, dates: [day(24)], times: ["10:00"], series, zonePrices: { [gallery]: 1 } })).toThrow(/not both/);
    const many = Array.from({ length: 40 }, (_, i) => day(30 + i));
    expect(await errorCode(scheduleShows(staff, scheduleSchema.parse({ eventId: expo, sectionId: museumId, dates: many, series: { first: "06:00", last: "22:00", everyMinutes: 30 }, zonePrices: { [gallery]: 1 } })))).toBe("VALIDATION_FAILED");
    // 17:15 falls inside the 17:00 slot of an existing series day.
    expect(await errorCode(scheduleShows(staff, scheduleSchema.parse({ eventId: expo, sectionId: museumId, dates: [day(23), day(24)], series: { first: "17:15", last: "18:15", everyMinutes: 30 }, zonePrices: { [gallery]: 1 } })))).toBe("CONFLICT");
    expect(await count()).toBe(before);
    // Back to back after the last slot (17:30–18:00) is fine.
    expect(await errorCode(scheduleShows(staff, scheduleSchema.parse({ eventId: expo, sectionId: museumId, dates: [day(23)], series: { first: "18:00", last: "19:00", everyMinutes: 30 }, zonePrices: { [gallery]: 1 } })))).toBe("OK");
  });

  it("zone fill counts sold, held and revenue per zone; sales include zone places; zones reprice on an upcoming show", async () => {
    const { showIds } = await scheduleShows(staff, scheduleSchema.parse({ eventId, sectionId: hallId, dates: [day(25)], times: ["18:00"], prices: { REGULAR: 50000 }, zonePrices: { [pit]: 150000 } }));
    const showId = showIds[0]!;
    const buyer = await createUser();
    const paid = await initiateBooking(buyer.id, showId);
    await holdSeats(buyer.id, paid.id, [], [{ zoneId: pit, quantity: 3 }]);
    await processPayment(buyer, processSchema.parse({ bookingId: paid.id, method: "CARD", card: { number: "4242424242424242", expMonth: 12, expYear: 2034, cvc: "123" } }), `adm-${paid.id}`);
    await deliverDueEvents();
    const holder = await createUser();
    const held = await initiateBooking(holder.id, showId);
    await holdSeats(holder.id, held.id, [], [{ zoneId: pit, quantity: 2 }]);

    const fill = await zoneFill(staff, showId);
    expect(fill).toEqual([
      { zoneId: pit, name: "Pit", kind: "STANDING", priceMinor: 150000, capacity: 20, sold: 3, held: 2, blocked: 0, available: 15, revenueMinor: 3 * 150000 },
      { zoneId: lounge, name: "Lounge", kind: "STANDING", priceMinor: null, capacity: 0, sold: 0, held: 0, blocked: 0, available: 0, revenueMinor: 0 },
    ]);
    expect(await errorCode(zoneFill(otherStaff, showId))).toBe("NOT_FOUND");
    const [sales] = await showSales(staff, { showId });
    expect(sales).toMatchObject({ seats: 23, sold: 3, held: 2, zonePlaces: 20, zoneSold: 3, zoneHeld: 2 });
    expect(salesCsv([sales!]).split("\r\n")[0]).toMatch(/,zone_places,zone_sold,zone_held$/);

    // Repricing: free places take the new price, sold ones keep theirs; the lounge goes on sale; min/max follow.
    expect(await repriceShowZones(staff, showId, { prices: { [pit]: 120000, [lounge]: 300000 } })).toEqual({ minPriceMinor: 50000, maxPriceMinor: 300000 });
    const prices = await queryRows<{ status: string; price: number }>(db, sql`SELECT DISTINCT status::text AS status, price_minor AS price FROM show_seats WHERE show_id = ${showId}::uuid AND zone_id = ${pit}::uuid ORDER BY 1`);
    expect(prices).toEqual([{ status: "AVAILABLE", price: 120000 }, { status: "BOOKED", price: 150000 }, { status: "LOCKED", price: 150000 }]);
    expect((await zoneFill(staff, showId)).find((z) => z.zoneId === lounge)).toMatchObject({ capacity: 5, available: 5, priceMinor: 300000 });
    // The pit has places sold: it stays on sale, and nothing of the request is applied.
    expect(await errorCode(repriceShowZones(staff, showId, { prices: { [lounge]: null, [pit]: null } }))).toBe("ZONE_IN_USE");
    expect((await zoneFill(staff, showId)).map((z) => z.capacity)).toEqual([20, 5]);
    await repriceShowZones(staff, showId, { prices: { [lounge]: null } });
    expect((await zoneFill(staff, showId)).find((z) => z.zoneId === lounge)).toMatchObject({ capacity: 0, priceMinor: null });
    expect(await errorCode(repriceShowZones(otherStaff, showId, { prices: { [pit]: 1 } }))).toBe("NOT_FOUND");
  });
});
