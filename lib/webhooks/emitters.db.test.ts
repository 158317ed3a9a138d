// Each of the five webhook events comes from its real code path (a payment through the local
// gateway, a customer's cancellation, a staff refund, a show cancellation, a door scan), exactly
// once however often that path is replayed, with a payload that parses with its published schema;
// and they reach a real local receiver, signed.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { cancelShow } from "@/lib/admin/shows";
import { staffCancelBooking } from "@/lib/admin/bookings";
import { createWebhookEndpoint } from "@/lib/admin/webhooks";
import { holdSeats } from "@/lib/booking/hold";
import { initiateBooking } from "@/lib/booking/initiate";
import { checkIn, checkinSchema } from "@/lib/checkin/checkin";
import { resetEnvCache } from "@/lib/env.js";
import { cancelOrRelease } from "@/lib/payments/cancellation";
import { deliverDueEvents } from "@/lib/payments/gateways/local";
import { processPayment, processSchema } from "@/lib/payments/process";
import { reconcilePayments } from "@/lib/payments/reconcile";
import { executePendingRefunds, markRefunded } from "@/lib/payments/refunds";
import { handleWebhook } from "@/lib/payments/webhook";
import { getSeatMapLayout } from "@/lib/seating/availability";
import { errorCode } from "@/lib/testing/errors";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { CARD_OK, deliverWebhooksInProcess } from "@/lib/testing/payments";
import { createUser } from "@/lib/testing/users";
import { startWebhookReceiver, type Receiver } from "@/lib/testing/webhook-receiver";
import { getTicket } from "@/lib/tickets/ticket";
import { dispatchWebhooks } from "./dispatch";
import { WEBHOOK_EVENTS, type WebhookEventType } from "./events";

type Buyer = Awaited<ReturnType<typeof createUser>>;
let restore = () => {};
let venue: { id: string; cityId: string };
let sectionId: string;
let eventId: string;
let staff: Buyer;
let receiver: Receiver;
const gatewayDeliveries: { raw: string; signature: string }[] = [];
let n = 0;

async function showWithSeats(startsAt = hoursFromNow(72)) {
  const showId = (await createShow({ eventId, venue, sectionId, startsAt })).id;
  return { showId, seatIds: (await getSeatMapLayout(showId)).seats.map((s) => s.id) };
}

/** A booking paid by card through the local gateway and confirmed by its signed webhook. */
async function paidBooking(showId: string, seats: string[]) {
  const buyer = await createUser();
  const b = await initiateBooking(buyer.id, showId);
  await holdSeats(buyer.id, b.id, seats);
  await processPayment(buyer, processSchema.parse({ bookingId: b.id, method: "CARD", card: CARD_OK }), `webhooks-${Date.now()}-${n++}`);
  await deliverDueEvents();
  return { buyer, bookingId: b.id };
}

