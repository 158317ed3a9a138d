// The staff money figures and lists against real bookings: ticket revenue, fee, GST and gross split
// from what checkout charged (checked against the payments table, an independent record), refunds
// apart; the sales list and the bookings list paged without gaps or repeats, filtered, ordered.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { uuidArray } from "@/db/sql";
import { initiateBooking } from "@/lib/booking/initiate";
import { holdSeats } from "@/lib/booking/hold";
import { deliverDueEvents } from "@/lib/payments/gateways/local";
import { processPayment, processSchema } from "@/lib/payments/process";
import { CONVENIENCE_FEE_PER_SEAT_MINOR, FEE_TAX_BPS } from "@/lib/pricing/breakdown";
import { getSeatMapLayout } from "@/lib/seating/availability";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { deliverWebhooksInProcess } from "@/lib/testing/payments";
import { createUser } from "@/lib/testing/users";
import { bookingHistory, listBookings, refundPreview, staffCancelBooking } from "./bookings";
import { salesCsv, salesFiltersSchema, salesPage, showSales } from "./sales";
import { cancelShowPreview } from "./shows";

type Staff = Awaited<ReturnType<typeof createUser>>;
let restoreGateway = () => {};
let city: { id: string };
let admin: Staff;

async function paidBooking(showId: string, seatCount: number, promoCode?: string) {
  const buyer = await createUser();
  const seats = (await getSeatMapLayout(showId)).seats.filter((s) => s.priceMinor > 0);
  const taken = await queryRows<{ seatId: string }>(db, sql`SELECT seat_id AS "seatId" FROM show_seats WHERE show_id = ${showId}::uuid AND status <> 'AVAILABLE'`);
  const busy = new Set(taken.map((t) => t.seatId));
  const free = seats.filter((s) => !busy.has(s.id)).slice(0, seatCount).map((s) => s.id);
  const b = await initiateBooking(buyer.id, showId);
  await holdSeats(buyer.id, b.id, free);
  await processPayment(buyer, processSchema.parse({ bookingId: b.id, method: "CARD", promoCode, card: { number: "4242424242424242", expMonth: 12, expYear: 2034, cvc: "123" } }), `sales-${b.id}`);
  await deliverDueEvents();
  const [row] = await queryRows<{ status: string }>(db, sql`SELECT status FROM bookings WHERE id = ${b.id}::uuid`);
  expect(row!.status).toBe("CONFIRMED");
  return b.id;
}

/** The same figures from the payments and refunds tables, which the sales queries do not read for them. */
async function fromPayments(showIds: string[]) {
  const [r] = await queryRows<{ paid: number; refunded: number }>(
    db,
    sql`SELECT coalesce((SELECT sum(p.amount_minor) FROM payments p JOIN bookings b ON b.id = p.booking_id WHERE p.status = 'SUCCEEDED' AND b.status = 'CONFIRMED' AND b.show_id = ANY(${uuidArray(showIds)})), 0)::int AS paid,
               coalesce((SELECT sum(rf.amount_minor) FROM refunds rf JOIN bookings b ON b.id = rf.booking_id WHERE rf.status = 'SUCCEEDED' AND b.show_id = ANY(${uuidArray(showIds)})), 0)::int AS refunded`,
  );
  return r!;
}

beforeAll(async () => {
  restoreGateway = deliverWebhooksInProcess();
  city = await createCity();
  admin = await createUser("admin");
});
afterAll(() => restoreGateway());

