// The booking side of the API against its contracts (lib/api/contract/{bookings,payments,queue,
// waitlist}.ts): each operation is driven through its real handler to every documented success
// and its main refusals, and every answer is held against the OpenAPI document by the drift hook
// (closed schemas: an unknown field fails as surely as a missing one). The last test requires
// that each documented success status was actually produced here.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import * as bookingOps from "@/lib/api/contract/bookings";
import * as paymentOps from "@/lib/api/contract/payments";
import * as queueOps from "@/lib/api/contract/queue";
import * as waitlistOps from "@/lib/api/contract/waitlist";
import { checkAnswer } from "@/lib/api/drift";
import { openApiDocument } from "@/lib/api/openapi";
import { setOnSale } from "@/lib/admin/on-sale";
import { invalidateOnSale } from "@/lib/onsale/room";
import { deliverDueEvents } from "@/lib/payments/gateways/local";
import { configureRateLimiter } from "@/lib/ratelimit";
import { clearSeatingCaches, getSeatMapLayout } from "@/lib/seating/availability";
import { call, expectEverySuccessSeen, operationsOf, tallyAnswers, type Tally } from "@/lib/testing/contract-calls";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { CARD_DECLINED, CARD_OK, deliverWebhooksInProcess } from "@/lib/testing/payments";
import { createUser } from "@/lib/testing/users";
import { POST as initiate } from "@/app/api/v1/bookings/initiate/route";
import { GET as getBooking } from "@/app/api/v1/bookings/[bookingId]/route";
import { POST as lockSeats } from "@/app/api/v1/bookings/[bookingId]/lock-seats/route";
import { GET as quote } from "@/app/api/v1/bookings/[bookingId]/quote/route";
import { POST as confirm } from "@/app/api/v1/bookings/[bookingId]/confirm/route";
import { POST as cancel } from "@/app/api/v1/bookings/[bookingId]/cancel/route";
import { POST as pay } from "@/app/api/v1/payments/process/route";
import { GET as paymentStatus } from "@/app/api/v1/payments/[paymentId]/status/route";
import { POST as webhook } from "@/app/api/v1/payments/webhook/route";
import { GET as queueStatus, POST as joinQueue } from "@/app/api/v1/shows/[showId]/queue/route";
import { GET as myWaitlist, POST as joinWaitlist } from "@/app/api/v1/shows/[showId]/waitlist/route";
import { DELETE as leaveWaitlist } from "@/app/api/v1/shows/[showId]/waitlist/[entryId]/route";

type User = Awaited<ReturnType<typeof createUser>>;

let tally: Tally;
let restoreTally = () => {};
let restoreGateway = () => {};
let webhooks: { raw: string; signature: string }[] = [];
let venue: { id: string; cityId: string };
let sectionId = "";
let eventId = "";
let staff: User;
let n = 0;
const key = () => `drift-${Date.now()}-${n++}`;

async function newShow(hours = 72) {
  const showId = (await createShow({ eventId, venue, sectionId, startsAt: hoursFromNow(hours) })).id;
  return { showId, seatIds: (await getSeatMapLayout(showId)).seats.map((s) => s.id) };
}

/** A LOCKED booking of `user` holding `seats`, through the API. */
async function hold(user: User, showId: string, seats: string[]): Promise<string> {
  const opened = await call(initiate, { token: user.token, body: { showId } });
  expect(opened.status).toBe(201);
  const bookingId = opened.body.booking.id as string;
  expect((await call(lockSeats, { token: user.token, params: { bookingId }, body: { seatIds: seats } })).status).toBe(200);
  return bookingId;
}

beforeAll(async () => {
  ({ tally, restore: restoreTally } = tallyAnswers());
  restoreGateway = deliverWebhooksInProcess({ before: (raw, signature) => (webhooks.push({ raw, signature }), null) });
  configureRateLimiter({
    redis: null,
    limits: { api: { limit: 10_000, window: "60 s" }, holdSeats: { limit: 10_000, window: "60 s" }, payments: { limit: 10_000, window: "60 s" }, promo: { limit: 10_000, window: "60 s" }, waitlist: { limit: 10_000, window: "60 s" }, queueJoin: { limit: 10_000, window: "60 s" } } as never,
  });
  const city = await createCity();
  const v = await createVenue(city.id, { rows: 2, cols: 5 });
  venue = v.venue;
  sectionId = v.section.id;
  eventId = (await createEvent({ category: "MOVIE" })).id;
  staff = await createUser("staff", [venue.id]);
});

