// A cancelled show never confirms: a payment that succeeds after staff cancelled the show is
// refunded and its payer told, and a cancellation that fails part-way is resumed by running it again.
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { cancelShow } from "@/lib/admin/shows";
import { paidTicket } from "@/lib/payments/paid-ticket";
import { errorCode } from "@/lib/testing/errors";
import { clearSeatingCaches, getSeatMapLayout } from "@/lib/seating/availability";
import { initiateBooking } from "@/lib/booking/initiate";
import { holdSeats } from "@/lib/booking/hold";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { CARD_OK, CARD_DELAYED, deliverWebhooksInProcess } from "@/lib/testing/payments";
import { createUser } from "@/lib/testing/users";
import { getGateway, setGatewayForTests } from "./gateways";
import { deliverDueEvents } from "./gateways/local";
import { processPayment, processSchema } from "./process";
import { reconcilePayments } from "./reconcile";


let webhookUp = true;
let restore = () => {};
let venue: { id: string; cityId: string };
let sectionId: string;
let eventId: string;
let showId: string;
let seatIds: string[];
let staff: Awaited<ReturnType<typeof createUser>>;
let n = 0;

type Buyer = Awaited<ReturnType<typeof createUser>>;
const pay = (user: Buyer, bookingId: string, card = CARD_OK) =>
  processPayment(user, processSchema.parse({ bookingId, method: "CARD", card }), `show-cancel-${Date.now()}-${n++}`);

async function held(user: Buyer, seats: string[]) {
  const b = await initiateBooking(user.id, showId);
  await holdSeats(user.id, b.id, seats);
  return b.id;
}

const bookingStatus = async (id: string) => (await queryRows<{ status: string }>(db, sql`SELECT status FROM bookings WHERE id = ${id}::uuid`))[0]!.status;
const mailKinds = async (bookingId: string) =>
  (await queryRows<{ kind: string }>(db, sql`SELECT kind FROM outbox WHERE payload->>'bookingId' = ${bookingId} AND channel = 'EMAIL' ORDER BY created_at, kind`)).map((m) => m.kind);
const paymentOf = async (bookingId: string) =>
  (
    await queryRows<{ status: string; refunded: number; amount: number; refunds: number; reason: string | null }>(
      db,
      sql`SELECT p.status, p.refunded_minor AS refunded, p.amount_minor AS amount,
                 (SELECT count(*)::int FROM refunds r WHERE r.payment_id = p.id) AS refunds, (SELECT reason FROM refunds r WHERE r.payment_id = p.id) AS reason
          FROM payments p WHERE p.booking_id = ${bookingId}::uuid`,
    )
  )[0]!;

beforeAll(async () => {
  restore = deliverWebhooksInProcess({ before: () => (webhookUp ? null : 503) });
  const city = await createCity();
  const v = await createVenue(city.id, { rows: 3, cols: 4 });
  venue = v.venue;
  sectionId = v.section.id;
  eventId = (await createEvent()).id;
  staff = await createUser("staff", [venue.id]);
});
afterAll(() => restore());
beforeEach(async () => {
  webhookUp = true;
  showId = (await createShow({ eventId, venue, sectionId, startsAt: hoursFromNow(72) })).id;
  seatIds = (await getSeatMapLayout(showId)).seats.map((s) => s.id);
});
afterEach(() => setGatewayForTests(null));

describe("a payment that succeeds after the show was cancelled", () => {
  it("pending during the cancellation: refunded when it succeeds, the payer told, no ticket, seats not sold", async () => {
    const buyer = await createUser();
    const bookingId = await held(buyer, [seatIds[0]!, seatIds[1]!]);
    const payment = await pay(buyer, bookingId, CARD_DELAYED);
    expect(payment.status).toBe("PENDING");

    expect(await cancelShow(staff, showId, "Flooded hall")).toEqual({ refunded: 0, released: 0, pending: 1 });
    expect(await bookingStatus(bookingId)).toBe("PAYMENT_PENDING");

    // The gateway settles the payment: its webhook arrives after the cancellation.
    await db.execute(sql`UPDATE local_gateway_intents SET settles_at = now() WHERE settles_at > now()`);
    await db.execute(sql`UPDATE local_gateway_deliveries SET next_attempt_at = now() WHERE delivered_at IS NULL`);
    await deliverDueEvents();

    expect(await bookingStatus(bookingId)).toBe("FAILED");
    expect(await paymentOf(bookingId)).toEqual({ status: "REFUNDED", refunded: payment.amountMinor, amount: payment.amountMinor, refunds: 1, reason: "show_cancelled" });
    expect(await mailKinds(bookingId)).toEqual(["show_cancelled"]);
    expect(await errorCode(paidTicket(buyer.id, bookingId))).toBe("PAYMENT_REQUIRED");
    const seats = await queryRows<{ status: string }>(db, sql`SELECT status FROM show_seats WHERE show_id = ${showId}::uuid AND status <> 'AVAILABLE'`);
    expect(seats).toEqual([]);
    expect(await cancelShow(staff, showId, "Flooded hall")).toEqual({ refunded: 0, released: 0, pending: 0 });
  });

  it("its webhook lost and found by reconciliation: refunded the same way", async () => {
    const buyer = await createUser();
    const bookingId = await held(buyer, [seatIds[2]!]);
    webhookUp = false;
    const payment = await pay(buyer, bookingId);
    await deliverDueEvents(); // refused: the success is not applied yet
    expect(await bookingStatus(bookingId)).toBe("PAYMENT_PENDING");
    await cancelShow(staff, showId, "Power cut");
    await reconcilePayments({ olderThanSeconds: 0 });
    expect(await bookingStatus(bookingId)).toBe("FAILED");
    expect(await paymentOf(bookingId)).toMatchObject({ status: "REFUNDED", refunded: payment.amountMinor, reason: "show_cancelled" });
    expect(await mailKinds(bookingId)).toEqual(["show_cancelled"]);
  });

  it("a hold on a cancelled show cannot be paid for", async () => {
    const buyer = await createUser();
    const bookingId = await held(buyer, [seatIds[3]!]);
    // The show is cancelled between the hold and the payment (its holds not yet released).
    await db.execute(sql`UPDATE shows SET status = 'CANCELLED' WHERE id = ${showId}::uuid`);
    clearSeatingCaches(showId);
    expect(await errorCode(pay(buyer, bookingId))).toBe("SHOW_NOT_ON_SALE");
    expect((await queryRows(db, sql`SELECT 1 FROM payments WHERE booking_id = ${bookingId}::uuid`)).length).toBe(0);
  });
});