describe("sales money split", () => {
  let staff: Staff;
  let shows: string[] = [];
  const fee = (seats: number) => seats * CONVENIENCE_FEE_PER_SEAT_MINOR;
  const gst = (seats: number) => Math.round((fee(seats) * FEE_TAX_BPS) / 10_000);

  beforeAll(async () => {
    const v = await createVenue(city.id, { rows: 3, cols: 6 });
    staff = await createUser("staff", [v.venue.id]);
    const event = await createEvent({ title: "Split Test" });
    // Prices with paise, so nothing adds up by luck of round numbers.
    const prices = { REGULAR: 24_999, PREMIUM: 39_950 };
    shows = [
      (await createShow({ eventId: event.id, venue: v.venue, sectionId: v.section.id, startsAt: hoursFromNow(48), prices })).id,
      (await createShow({ eventId: event.id, venue: v.venue, sectionId: v.section.id, startsAt: hoursFromNow(72), prices })).id,
    ];
    await db.execute(sql`INSERT INTO promo_codes (code, kind, value) VALUES ('SPLIT50', 'FLAT', 5050)`);
  });

  it("splits ticket revenue, booking fee and GST, which add up to gross and to what was paid; refunds stay apart", async () => {
    await paidBooking(shows[0]!, 2, "SPLIT50");
    await paidBooking(shows[0]!, 3);
    await paidBooking(shows[1]!, 1);
    const refunded = await paidBooking(shows[1]!, 2);

    // The confirm step's preview says what the refund will be; the refund then is exactly that.
    const preview = await refundPreview(staff, refunded);
    const [paid] = await queryRows<{ amount: number }>(db, sql`SELECT amount_minor AS amount FROM payments WHERE booking_id = ${refunded}::uuid AND status = 'SUCCEEDED'`);
    expect(preview).toMatchObject({ status: "CONFIRMED", refundMinor: paid!.amount, places: 2 });
    await expect(staffCancelBooking(staff, refunded, "Double booked", preview.refundMinor + 1)).rejects.toMatchObject({ code: "CONFLICT" });
    await staffCancelBooking(staff, refunded, "Double booked", preview.refundMinor);
    await expect(staffCancelBooking(staff, refunded, "Again", preview.refundMinor)).rejects.toMatchObject({ code: "INVALID_STATE" });
    const amount = `${Math.floor(paid!.amount / 100)}.${String(paid!.amount % 100).padStart(2, "0")}`;
    expect((await bookingHistory(staff, refunded)).history.map((h) => h.what)).toEqual(expect.arrayContaining([`CARD payment refunded — ${amount} INR`, `Refund succeeded — ${amount} INR (staff)`]));

    const [a, b] = [(await showSales(staff, { showId: shows[0] }))[0]!, (await showSales(staff, { showId: shows[1] }))[0]!];
    // Show 1: five seats, one booking with ₹50.50 off.
    expect(a).toMatchObject({ bookings: 2, discountMinor: 5050, feeMinor: fee(2) + fee(3), gstMinor: gst(2) + gst(3), refundedMinor: 0 });
    const seatSum = async (showId: string) =>
      (await queryRows<{ n: number }>(db, sql`SELECT coalesce(sum(bs.price_minor), 0)::int AS n FROM booking_seats bs JOIN bookings b ON b.id = bs.booking_id WHERE b.show_id = ${showId}::uuid AND b.status = 'CONFIRMED'`))[0]!.n;
    expect(a.revenueMinor).toBe((await seatSum(shows[0]!)) - 5050);
    // Show 2: the refunded booking is in refunds, not in revenue.
    expect(b).toMatchObject({ bookings: 1, feeMinor: fee(1), gstMinor: gst(1), refundedMinor: paid!.amount });
    expect(b.revenueMinor).toBe(await seatSum(shows[1]!));

    for (const s of [a, b]) expect(s.revenueMinor + s.feeMinor + s.gstMinor).toBe(s.grossMinor);
    const truth = await fromPayments(shows);
    expect(a.grossMinor + b.grossMinor).toBe(truth.paid);
    expect(a.refundedMinor + b.refundedMinor).toBe(truth.refunded);

    // The list's totals are over every show the filters match, in the same minor units.
    const page = await salesPage(staff, salesFiltersSchema.parse({}));
    expect(page.total).toBe(2);
    expect(page.totals).toEqual([
      { currency: "INR", bookings: 3, revenueMinor: a.revenueMinor + b.revenueMinor, feeMinor: a.feeMinor + b.feeMinor, gstMinor: a.gstMinor + b.gstMinor, grossMinor: truth.paid, discountMinor: 5050, refundedMinor: truth.refunded },
    ]);
    const t = page.totals[0]!;
    expect(t.revenueMinor + t.feeMinor + t.gstMinor).toBe(t.grossMinor);

    // The CSV carries the split as exact decimals.
    const csv = salesCsv([a]);
    expect(csv.split("\r\n")[0]).toContain('"ticket_revenue","fee","gst","gross"'.replaceAll('"', ""));
    expect(csv).toContain(`"${(a.revenueMinor / 100).toFixed(2)}","${(a.feeMinor / 100).toFixed(2)}","${(a.gstMinor / 100).toFixed(2)}","${(a.grossMinor / 100).toFixed(2)}"`);
  });

  it("previews a show cancellation: confirmed bookings, places and the money going back", async () => {
    const p = await cancelShowPreview(staff, shows[0]!);
    const truth = await fromPayments([shows[0]!]);
    expect(p).toEqual({ status: "SCHEDULED", bookings: 2, places: 5, refundMinor: truth.paid, currency: "INR", holds: 0 });
    const outsider = await createUser("staff", [(await createVenue(city.id)).venue.id]);
    await expect(cancelShowPreview(outsider, shows[0]!)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("sales list pages", () => {
  let staff: Staff;
  let venueId = "";
  let ids: string[] = [];
  let pastId = "";

  beforeAll(async () => {
    const v = await createVenue(city.id, { rows: 1, cols: 2 });
    venueId = v.venue.id;
    staff = await createUser("staff", [venueId]);
    const opera = await createEvent({ title: "Paging Opera" });
    const ballet = await createEvent({ title: "Paging Ballet" });
    const at = hoursFromNow(24 * 10);
    // Three pairs at the same minute: only the id can order them, and pages must not split a tie badly.
    for (let i = 0; i < 7; i++) {
      const startsAt = new Date(at.getTime() + Math.floor(i / 2) * 3600_000);
      ids.push((await createShow({ eventId: i === 6 ? ballet.id : opera.id, venue: v.venue, sectionId: v.section.id, startsAt })).id);
    }
    pastId = (await createShow({ eventId: opera.id, venue: v.venue, sectionId: v.section.id, startsAt: hoursFromNow(-72) })).id;
    const order = await queryRows<{ id: string }>(db, sql`SELECT id FROM shows WHERE id = ANY(${uuidArray(ids)}) ORDER BY starts_at, id`);
    ids = order.map((o) => o.id);
  });

  it("pages through every upcoming show once, soonest first, with the total; a page past the end is the last page", async () => {
    const seen: string[] = [];
    for (let p = 1; p <= 3; p++) {
      const page = await salesPage(staff, salesFiltersSchema.parse({ page: String(p) }), 3);
      expect(page).toMatchObject({ total: 7, pageCount: 3, page: p });
      seen.push(...page.rows.map((r) => r.showId));
    }
    expect(seen).toEqual(ids);
    const beyond = await salesPage(staff, salesFiltersSchema.parse({ page: "99" }), 3);
    expect(beyond.page).toBe(3);
    expect(beyond.rows.map((r) => r.showId)).toEqual(ids.slice(6));
    // Unreadable input falls back to the defaults rather than failing the page.
    expect(salesFiltersSchema.parse({ page: "-4", when: "soon", venueId: "x" })).toEqual({ page: 1, when: "upcoming", venueId: undefined, q: undefined });
  });

  it("filters by time, title and venue, and pages within the filter", async () => {
    const f = (over: Record<string, string>) => salesFiltersSchema.parse(over);
    expect((await salesPage(staff, f({ when: "past" }))).rows.map((r) => r.showId)).toEqual([pastId]);
    const all = await salesPage(staff, f({ when: "all" }), 5);
    expect(all).toMatchObject({ total: 8, pageCount: 2 });
    expect(all.rows[0]!.showId).toBe(pastId);
    const ballet = await salesPage(staff, f({ q: "ballet" }));
    expect(ballet.rows.map((r) => r.title)).toEqual(["Paging Ballet"]);
    const opera = await salesPage(staff, f({ q: "OPERA", page: "2" }), 4);
    expect(opera).toMatchObject({ total: 6, pageCount: 2, page: 2 });
    expect(opera.rows.map((r) => r.showId)).toEqual(ids.filter((_, i) => i !== 6).slice(4));
    // LIKE wildcards in the search are literal.
    expect((await salesPage(staff, f({ q: "%" }))).total).toBe(0);
    // An admin narrows to this venue; staff of another venue never see it, filter or not.
    expect((await salesPage(admin, f({ venueId, when: "all" }))).total).toBe(8);
    const outsider = await createUser("staff", [(await createVenue(city.id)).venue.id]);
    expect((await salesPage(outsider, f({ venueId, when: "all" }))).total).toBe(0);
  });
});

describe("bookings list", () => {
  it("upcoming: confirmed bookings only, soonest show first, paged without repeats; recent: newest first, every status", async () => {
    const v = await createVenue(city.id, { rows: 1, cols: 2 });
    const staff = await createUser("staff", [v.venue.id]);
    const buyer = await createUser();
    const event = await createEvent({ title: "Ordering" });
    const show = async (h: number) => (await createShow({ eventId: event.id, venue: v.venue, sectionId: v.section.id, startsAt: hoursFromNow(h) })).id;
    const [later, soon, soonest, past] = [await show(300), await show(100), await show(5), await show(-48)];
    let n = 0;
    // A second apart, so "newest first" has one right answer.
    const book = async (showId: string, status: string) =>
      (await queryRows<{ id: string }>(
        db,
        sql`INSERT INTO bookings (reference, user_id, show_id, status, currency, total_minor, created_at)
            VALUES (${`MQ${Math.random().toString(36).slice(2, 10).toUpperCase()}`}, ${buyer.id}::uuid, ${showId}::uuid, ${status}::booking_status, 'INR', 1000, now() - make_interval(secs => ${100 - n++}))
            RETURNING id`,
      ))[0]!.id;
    // Made in the opposite order to the show times, so creation order cannot pass for show order.
    const made = [await book(later, "CONFIRMED"), await book(soon, "CONFIRMED"), await book(soon, "REFUNDED"), await book(soonest, "CANCELLED"), await book(soonest, "CONFIRMED"), await book(past, "CONFIRMED"), await book(soon, "CONFIRMED")];
    const [onLater, onSoon1, refunded, cancelled, onSoonest, onPast, onSoon2] = made;

    const upcoming: string[] = [];
    for (let page = 1; page <= 2; page++) {
      const r = await listBookings(staff, { view: "upcoming", page }, 2);
      expect(r).toMatchObject({ total: 4, pageCount: 2, page });
      upcoming.push(...r.rows.map((b) => b.id));
    }
    expect(upcoming).toEqual([onSoonest, onSoon1, onSoon2, onLater]);
    expect(upcoming).not.toContain(refunded);
    expect(upcoming).not.toContain(cancelled);
    expect(upcoming).not.toContain(onPast);

    const recent = await listBookings(staff, { view: "recent", page: 1 }, 50);
    expect(recent.rows.map((b) => b.id)).toEqual([...made].reverse());
    expect(recent.rows[0]!.timeZone).toBe("Asia/Kolkata");
    const outsider = await createUser("staff", [(await createVenue(city.id)).venue.id]);
    expect((await listBookings(outsider, { view: "recent", page: 1 })).total).toBe(0);
  });
});