afterAll(() => {
  restoreTally();
  restoreGateway();
  configureRateLimiter();
});

describe("bookings and payments answer inside their contracts", () => {
  it("holds, prices, pays, confirms and cancels, and refuses with documented codes", async () => {
    const { showId, seatIds } = await newShow();
    const [alice, bob] = [await createUser(), await createUser()];

    // Opening a booking.
    expect((await call(initiate, { body: { showId } })).status).toBe(401);
    expect(await call(initiate, { token: alice.token, body: { showId: randomUUID() } })).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
    expect(await call(initiate, { token: alice.token, body: { showId: "nope" } })).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
    expect(await call(initiate, { token: alice.token, body: "{", headers: { "content-type": "application/json" } })).toMatchObject({ status: 400, body: { error: { code: "INVALID_JSON" } } });
    expect(await call(initiate, { token: alice.token, body: `{"showId":"${showId}"}`, headers: { "content-type": "text/plain" } })).toMatchObject({ status: 415 });
    const opened = await call(initiate, { token: alice.token, body: { showId } });
    expect(opened).toMatchObject({ status: 201, body: { booking: { status: "INITIATED", seats: [], expiresAt: null } } });
    const bookingId = opened.body.booking.id as string;
    // An open booking is answered again rather than a second one.
    expect((await call(initiate, { token: alice.token, body: { showId } })).body.booking.id).toBe(bookingId);

    // Holding seats: all or none, with the refusals a client must branch on.
    const params = { bookingId };
    expect(await call(lockSeats, { token: alice.token, params, body: { seatIds: [seatIds[0], seatIds[0]] } })).toMatchObject({ status: 400, body: { error: { code: "DUPLICATE_SEATS" } } });
    expect(await call(lockSeats, { token: alice.token, params, body: { seatIds: [...seatIds, randomUUID()] } })).toMatchObject({
      status: 400,
      body: { error: { code: "TOO_MANY_SEATS" } },
    });
    expect(await call(lockSeats, { token: alice.token, params, body: { seatIds: [randomUUID()] } })).toMatchObject({ status: 422, body: { error: { code: "UNKNOWN_SEATS" } } });
    expect(await call(lockSeats, { token: bob.token, params, body: { seatIds: [seatIds[0]] } })).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
    const held = await call(lockSeats, { token: alice.token, params, body: { seatIds: [seatIds[0], seatIds[1]] } });
    expect(held).toMatchObject({ status: 200, body: { booking: { status: "LOCKED", subtotalMinor: 40_000, seats: [{ type: "REGULAR", zoneId: null }, {}] } } });
    expect(Date.parse(held.body.booking.expiresAt) - Date.now()).toBeGreaterThan(9 * 60_000);
    const bobBooking = (await call(initiate, { token: bob.token, body: { showId } })).body.booking.id as string;
    const taken = await call(lockSeats, { token: bob.token, params: { bookingId: bobBooking }, body: { seatIds: [seatIds[1], seatIds[2]] } });
    expect(taken).toMatchObject({ status: 409, body: { error: { code: "SEATS_UNAVAILABLE", details: { seatIds: [seatIds[1]], labels: [expect.any(String)] } } } });

    // Reading and pricing it.
    const read = await call(getBooking, { token: alice.token, params });
    expect(read).toMatchObject({ status: 200, body: { booking: { id: bookingId, status: "LOCKED", seatCount: 2, show: { id: showId }, event: { id: eventId } } } });
    expect((await call(getBooking, { token: bob.token, params })).status).toBe(404);
    expect(await call(quote, { token: alice.token, params })).toMatchObject({ status: 200, body: { quote: { subtotalMinor: 40_000, seatCount: 2, promo: null } } });
    expect(await call(quote, { token: alice.token, params, query: { promoCode: "nosuchcode" } })).toMatchObject({
      status: 200,
      body: { quote: { promo: { code: "NOSUCHCODE", applied: false, reason: "UNKNOWN" } } },
    });

    // Not paid yet: 402.
    expect(await call(confirm, { token: alice.token, params })).toMatchObject({ status: 402, body: { error: { code: "PAYMENT_REQUIRED", details: { status: "LOCKED" } } } });

    // Paying: Idempotency-Key required, replays answer the same payment, reuse with another body is 409.
    const body = { bookingId, method: "CARD", card: CARD_OK };
    expect(await call(pay, { token: alice.token, body })).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
    const k = key();
    const paid = await call(pay, { token: alice.token, body, headers: { "idempotency-key": k } });
    expect(paid).toMatchObject({ status: 200, body: { payment: { bookingId, status: "PENDING", method: "CARD", provider: "local", bookingStatus: "PAYMENT_PENDING", failureCode: null } } });
    expect((await call(pay, { token: alice.token, body, headers: { "idempotency-key": k } })).body.payment.id).toBe(paid.body.payment.id);
    expect(await call(pay, { token: alice.token, body: { bookingId, method: "UPI", upi: { vpa: "success@marquee" } }, headers: { "idempotency-key": k } })).toMatchObject({
      status: 409,
      body: { error: { code: "IDEMPOTENCY_KEY_REUSED", details: { paymentId: paid.body.payment.id } } },
    });
    expect(await call(pay, { token: alice.token, body, headers: { "idempotency-key": key() } })).toMatchObject({ status: 409, body: { error: { code: "INVALID_STATE" } } });
    const paymentId = paid.body.payment.id as string;
    expect((await call(paymentStatus, { token: bob.token, params: { paymentId } })).status).toBe(404);

    // The gateway's webhook confirms it; confirm now answers the ticket.
    expect(await deliverDueEvents()).toEqual({ delivered: 1, failed: 0 });
    expect(await call(paymentStatus, { token: alice.token, params: { paymentId } })).toMatchObject({ status: 200, body: { payment: { status: "SUCCEEDED", bookingStatus: "CONFIRMED" } } });
    const ticket = await call(confirm, { token: alice.token, params });
    expect(ticket).toMatchObject({ status: 200, body: { booking: { bookingId, status: "CONFIRMED", token: expect.any(String), seats: [{}, {}], amounts: { subtotalMinor: 40_000 } } } });
    expect((await call(getBooking, { token: alice.token, params })).body.booking).toMatchObject({ status: "CONFIRMED", expiresAt: expect.any(String) });
    expect(await call(pay, { token: alice.token, body, headers: { "idempotency-key": key() } })).toMatchObject({ status: 409, body: { error: { code: "INVALID_STATE" } } });

    // Cancelling: a confirmed booking is refunded; a hold is released (twice: the same answer); a finished one is 409.
    const cancelled = await call(cancel, { token: alice.token, params });
    expect(cancelled.status).toBe(200);
    expect(["CANCELLED", "REFUNDED"]).toContain(cancelled.body.booking.status);
    expect(await call(cancel, { token: alice.token, params })).toMatchObject({ status: 409, body: { error: { code: "INVALID_STATE" } } });
    expect(await call(cancel, { token: bob.token, params: { bookingId: bobBooking } })).toMatchObject({ status: 200, body: { booking: { status: "EXPIRED" } } });
    expect(await call(cancel, { token: bob.token, params: { bookingId: bobBooking } })).toMatchObject({ status: 200, body: { booking: { status: "EXPIRED" } } });
    expect((await call(cancel, { token: alice.token, params: { bookingId: bobBooking } })).status).toBe(404);
  });

  it("answers a declined card with a FAILED payment, a lapsed hold with 410, and a late show with 409", async () => {
    const { showId, seatIds } = await newShow();
    const carol = await createUser();
    const bookingId = await hold(carol, showId, [seatIds[5]!]);
    const declined = await call(pay, { token: carol.token, body: { bookingId, method: "CARD", card: CARD_DECLINED }, headers: { "idempotency-key": key() } });
    expect(declined).toMatchObject({ status: 200, body: { payment: { status: "FAILED", failureCode: "card_declined", failureMessage: expect.stringMatching(/declined/) } } });
    // A declined payment's booking may let its seats go: it fails.
    expect(await call(cancel, { token: carol.token, params: { bookingId } })).toMatchObject({ status: 200, body: { booking: { status: "FAILED" } } });

    const lapsing = await hold(carol, showId, [seatIds[6]!]);
    await db.execute(sql`UPDATE bookings SET expires_at = now() - interval '1 second' WHERE id = ${lapsing}::uuid`);
    await db.execute(sql`UPDATE show_seats SET lock_expiry = now() - interval '1 second' WHERE locked_by_booking_id = ${lapsing}::uuid`);
    clearSeatingCaches();
    expect(await call(lockSeats, { token: carol.token, params: { bookingId: lapsing }, body: { seatIds: [seatIds[7]] } })).toMatchObject({ status: 410, body: { error: { code: "HOLD_EXPIRED" } } });
    expect(await call(pay, { token: carol.token, body: { bookingId: lapsing, method: "CARD", card: CARD_OK }, headers: { "idempotency-key": key() } })).toMatchObject({
      status: 410,
      body: { error: { code: "HOLD_EXPIRED" } },
    });

    const started = (await newShow(-1)).showId;
    expect(await call(initiate, { token: carol.token, body: { showId: started } })).toMatchObject({ status: 409, body: { error: { code: "SHOW_NOT_ON_SALE" } } });
  });

  it("documents the webhook's answers: applied or already applied, and 401 for a bad signature", async () => {
    const { showId, seatIds } = await newShow();
    const dave = await createUser();
    const bookingId = await hold(dave, showId, [seatIds[8]!]);
    webhooks = [];
    await call(pay, { token: dave.token, body: { bookingId, method: "CARD", card: CARD_OK }, headers: { "idempotency-key": key() } });
    await deliverDueEvents();
    const event = webhooks[0]!;
    const doc = openApiDocument();
    const answers = [
      await call(webhook, { body: event.raw, headers: { "content-type": "application/json", "stripe-signature": event.signature } }),
      await call(webhook, { body: event.raw, headers: { "content-type": "application/json", "stripe-signature": "t=1,v1=00" } }),
      await call(webhook, { body: "{}", headers: { "content-type": "application/json" } }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 401, 401]); // no signature at all is refused like a wrong one
    expect(answers[0]!.body).toEqual({ received: true, outcome: "duplicate event" });
    // Not a route() handler, so the hook does not see it: the same check, by hand.
    for (const a of answers) expect(checkAnswer(doc, paymentOps.paymentWebhook, a.status, a.headers.get("content-type"), a.body)).toEqual([]);
    // And the check is closed: a field the contract does not name is drift.
    expect(checkAnswer(doc, paymentOps.paymentWebhook, 200, "application/json", { ...answers[0]!.body, extra: 1 })).not.toEqual([]);
    const read = await call(getBooking, { token: dave.token, params: { bookingId } });
    expect(checkAnswer(doc, bookingOps.getBooking, 200, "application/json", read.body)).toEqual([]);
    expect(checkAnswer(doc, bookingOps.getBooking, 200, "application/json", { booking: { ...read.body.booking, userId: dave.id } })).not.toEqual([]);
  });
});

