// Reconciliation asks the gateway before it fails a payment whose gateway id we never stored.
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { getSeatMapLayout } from "@/lib/seating/availability";
import { initiateBooking } from "@/lib/booking/initiate";
import { holdSeats } from "@/lib/booking/hold";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { CARD_OK, deliverWebhooksInProcess } from "@/lib/testing/payments";
import { createUser } from "@/lib/testing/users";
import { getGateway, setGatewayForTests } from "./gateways";
import { processPayment, processSchema } from "./process";
import { reconcilePayments } from "./reconcile";


let restore = () => {};
let venue: { id: string; cityId: string };
let sectionId: string;
let eventId: string;
let seatIds: string[];
let showId: string;
let n = 0;

const statusOf = async (paymentId: string) =>
  (
    await queryRows<{ payment: string; booking: string; providerPaymentId: string | null }>(
      db,
      sql`SELECT p.status AS payment, b.status AS booking, p.provider_payment_id AS "providerPaymentId" FROM payments p JOIN bookings b ON b.id = p.booking_id WHERE p.id = ${paymentId}::uuid`,
    )
  )[0]!;

/**
 * A payment as a process that died around the gateway call leaves it: INITIATED, no gateway id,
 * over ten minutes old. `reachedGateway` says whether the call had got through.
 */
async function unsentPayment(reachedGateway: boolean): Promise<string> {
  const user = await createUser();
  const b = await initiateBooking(user.id, showId);
  await holdSeats(user.id, b.id, [seatIds[n]!]);
  const payment = await processPayment(user, processSchema.parse({ bookingId: b.id, method: "CARD", card: CARD_OK }), `reconcile-${Date.now()}-${n++}`);
  if (!reachedGateway) await db.execute(sql`DELETE FROM local_gateway_intents WHERE idempotency_key = ${payment.id}`);
  await db.execute(sql`DELETE FROM local_gateway_deliveries`); // its webhook is lost too
  await db.execute(sql`UPDATE payments SET status = 'INITIATED', provider_payment_id = NULL, created_at = now() - interval '11 minutes' WHERE id = ${payment.id}::uuid`);
  return payment.id;
}

beforeAll(async () => {
  restore = deliverWebhooksInProcess();
  const city = await createCity();
  const v = await createVenue(city.id, { rows: 3, cols: 4 });
  venue = v.venue;
  sectionId = v.section.id;
  eventId = (await createEvent()).id;
});
afterAll(() => restore());
beforeEach(async () => {
  n = 0;
  showId = (await createShow({ eventId, venue, sectionId, startsAt: hoursFromNow(72) })).id;
  seatIds = (await getSeatMapLayout(showId)).seats.map((s) => s.id);
});
afterEach(() => setGatewayForTests(null));

describe("reconciling a payment whose gateway id was never stored", () => {
  it("the gateway has it and it succeeded: settled (the booking confirmed), not failed", async () => {
    const paymentId = await unsentPayment(true);
    const stats = await reconcilePayments({ olderThanSeconds: 0 });
    expect(stats.settled).toBe(1);
    expect(await statusOf(paymentId)).toMatchObject({ payment: "SUCCEEDED", booking: "CONFIRMED", providerPaymentId: expect.stringMatching(/^pi_/) });
  });

  it("the gateway cannot be reached: left as it is for the next run, which settles it", async () => {
    const paymentId = await unsentPayment(true);
    const local = getGateway("local");
    setGatewayForTests({ ...local, findPayment: () => Promise.reject(new Error("connect ETIMEDOUT")) });
    const stats = await reconcilePayments({ olderThanSeconds: 0 });
    expect(stats.errors).toBe(1);
    expect(await statusOf(paymentId)).toEqual({ payment: "INITIATED", booking: "PAYMENT_PENDING", providerPaymentId: null });
    setGatewayForTests(null);
    await reconcilePayments({ olderThanSeconds: 0 });
    expect(await statusOf(paymentId)).toMatchObject({ payment: "SUCCEEDED", booking: "CONFIRMED" });
  });

  it("the gateway says it has no such payment: failed, and the payer may pay again", async () => {
    const paymentId = await unsentPayment(false);
    await reconcilePayments({ olderThanSeconds: 0 });
    expect(await statusOf(paymentId)).toEqual({ payment: "FAILED", booking: "PAYMENT_PENDING", providerPaymentId: null });
  });
});
