import { sql } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { cancelAndRefund } from "@/lib/payments/cancellation";
import { AppError } from "@/lib/errors";
import { errorCode } from "@/lib/testing/errors";
import { clearSeatingCaches, getSeatMapLayout } from "@/lib/seating/availability";
import { initiateBooking } from "@/lib/booking/initiate";
import { holdSeats } from "@/lib/booking/hold";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { createUser } from "@/lib/testing/users";
import { CARD_OK, CARD_DECLINED, CARD_DELAYED, deliverWebhooksInProcess } from "@/lib/testing/payments";
import { deliverDueEvents, localWebhookSecret } from "./gateways/local";
import { processPayment, processSchema } from "./process";
import { reconcilePayments } from "./reconcile";
import { handleWebhook } from "./webhook";

const signer = new Stripe("sk_test_signer", { telemetry: false });

let delivered: { raw: string; signature: string }[] = [];
let webhookUp = true;
let restoreGateway = () => {};
let venue: { id: string; cityId: string };
let sectionId: string;
let eventId: string;
let showId: string;
let seatIds: string[];
let n = 0;
const key = () => `test-key-${Date.now()}-${n++}`;

const bookingStatus = async (id: string) => (await queryRows<{ status: string }>(db, sql`SELECT status FROM bookings WHERE id = ${id}::uuid`))[0]!.status;
const seatStatuses = async (bookingId: string) =>
  (
    await queryRows<{ status: string }>(
      db,
      sql`SELECT ss.status FROM booking_seats bs JOIN show_seats ss ON ss.id = bs.show_seat_id WHERE bs.booking_id = ${bookingId}::uuid ORDER BY ss.id`,
    )
  ).map((r) => r.status);

async function held(user: { id: string }, seats: string[]) {
  const b = await initiateBooking(user.id, showId);
  await holdSeats(user.id, b.id, seats);
  return b.id;
}

/** The gateway's clock for delayed payments, moved on: they settle and their events are due now. */
async function settleDelayedPayments() {
  await db.execute(sql`UPDATE local_gateway_intents SET settles_at = now() WHERE settles_at > now()`);
  await db.execute(sql`UPDATE local_gateway_deliveries SET next_attempt_at = now() WHERE delivered_at IS NULL`);
}

async function lapse(bookingId: string) {
  await db.execute(sql`UPDATE bookings SET expires_at = now() - interval '1 second' WHERE id = ${bookingId}::uuid`);
  await db.execute(sql`UPDATE show_seats SET lock_expiry = now() - interval '1 second' WHERE locked_by_booking_id = ${bookingId}::uuid AND status = 'LOCKED'`);
  clearSeatingCaches();
}

// Input goes through the same schema as the API's body.
const pay = (user: { id: string; email: string; name: string }, input: Record<string, unknown> & { bookingId: string }, k = key()) =>
  processPayment(user, processSchema.parse({ method: "CARD", card: CARD_OK, ...input }), k);

beforeAll(async () => {
  restoreGateway = deliverWebhooksInProcess({
    before: (raw, signature) => {
      delivered.push({ raw, signature });
      return webhookUp ? null : 503;
    },
  });
  const city = await createCity();
  const v = await createVenue(city.id, { rows: 4, cols: 5 });
  venue = v.venue;
  sectionId = v.section.id;
  eventId = (await createEvent({ category: "MOVIE" })).id;
});
afterAll(() => restoreGateway());
beforeEach(async () => {
  delivered = [];
  webhookUp = true;
  showId = (await createShow({ eventId, venue, sectionId, startsAt: hoursFromNow(72) })).id;
  seatIds = (await getSeatMapLayout(showId)).seats.map((s) => s.id);
});

