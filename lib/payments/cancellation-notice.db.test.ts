// A cancellation is one email: the customer's (or staff's) cancellation and the refund it starts are
// reported together, once, however often the refund's completion, the gateway's webhook, the
// notice itself or the outbox dispatcher are replayed or retried.
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { staffCancelBooking } from "@/lib/admin/bookings";
import { holdSeats } from "@/lib/booking/hold";
import { initiateBooking } from "@/lib/booking/initiate";
import { bookingNotice } from "@/lib/booking/notices";
import { formatMoney } from "@/lib/format/money";
import { dispatchOutbox, outboxMessageId } from "@/lib/notifications/dispatcher";
import { setTransportsForTests, type EmailMessage } from "@/lib/notifications/transports";
import { getSeatMapLayout } from "@/lib/seating/availability";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { CARD_OK, deliverWebhooksInProcess } from "@/lib/testing/payments";
import { createUser } from "@/lib/testing/users";
import { cancelOrRelease } from "./cancellation";
import { deliverDueEvents } from "./gateways/local";
import { processPayment, processSchema } from "./process";
import { executePendingRefunds, markRefunded } from "./refunds";

let restore = () => {};
let venueId = "";
let showId = "";
let seats: string[] = [];
let staff: Awaited<ReturnType<typeof createUser>>;
const sent: EmailMessage[] = [];
let failNext = 0;

beforeAll(async () => {
  restore = deliverWebhooksInProcess();
  const city = await createCity();
  const { venue, section } = await createVenue(city.id, { rows: 2, cols: 5 });
  venueId = venue.id;
  const event = await createEvent({ title: "The Seagull" });
  showId = (await createShow({ eventId: event.id, venue, sectionId: section.id, startsAt: hoursFromNow(96) })).id;
  seats = (await getSeatMapLayout(showId)).seats.filter((s) => s.priceMinor > 0).map((s) => s.id);
  staff = await createUser("staff", [venueId]);
  setTransportsForTests({
    email: {
      name: "test-email",
      async send(m) {
        if (failNext > 0) {
          failNext--;
          throw new Error("451 mailbox busy, try again later");
        }
        sent.push(m);
        return { id: `mail-${sent.length}` };
      },
    },
  });
});
afterAll(() => {
  restore();
  setTransportsForTests({});
});
afterEach(() => {
  sent.length = 0;
  failNext = 0;
});

let used = 0;
/** A booking paid by card on the local gateway, its webhook applied: CONFIRMED. */
async function paidBooking(n = 2) {
  const buyer = await createUser();
  const b = await initiateBooking(buyer.id, showId);
  await holdSeats(buyer.id, b.id, seats.slice(used, (used += n)));
  await processPayment(buyer, processSchema.parse({ bookingId: b.id, method: "CARD", card: CARD_OK }), `notice-${b.id}`);
  await deliverDueEvents();
  const [p] = await queryRows<{ amountMinor: number; currency: string }>(db, sql`SELECT amount_minor AS "amountMinor", currency FROM payments WHERE booking_id = ${b.id}::uuid AND status = 'SUCCEEDED'`);
  return { bookingId: b.id, buyer, amount: formatMoney(Number(p!.amountMinor), p!.currency) };
}

/** The booking's emails other than its confirmation. */
const endingMail = (bookingId: string) =>
  queryRows<{ id: string; kind: string; subject: string; bodyText: string; bodyHtml: string; status: string; attempts: number }>(
    db,
    sql`SELECT id, kind, subject, body_text AS "bodyText", body_html AS "bodyHtml", status, attempts FROM outbox
        WHERE payload->>'bookingId' = ${bookingId} AND channel = 'EMAIL' AND kind <> 'booking_confirmed' ORDER BY created_at`,
  );
/** Runs the dispatcher until nothing is due, making retries due at once. */
async function drainOutbox() {
  for (let i = 0; i < 5; i++) {
    const [a, b] = await Promise.all([dispatchOutbox(), dispatchOutbox()]);
    if (a.retried + b.retried === 0 && a.sent + b.sent === 0) return;
    await db.execute(sql`UPDATE outbox SET next_attempt_at = now() WHERE status = 'PENDING'`);
  }
}