/** Events about one object, by type: every one must parse with its published schema. */
async function eventsAbout(id: string) {
  const rows = await queryRows<{ type: WebhookEventType; payload: Record<string, unknown> }>(
    db,
    sql`SELECT type, payload FROM webhook_events WHERE dedupe_key LIKE ${`%${id}%`} ORDER BY created_at, type`,
  );
  for (const r of rows) {
    const parsed = WEBHOOK_EVENTS[r.type].schema.safeParse(r.payload);
    expect(parsed.success, `${r.type}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
  }
  return rows;
}
const types = async (id: string) => (await eventsAbout(id)).map((e) => e.type);

beforeAll(async () => {
  process.env.WEBHOOK_ALLOW_HTTP = "true";
  resetEnvCache();
  restore = deliverWebhooksInProcess({
    before: (raw, signature) => {
      gatewayDeliveries.push({ raw, signature });
      return null;
    },
  });
  const city = await createCity();
  const v = await createVenue(city.id, { rows: 3, cols: 4 });
  venue = v.venue;
  sectionId = v.section.id;
  eventId = (await createEvent()).id;
  staff = await createUser("staff", [venue.id]);
  receiver = await startWebhookReceiver();
  const admin = await createUser("admin");
  receiver.secret = (await createWebhookEndpoint(admin, { url: receiver.url, description: "all of it", eventTypes: Object.keys(WEBHOOK_EVENTS) as WebhookEventType[], venueId: venue.id })).secret;
});
afterAll(async () => {
  restore();
  await receiver.close();
  delete process.env.WEBHOOK_ALLOW_HTTP;
});

describe("booking.confirmed", () => {
  it("is emitted when the gateway's webhook confirms the booking, once, however often the webhook is replayed or reconciled", async () => {
    const { showId, seatIds } = await showWithSeats();
    const { bookingId } = await paidBooking(showId, [seatIds[0]!, seatIds[1]!]);
    expect(await types(bookingId)).toEqual(["booking.confirmed"]);
    for (const d of gatewayDeliveries) await handleWebhook(d.raw, d.signature).catch(() => null);
    await reconcilePayments();
    const events = await eventsAbout(bookingId);
    expect(events.map((e) => e.type)).toEqual(["booking.confirmed"]);
    expect(events[0]!.payload).toMatchObject({
      type: "booking.confirmed",
      apiVersion: "v1",
      data: { booking: { id: bookingId, status: "CONFIRMED", showId, venueId: venue.id, eventId, currency: "INR", seats: ["A1", "A2"] } },
    });
    const booking = (events[0]!.payload as { data: { booking: { totalMinor: number; confirmedAt: string | null } } }).data.booking;
    expect(booking.totalMinor).toBeGreaterThan(0);
    expect(booking.confirmedAt).not.toBeNull();
  });
});

describe("booking.cancelled and booking.refunded", () => {
  it("a customer's cancellation: cancelled, then refunded when the gateway refunds; replays add nothing", async () => {
    const { showId, seatIds } = await showWithSeats();
    const { buyer, bookingId } = await paidBooking(showId, [seatIds[2]!]);
    await cancelOrRelease(buyer.id, bookingId);
    expect(await types(bookingId)).toEqual(["booking.confirmed", "booking.cancelled", "booking.refunded"]);
    // Replays: cancelling again is refused, the refund job and the refund's own completion run again.
    expect(await errorCode(cancelOrRelease(buyer.id, bookingId))).toBe("INVALID_STATE");
    await executePendingRefunds();
    const [refund] = await queryRows<{ id: string; amountMinor: number }>(db, sql`SELECT id, amount_minor AS "amountMinor" FROM refunds WHERE booking_id = ${bookingId}::uuid`);
    await db.transaction((tx) => markRefunded(tx, refund!.id, "re_again"));
    const events = await eventsAbout(bookingId);
    expect(events.map((e) => e.type)).toEqual(["booking.confirmed", "booking.cancelled", "booking.refunded"]);
    expect(events[1]!.payload).toMatchObject({ data: { booking: { status: "CANCELLED" } } });
    expect(events[2]!.payload).toMatchObject({ data: { booking: { status: "REFUNDED" }, refund: { id: refund!.id, amountMinor: refund!.amountMinor, currency: "INR", reason: "customer_cancelled", status: "SUCCEEDED" } } });
    // Versions go up with each state: a receiver orders them without trusting arrival order.
    const versions = events.map((e) => (e.payload as { data: { booking: { version: number } } }).data.booking.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(3);
  });

  it("a staff refund emits the same two events, once", async () => {
    const { showId, seatIds } = await showWithSeats();
    const { bookingId } = await paidBooking(showId, [seatIds[3]!]);
    await staffCancelBooking(staff, bookingId, "Double booked by the box office");
    expect(await errorCode(staffCancelBooking(staff, bookingId, "Again"))).toBe("INVALID_STATE");
    expect(await types(bookingId)).toEqual(["booking.confirmed", "booking.cancelled", "booking.refunded"]);
    const [refunded] = (await eventsAbout(bookingId)).slice(2);
    expect(refunded!.payload).toMatchObject({ data: { refund: { reason: "staff" } } });
  });
});

describe("show.cancelled", () => {
  it("is emitted by the show's cancellation once (a resumed cancellation adds nothing), with each booking's own events", async () => {
    const { showId, seatIds } = await showWithSeats();
    const { bookingId } = await paidBooking(showId, [seatIds[4]!, seatIds[5]!]);
    await cancelShow(staff, showId, "Flooded hall", { expectBookings: 1 });
    await cancelShow(staff, showId, "Flooded hall", { resumeOnly: true });
    const show = await eventsAbout(showId);
    expect(show.filter((e) => e.type === "show.cancelled")).toHaveLength(1);
    expect(show.find((e) => e.type === "show.cancelled")!.payload).toMatchObject({
      data: { show: { id: showId, status: "CANCELLED", venueId: venue.id, eventId, reason: "Flooded hall", confirmedBookings: 1 } },
    });
    expect(await types(bookingId)).toEqual(["booking.confirmed", "booking.cancelled", "booking.refunded"]);
    expect((await eventsAbout(bookingId))[2]!.payload).toMatchObject({ data: { refund: { reason: "show_cancelled" } } });
  });
});

describe("checkin.admitted", () => {
  it("is emitted per admission at the door; a second scan of the same ticket adds nothing", async () => {
    const { showId, seatIds } = await showWithSeats(hoursFromNow(1));
    const { bookingId } = await paidBooking(showId, [seatIds[6]!, seatIds[7]!]);
    const token = (await getTicket(null, bookingId)).token!;
    const scanner = await createUser("scanner", [venue.id]);
    const scan = (extra: Record<string, unknown> = {}) => checkIn(scanner, checkinSchema.parse({ code: token, showId, deviceId: "door-1", ...extra }));
    // Asking for more than the ticket holds admits nobody (rolled back) and announces nothing.
    expect(await errorCode(scan({ admit: 3 }))).toBe("ADMIT_EXCEEDS_REMAINING");
    expect((await scan({ admit: 1 })).result).toBe("OK");
    expect((await scan()).result).toBe("OK");
    expect((await scan()).result).toBe("ALREADY_CHECKED_IN");
    const checkins = (await eventsAbout(bookingId)).filter((e) => e.type === "checkin.admitted");
    expect(checkins.map((e) => (e.payload as { data: { checkin: { admittedNow: number; admittedSoFar: number; total: number } } }).data.checkin)).toEqual([
      expect.objectContaining({ admittedNow: 1, admittedSoFar: 1, total: 2, bookingId, showId, venueId: venue.id, deviceId: "door-1", offline: false }),
      expect.objectContaining({ admittedNow: 1, admittedSoFar: 2, total: 2 }),
    ]);
  });
});

describe("delivery to the partner", () => {
  it("sends every event above to the venue's endpoint, signed, once each", async () => {
    await dispatchWebhooks();
    await dispatchWebhooks();
    const [queued] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM webhook_events WHERE venue_id = ${venue.id}::uuid`);
    expect(receiver.received).toHaveLength(queued!.n);
    expect(receiver.received.every((r) => r.verified.ok)).toBe(true);
    expect(new Set(receiver.received.map((r) => r.body.id)).size).toBe(queued!.n);
    expect(new Set(receiver.received.map((r) => r.body.type))).toEqual(new Set(Object.keys(WEBHOOK_EVENTS)));
    for (const r of receiver.received) expect(WEBHOOK_EVENTS[r.body.type as WebhookEventType].schema.safeParse(r.body).success).toBe(true);
  });
});