describe("resuming a show cancellation", () => {
  it("a refund the gateway refuses leaves the booking cancelled; running the cancellation again refunds it, once", async () => {
    const [alice, bob] = [await createUser(), await createUser()];
    const aliceBooking = await held(alice, [seatIds[4]!]);
    await pay(alice, aliceBooking);
    const bobBooking = await held(bob, [seatIds[5]!, seatIds[6]!]);
    await pay(bob, bobBooking);
    await deliverDueEvents();
    expect([await bookingStatus(aliceBooking), await bookingStatus(bobBooking)]).toEqual(["CONFIRMED", "CONFIRMED"]);

    // The gateway refuses Bob's refund (an outage, say) during the cancellation.
    const local = getGateway("local");
    setGatewayForTests({
      ...local,
      refund: async (input) => (input.bookingId === bobBooking ? Promise.reject(new Error("gateway unavailable")) : local.refund(input)),
    });
    expect(await cancelShow(staff, showId, "Band stuck abroad")).toEqual({ refunded: 1, released: 0, pending: 1 });
    expect(await bookingStatus(aliceBooking)).toBe("REFUNDED");
    expect(await bookingStatus(bobBooking)).toBe("CANCELLED");
    const [refused] = await queryRows<{ status: string; lastError: string }>(
      db,
      sql`SELECT status, last_error AS "lastError" FROM refunds WHERE booking_id = ${bobBooking}::uuid`,
    );
    expect(refused).toEqual({ status: "PENDING", lastError: "gateway unavailable" });

    // Still refused: run again, nothing lost, still pending.
    expect(await cancelShow(staff, showId, "Band stuck abroad")).toEqual({ refunded: 0, released: 0, pending: 1 });

    // The gateway is back: the same action, run again, finishes the job.
    setGatewayForTests(null);
    expect(await cancelShow(staff, showId, "Band stuck abroad")).toEqual({ refunded: 1, released: 0, pending: 0 });
    expect(await bookingStatus(bobBooking)).toBe("REFUNDED");
    for (const b of [aliceBooking, bobBooking]) {
      expect(await paymentOf(b)).toMatchObject({ status: "REFUNDED", refunds: 1, reason: "show_cancelled" });
      expect(await mailKinds(b)).toEqual(["booking_confirmed", "show_cancelled"]);
    }
    // Once complete, running it again changes nothing.
    expect(await cancelShow(staff, showId, "Band stuck abroad")).toEqual({ refunded: 0, released: 0, pending: 0 });
    await deliverDueEvents(); // the gateway's charge.refunded events find nothing left to do
    expect([await bookingStatus(aliceBooking), await bookingStatus(bobBooking)]).toEqual(["REFUNDED", "REFUNDED"]);
  });

  it("a booking left confirmed by a cancellation that stopped part-way is cancelled by the next run", async () => {
    const buyer = await createUser();
    const bookingId = await held(buyer, [seatIds[7]!]);
    await pay(buyer, bookingId);
    await deliverDueEvents();
    // As if the process died after the show was marked cancelled, before its bookings were.
    await db.execute(sql`UPDATE shows SET status = 'CANCELLED' WHERE id = ${showId}::uuid`);
    expect(await cancelShow(staff, showId, "Resumed")).toEqual({ refunded: 1, released: 0, pending: 0 });
    expect(await bookingStatus(bookingId)).toBe("REFUNDED");
    expect(await paymentOf(bookingId)).toMatchObject({ status: "REFUNDED", refunds: 1, reason: "show_cancelled" });
  });
});