describe("paying for a hold", () => {
  it("card success: PAYMENT_PENDING, then the signed webhook confirms, books the seats and queues the email", async () => {
    const user = await createUser();
    const bookingId = await held(user, [seatIds[0]!, seatIds[1]!]);
    const payment = await pay(user, { bookingId });
    expect(payment).toMatchObject({ status: "PENDING", amountMinor: 40000 + 2 * 3000 + 1080, bookingStatus: "PAYMENT_PENDING" });
    expect(await deliverDueEvents()).toEqual({ delivered: 1, failed: 0 });
    expect(await bookingStatus(bookingId)).toBe("CONFIRMED");
    expect(await seatStatuses(bookingId)).toEqual(["BOOKED", "BOOKED"]);
    const [p] = await queryRows<{ status: string }>(db, sql`SELECT status FROM payments WHERE id = ${payment.id}::uuid`);
    expect(p!.status).toBe("SUCCEEDED");
    const mail = await queryRows<{ kind: string }>(db, sql`SELECT kind FROM outbox WHERE dedupe_key = ${`booking_confirmed:${bookingId}`}`);
    expect(mail).toHaveLength(1);
    // The same event again is a duplicate and changes nothing.
    expect(await handleWebhook(delivered[0]!.raw, delivered[0]!.signature)).toBe("duplicate event");
  });

  it("the same Idempotency-Key answers the same payment; a different body with it is a 409; racing retries charge once", async () => {
    const user = await createUser();
    const bookingId = await held(user, [seatIds[2]!]);
    const k = key();
    const results = await Promise.all(Array.from({ length: 8 }, () => pay(user, { bookingId }, k)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await errorCode(pay(user, { bookingId, method: "UPI", upi: { vpa: "success@marquee" } }, k))).toBe("IDEMPOTENCY_KEY_REUSED");
    // Another card that shares the last four digits and expiry is a different request too.
    expect(await errorCode(pay(user, { bookingId, card: { ...CARD_OK, number: "5555 5555 5005 4242" } }, k))).toBe("IDEMPOTENCY_KEY_REUSED");
    // The same card typed with other spacing (and another CVC, never part of the fingerprint) is the same request.
    expect((await pay(user, { bookingId, card: { ...CARD_OK, number: "4242-4242-4242-4242", cvc: "999" } }, k)).id).toBe(results[0]!.id);
    const rows = await queryRows<{ n: number; intents: number }>(
      db,
      sql`SELECT (SELECT count(*) FROM payments WHERE booking_id = ${bookingId}::uuid)::int AS n,
                 (SELECT count(*) FROM local_gateway_intents WHERE metadata->>'bookingId' = ${bookingId})::int AS intents`,
    );
    expect(rows[0]).toEqual({ n: 1, intents: 1 });
    // A second attempt with a new key while the first is in flight is refused: one live payment per booking.
    expect(await errorCode(pay(user, { bookingId }))).toBe("INVALID_STATE");
  });

  it("a declined card fails the payment at once and keeps the hold; another card then succeeds", async () => {
    const user = await createUser();
    const bookingId = await held(user, [seatIds[3]!]);
    const declined = await pay(user, { bookingId, card: CARD_DECLINED });
    expect(declined).toMatchObject({ status: "FAILED", failureCode: "card_declined", bookingStatus: "PAYMENT_PENDING" });
    expect(declined.failureMessage).toMatch(/declined/);
    expect(await seatStatuses(bookingId)).toEqual(["LOCKED"]);
    await deliverDueEvents(); // the decline's own webhook finds nothing left to do
    expect(await bookingStatus(bookingId)).toBe("PAYMENT_PENDING");
    await pay(user, { bookingId, method: "UPI", upi: { vpa: "success@marquee" } });
    await deliverDueEvents();
    expect(await bookingStatus(bookingId)).toBe("CONFIRMED");
  });

  it("rejects tampered, foreign-key and stale signatures", async () => {
    const user = await createUser();
    const bookingId = await held(user, [seatIds[4]!]);
    webhookUp = false;
    await pay(user, { bookingId });
    await deliverDueEvents();
    const { raw } = delivered[0]!;
    const tampered = raw.replace(/"amount":\d+/, '"amount":1');
    expect(await errorCode(handleWebhook(tampered, delivered[0]!.signature))).toBe("UNAUTHORIZED");
    expect(await errorCode(handleWebhook(raw, signer.webhooks.generateTestHeaderString({ payload: raw, secret: "whsec_someone_else" })))).toBe("UNAUTHORIZED");
    const stale = signer.webhooks.generateTestHeaderString({ payload: raw, secret: localWebhookSecret(), timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect(await errorCode(handleWebhook(raw, stale))).toBe("UNAUTHORIZED");
    expect(await errorCode(handleWebhook(raw, null))).toBe("UNAUTHORIZED");
    expect(await bookingStatus(bookingId)).toBe("PAYMENT_PENDING");
    // A fresh, valid signature on the real body applies it.
    expect(await handleWebhook(raw, signer.webhooks.generateTestHeaderString({ payload: raw, secret: localWebhookSecret() }))).toBe("confirmed");
  });

  it("out of order: a failure arriving after success does not move anything back", async () => {
    const user = await createUser();
    const bookingId = await held(user, [seatIds[5]!]);
    const payment = await pay(user, { bookingId });
    await deliverDueEvents();
    const body = JSON.stringify({
      id: "evt_late_failure_" + payment.id,
      object: "event",
      type: "payment_intent.payment_failed",
      created: Math.floor(Date.now() / 1000),
      data: { object: { id: "pi_x", metadata: { paymentId: payment.id, bookingId }, last_payment_error: { code: "card_declined" } } },
    });
    const outcome = await handleWebhook(body, signer.webhooks.generateTestHeaderString({ payload: body, secret: localWebhookSecret() }));
    expect(outcome).toMatch(/^ignored/);
    expect(await bookingStatus(bookingId)).toBe("CONFIRMED");
  });

  it("a webhook the app cannot take is retried later, and reconciliation settles a payment whose events never arrived", async () => {
    const user = await createUser();
    const bookingId = await held(user, [seatIds[6]!]);
    webhookUp = false;
    await pay(user, { bookingId });
    expect(await deliverDueEvents()).toEqual({ delivered: 0, failed: 1 });
    const [d] = await queryRows<{ attempts: number; due: boolean }>(db, sql`SELECT attempts, next_attempt_at > now() AS due FROM local_gateway_deliveries WHERE delivered_at IS NULL ORDER BY created_at DESC LIMIT 1`);
    expect(d).toMatchObject({ attempts: 1, due: true });
    expect(await bookingStatus(bookingId)).toBe("PAYMENT_PENDING");
    const stats = await reconcilePayments({ olderThanSeconds: 0 });
    expect(stats.settled).toBeGreaterThanOrEqual(1);
    expect(await bookingStatus(bookingId)).toBe("CONFIRMED");
  });
});

describe("late payments", () => {
  it("succeeds after the hold lapsed and the seats are still free: re-takes them and confirms", async () => {
    const user = await createUser();
    const bookingId = await held(user, [seatIds[7]!, seatIds[8]!]);
    await pay(user, { bookingId, card: CARD_DELAYED });
    await lapse(bookingId);
    await settleDelayedPayments();
    await deliverDueEvents();
    expect(await bookingStatus(bookingId)).toBe("CONFIRMED");
    expect(await seatStatuses(bookingId)).toEqual(["BOOKED", "BOOKED"]);
  });

  it("succeeds after the seats went to someone else: the booking fails and the payment is refunded, with a notice", async () => {
    const [alice, bob] = [await createUser(), await createUser()];
    const bookingId = await held(alice, [seatIds[9]!, seatIds[10]!]);
    const payment = await pay(alice, { bookingId, card: CARD_DELAYED });
    await lapse(bookingId);
    await held(bob, [seatIds[10]!]);
    await settleDelayedPayments();
    await deliverDueEvents();
    expect(await bookingStatus(bookingId)).toBe("FAILED");
    const [p] = await queryRows<{ status: string; refunded: number }>(db, sql`SELECT status, refunded_minor AS refunded FROM payments WHERE id = ${payment.id}::uuid`);
    expect(p).toEqual({ status: "REFUNDED", refunded: payment.amountMinor });
    const [r] = await queryRows<{ status: string; reason: string }>(db, sql`SELECT status, reason FROM refunds WHERE payment_id = ${payment.id}::uuid`);
    expect(r).toEqual({ status: "SUCCEEDED", reason: "late_payment" });
    expect((await queryRows(db, sql`SELECT 1 FROM outbox WHERE dedupe_key = ${`late_payment_refunded:${bookingId}`}`)).length).toBe(1);
    // Bob's hold is untouched, Alice's other seat is free again.
    const [s9] = await queryRows<{ status: string }>(db, sql`SELECT status FROM show_seats WHERE show_id = ${showId}::uuid AND seat_id = ${seatIds[9]!}::uuid`);
    expect(s9!.status).toBe("AVAILABLE");
  });
});

describe("cancellation and refunds", () => {
  it("cancels before the cutoff: seats back on sale, refunded in full, REFUNDED", async () => {
    const user = await createUser();
    const bookingId = await held(user, [seatIds[11]!]);
    const payment = await pay(user, { bookingId });
    await deliverDueEvents();
    const result = await cancelAndRefund(bookingId, { userId: user.id });
    expect(result.status).toBe("REFUNDED");
    expect(await seatStatuses(bookingId)).toEqual(["AVAILABLE"]);
    const [p] = await queryRows<{ status: string; refunded: number }>(db, sql`SELECT status, refunded_minor AS refunded FROM payments WHERE id = ${payment.id}::uuid`);
    expect(p).toEqual({ status: "REFUNDED", refunded: payment.amountMinor });
    // The gateway's charge.refunded webhook then finds nothing left to do.
    await deliverDueEvents();
    expect(await bookingStatus(bookingId)).toBe("REFUNDED");
    expect(await errorCode(cancelAndRefund(bookingId, { userId: user.id }))).toBe("INVALID_STATE");
  });

  it("refuses after the cutoff, and others cannot cancel your booking", async () => {
    const user = await createUser();
    const soon = await createShow({ eventId, venue, sectionId, startsAt: hoursFromNow(3) });
    const seat = (await getSeatMapLayout(soon.id)).seats[0]!.id;
    const b = await initiateBooking(user.id, soon.id);
    await holdSeats(user.id, b.id, [seat]);
    await pay(user, { bookingId: b.id });
    await deliverDueEvents();
    expect(await errorCode(cancelAndRefund(b.id, { userId: user.id }))).toBe("CANCELLATION_CLOSED");
    const stranger = await createUser();
    expect(await errorCode(cancelAndRefund(b.id, { userId: stranger.id }))).toBe("NOT_FOUND");
    expect(await bookingStatus(b.id)).toBe("CONFIRMED");
  });
});

describe("promo codes", () => {
  it("applies a percentage code with its cap and counts the redemption only on confirmation", async () => {
    await db.execute(sql`INSERT INTO promo_codes (code, kind, value, max_discount_minor) VALUES ('TENOFF', 'PERCENT', 1000, 3000)`);
    const user = await createUser();
    const bookingId = await held(user, [seatIds[12]!, seatIds[13]!]);
    const payment = await pay(user, { bookingId, promoCode: "tenoff" });
    // 10% of ₹400 is ₹40, capped at ₹30.
    expect(payment.amountMinor).toBe(40000 - 3000 + 6000 + 1080);
    const before = await queryRows(db, sql`SELECT 1 FROM promo_redemptions WHERE booking_id = ${bookingId}::uuid`);
    expect(before).toHaveLength(0);
    await deliverDueEvents();
    const after = await queryRows<{ discount: number }>(db, sql`SELECT discount_minor AS discount FROM promo_redemptions WHERE booking_id = ${bookingId}::uuid`);
    expect(after).toEqual([{ discount: 3000 }]);
  });

  it("says why a code does not apply", async () => {
    await db.execute(sql`INSERT INTO promo_codes (code, kind, value, min_order_minor) VALUES ('BIGSPEND', 'FLAT', 5000, 1000000)`);
    await db.execute(sql`INSERT INTO promo_codes (code, kind, value, restrictions) VALUES ('GIGSONLY', 'FLAT', 5000, '{"categories":["CONCERT"]}')`);
    await db.execute(sql`INSERT INTO promo_codes (code, kind, value, ends_at) VALUES ('OLDCODE', 'FLAT', 5000, now() - interval '1 day')`);
    const user = await createUser();
    const bookingId = await held(user, [seatIds[14]!]);
    for (const [promo, reason] of [["BIGSPEND", "MIN_ORDER"], ["GIGSONLY", "NOT_APPLICABLE"], ["OLDCODE", "EXPIRED"], ["NOPE", "UNKNOWN"]] as const) {
      const err = await pay(user, { bookingId, promoCode: promo }).catch((e: AppError) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("PROMO_INVALID");
      expect((err as AppError).details).toEqual({ reason });
    }
    expect(await bookingStatus(bookingId)).toBe("LOCKED");
  });

  it("holds its total use limit when many pay with it at once", async () => {
    await db.execute(sql`INSERT INTO promo_codes (code, kind, value, max_uses_total) VALUES ('ONLYTWO', 'FLAT', 2000, 2)`);
    const buyers = await Promise.all(Array.from({ length: 5 }, () => createUser()));
    const bookings: string[] = [];
    for (const [i, u] of buyers.entries()) bookings.push(await held(u, [seatIds[15 + i]!]));
    const results = await Promise.all(buyers.map((u, i) => errorCode(pay(u, { bookingId: bookings[i]!, promoCode: "ONLYTWO" }))));
    expect(results.filter((r) => r === "OK")).toHaveLength(2);
    expect(results.filter((r) => r === "PROMO_INVALID")).toHaveLength(3);
    await deliverDueEvents();
    const [count] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM promo_redemptions r JOIN promo_codes p ON p.id = r.promo_code_id WHERE p.code = 'ONLYTWO'`);
    expect(count!.n).toBe(2);
  });
});