describe("a customer's cancellation", () => {
  it("queues exactly one email that says cancelled, the amount refunded and when it arrives — through every replay and retry", async () => {
    const { bookingId, buyer, amount } = await paidBooking();
    await drainOutbox(); // the confirmation goes out first
    sent.length = 0;

    await cancelOrRelease(buyer.id, bookingId);
    const [status] = await queryRows<{ status: string }>(db, sql`SELECT status FROM bookings WHERE id = ${bookingId}::uuid`);
    expect(status!.status).toBe("REFUNDED"); // the local gateway refunded in the same call

    // Everything that used to add a second ("refund sent") email, again: the gateway's
    // charge.refunded webhook, the refund job, the refund's completion, the notice itself.
    await deliverDueEvents();
    await executePendingRefunds();
    const [refund] = await queryRows<{ id: string }>(db, sql`SELECT id FROM refunds WHERE booking_id = ${bookingId}::uuid`);
    await db.transaction((tx) => markRefunded(tx, refund!.id, null));
    await db.transaction((tx) => bookingNotice(tx, bookingId, "booking_cancelled"));
    await db.transaction((tx) => bookingNotice(tx, bookingId, "show_cancelled")); // another path reporting the same end

    const queued = await endingMail(bookingId);
    expect(queued).toHaveLength(1);
    const mail = queued[0]!;
    expect(mail.kind).toBe("booking_cancelled");
    expect(mail.subject).toBe(`Cancelled, ${amount} refund on its way: The Seagull`);
    for (const part of [mail.bodyText, mail.bodyHtml]) {
      expect(part).toContain("you cancelled this booking");
      expect(part).toContain(amount);
      expect(part).toContain("Your card");
      expect(part).toContain("Straight away"); // the local gateway's refund is complete at once
    }

    // The dispatcher: the first try fails, the retry is claimed by two dispatchers at once.
    failNext = 1;
    await drainOutbox();
    const toBuyer = sent.filter((m) => m.to === buyer.email);
    expect(toBuyer).toHaveLength(1);
    expect(toBuyer[0]!.subject).toBe(mail.subject);
    expect(toBuyer[0]!.text).toBe(mail.bodyText);
    expect(toBuyer[0]!.messageId).toBe(outboxMessageId(mail.id));
    expect(await endingMail(bookingId)).toEqual([expect.objectContaining({ id: mail.id, status: "SENT", attempts: 2 })]);

    // A send whose reply was lost (the lease ran out before the dispatcher marked it) is sent
    // again — with the same Message-ID, so the inbox shows it as the one message it is.
    await db.execute(sql`UPDATE outbox SET status = 'PENDING', locked_until = now() - interval '1 second', next_attempt_at = now() WHERE id = ${mail.id}::uuid`);
    await drainOutbox();
    expect(new Set(sent.filter((m) => m.to === buyer.email).map((m) => m.messageId))).toEqual(new Set([outboxMessageId(mail.id)]));
  });
});

describe("a staff refund", () => {
  it("one email with the amount, the reason staff gave and when the money arrives", async () => {
    const { bookingId, amount } = await paidBooking(1);
    await staffCancelBooking(staff, bookingId, "Seat F12 is broken & we could not reseat you");
    await deliverDueEvents();
    await executePendingRefunds();
    const queued = await endingMail(bookingId);
    expect(queued.map((m) => m.kind)).toEqual(["booking_refunded_by_staff"]);
    const mail = queued[0]!;
    expect(mail.subject).toBe(`Refund of ${amount}: The Seagull`);
    expect(mail.bodyText).toContain(`Amount refunded: ${amount}`);
    expect(mail.bodyText).toContain("Reason given: Seat F12 is broken & we could not reseat you");
    expect(mail.bodyText).toContain("When it arrives: Straight away — the refund is already complete");
    expect(mail.bodyHtml).toContain("Seat F12 is broken &amp; we could not reseat you");
    expect(mail.bodyHtml).toContain(amount);
  });
});