describe("the waiting room and the waitlist answer inside their contracts", () => {
  it("joins a room before the on-sale, polls with ETags, and hands the admitted a pass that opens a booking", async () => {
    const { showId, seatIds } = await newShow();
    const erin = await createUser();
    const params = { showId };
    // No room: nothing to join, and the status says so.
    expect(await call(joinQueue, { token: erin.token, params, method: "POST" })).toMatchObject({ status: 409, body: { error: { code: "QUEUE_CLOSED" } } });
    expect(await call(queueStatus, { token: erin.token, params })).toMatchObject({ status: 200, body: { queue: { joined: false, room: { phase: "NONE" }, pass: null } } });

    await setOnSale(staff, showId, { onSaleAt: new Date(Date.now() + 3_600_000), waitingRoom: true, admitPerMinute: 60, paused: false });
    expect(await call(initiate, { token: erin.token, body: { showId } })).toMatchObject({ status: 409, body: { error: { code: "NOT_ON_SALE_YET" } } });
    const joined = await call(joinQueue, { token: erin.token, params, method: "POST" });
    expect(joined).toMatchObject({ status: 201, body: { queue: { joined: true, position: null, draw: expect.any(Number), room: { phase: "BEFORE" } } } });
    const polled = await call(queueStatus, { token: erin.token, params });
    expect(polled.status).toBe(200);
    expect((await call(queueStatus, { token: erin.token, params, headers: { "if-none-match": polled.headers.get("etag")! } })).status).toBe(304);

    // The on-sale starts and lets everyone through: a pass, which initiate and lock-seats need.
    await db.execute(sql`UPDATE on_sales SET on_sale_at = now() - interval '1 minute', ticked_at = now(), admitted = 1000 WHERE show_id = ${showId}::uuid`);
    invalidateOnSale(showId);
    expect(await call(initiate, { token: erin.token, body: { showId } })).toMatchObject({ status: 403, body: { error: { code: "QUEUE_PASS_REQUIRED" } } });
    expect(await call(initiate, { token: erin.token, body: { showId }, headers: { "x-queue-pass": "forged" } })).toMatchObject({ status: 403, body: { error: { code: "QUEUE_PASS_INVALID" } } });
    const admitted = await call(queueStatus, { token: erin.token, params });
    expect(admitted).toMatchObject({ status: 200, body: { queue: { admitted: true, position: 1, ahead: 0, estimatedWaitSeconds: 0, pass: { token: expect.any(String) } } } });
    const pass = { "x-queue-pass": admitted.body.queue.pass.token as string };
    const opened = await call(initiate, { token: erin.token, body: { showId }, headers: pass });
    expect(opened.status).toBe(201);
    expect((await call(lockSeats, { token: erin.token, params: { bookingId: opened.body.booking.id }, body: { seatIds: [seatIds[0]] }, headers: pass })).status).toBe(200);
  });

  it("joins a sold-out show's waitlist, lists it, gets an offer when places come back, and leaves", async () => {
    const { showId, seatIds } = await newShow();
    const [holder, frank, gina] = [await createUser(), await createUser(), await createUser()];
    const params = { showId };
    expect(await call(joinWaitlist, { token: frank.token, params, body: { quantity: 1 } })).toMatchObject({ status: 409, body: { error: { code: "NOT_SOLD_OUT", details: { available: 10 } } } });
    expect(await call(joinWaitlist, { token: frank.token, params, body: { quantity: 1, zoneId: randomUUID() } })).toMatchObject({ status: 422, body: { error: { code: "UNKNOWN_ZONE" } } });
    expect(await call(joinWaitlist, { token: frank.token, params: { showId: randomUUID() }, body: { quantity: 1 } })).toMatchObject({ status: 404 });
    const bookingId = await hold(holder, showId, seatIds);

    const entry = await call(joinWaitlist, { token: frank.token, params, body: { quantity: 2 } });
    expect(entry).toMatchObject({ status: 200, body: { entry: { status: "WAITING", position: 1, quantity: 2, zoneId: null, zoneName: null, offer: null } } });
    const ginaEntry = await call(joinWaitlist, { token: gina.token, params, body: { quantity: 1 } });
    expect(ginaEntry.body.entry.position).toBe(2);
    expect(await call(myWaitlist, { token: frank.token, params })).toMatchObject({ status: 200, body: { items: [{ id: entry.body.entry.id }] } });

    // The holder lets go: Frank is offered two places, held in a booking for him.
    await call(cancel, { token: holder.token, params: { bookingId } });
    const offered = (await call(myWaitlist, { token: frank.token, params })).body.items[0];
    expect(offered).toMatchObject({ status: "OFFERED", position: null, offer: { bookingId: expect.any(String), places: [expect.any(String), expect.any(String)], expiresAt: expect.any(String) } });

    expect((await call(leaveWaitlist, { token: gina.token, params: { showId, entryId: entry.body.entry.id }, method: "DELETE" })).status).toBe(404);
    expect(await call(leaveWaitlist, { token: frank.token, params: { showId, entryId: entry.body.entry.id }, method: "DELETE" })).toMatchObject({ status: 200, body: { entry: { status: "LEFT", offer: null } } });
    expect(await call(leaveWaitlist, { token: gina.token, params: { showId, entryId: ginaEntry.body.entry.id }, method: "DELETE" })).toMatchObject({ status: 200, body: { entry: { status: expect.stringMatching(/LEFT/) } } });
  });

  it("produced every documented success of these operations", () => {
    expectEverySuccessSeen(tally, [...operationsOf(bookingOps), ...operationsOf(paymentOps).filter((o) => o.operationId !== "paymentWebhook"), ...operationsOf(queueOps), ...operationsOf(waitlistOps)]);
  });
});
