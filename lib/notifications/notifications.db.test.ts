import { simpleParser, type ParsedMail } from "mailparser";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { bookingNotice } from "@/lib/booking/notices";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { createUser } from "@/lib/testing/users";
import { backoffSeconds, dispatchOutbox, inlineImagesFor } from "./dispatcher";
import { enqueue } from "./outbox";
import { sendShowReminders } from "./reminders";
import { setTransportsForTests, smtpTransport, type SmsMessage } from "./transports";
import { beginDrain, endDrainForTests } from "@/lib/telemetry/lifecycle.mjs";

// A real SMTP server, started here: what arrives is parsed as a mail client would.
let server: SMTPServer;
let received: ParsedMail[] = [];
let refuseNext = 0;
const sms: SmsMessage[] = [];

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    hideSTARTTLS: true,
    disableReverseLookup: true,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        if (refuseNext > 0) {
          refuseNext--;
          const err = Object.assign(new Error("Mailbox busy, try again later"), { responseCode: 451 });
          return callback(err);
        }
        received.push(await simpleParser(Buffer.concat(chunks)));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  setTransportsForTests({ email: smtpTransport(`smtp://127.0.0.1:${port}`, "Marquee <tickets@marquee.test>"), sms: { name: "test-sms", send: async (m) => (sms.push(m), { id: `sms-${sms.length}` }) } });
});
afterAll(async () => {
  setTransportsForTests({});
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(async () => {
  received = [];
  refuseNext = 0;
  sms.length = 0;
  // Earlier tests' leftovers must not be sent by this one.
  await db.execute(sql`UPDATE outbox SET status = 'SENT' WHERE status = 'PENDING'`);
});

/** A confirmed booking for a show `hours` ahead, confirmed `confirmedHoursAgo` ago. */
async function confirmedBooking(hours: number, opts: { confirmedHoursAgo?: number; prefs?: { notifyEmail?: boolean; notifySms?: boolean; showReminders?: boolean } } = {}) {
  const city = await createCity();
  const { venue, section } = await createVenue(city.id, { rows: 1, cols: 3 });
  const event = await createEvent({ title: "The Seagull" });
  const show = await createShow({ eventId: event.id, venue, sectionId: section.id, startsAt: hoursFromNow(hours) });
  const user = await createUser();
  const p = { notifyEmail: true, notifySms: false, showReminders: true, ...opts.prefs };
  await db.execute(sql`UPDATE users SET notify_email = ${p.notifyEmail}, notify_sms = ${p.notifySms}, show_reminders = ${p.showReminders} WHERE id = ${user.id}::uuid`);
  const [b] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO bookings (reference, user_id, show_id, status, currency, subtotal_minor, total_minor, confirmed_at)
        VALUES (${`MQTEST${Math.random().toString(36).slice(2, 8).toUpperCase()}`}, ${user.id}::uuid, ${show.id}::uuid, 'CONFIRMED', 'INR', 20000, 27080,
                now() - make_interval(hours => ${opts.confirmedHoursAgo ?? 48}))
        RETURNING id`,
  );
  await db.execute(sql`
    WITH s AS (SELECT ss.id, ss.seat_id, ss.price_minor FROM show_seats ss WHERE ss.show_id = ${show.id}::uuid LIMIT 2)
    INSERT INTO booking_seats (booking_id, show_seat_id, seat_id, price_minor) SELECT ${b!.id}::uuid, id, seat_id, price_minor FROM s`);
  await db.execute(sql`UPDATE show_seats SET status = 'BOOKED', locked_by_booking_id = ${b!.id}::uuid WHERE id IN (SELECT show_seat_id FROM booking_seats WHERE booking_id = ${b!.id}::uuid)`);
  return { bookingId: b!.id, user };
}

describe("email through SMTP", () => {
  it("the confirmation arrives once, in HTML and text, with the QR e-ticket and an .ics", async () => {
    const { bookingId, user } = await confirmedBooking(72);
    await db.transaction((tx) => bookingNotice(tx, bookingId, "booking_confirmed"));
    await db.transaction((tx) => bookingNotice(tx, bookingId, "booking_confirmed")); // replayed cause: still one message
    const [a, b] = await Promise.all([dispatchOutbox(), dispatchOutbox()]);
    expect(a.sent + b.sent).toBe(1);
    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail.to && "text" in mail.to ? mail.to.text : "").toBe(user.email);
    expect(mail.subject).toBe("Your tickets: The Seagull");
    expect(mail.text).toContain("your booking is confirmed");
    expect(mail.html).toContain("Open your e-ticket");
    const png = mail.attachments.find((x) => x.contentType === "image/png");
    const ics = mail.attachments.find((x) => x.contentType.startsWith("text/calendar"));
    expect(png?.cid).toBe("ticket-qr");
    expect(png!.content.subarray(1, 4).toString()).toBe("PNG");
    expect(ics!.content.toString()).toContain("SUMMARY:The Seagull");
    const [row] = await queryRows<{ status: string; sentAt: Date | null }>(db, sql`SELECT status, sent_at AS "sentAt" FROM outbox WHERE dedupe_key = ${`booking_confirmed:${bookingId}`}`);
    expect(row!.status).toBe("SENT");
    expect(row!.sentAt).not.toBeNull();
    // The HTML shows that attachment (mailparser resolves the cid to it), and the dev mailbox
    // shows the same image inline.
    expect(mail.html).toContain(`data:image/png;base64,${png!.content.toString("base64")}`);
    // (The same ticket's QR: a token signed afresh, so compare the image's size, not its bytes.)
    const images = await inlineImagesFor({ kind: "booking_confirmed", payload: { bookingId } });
    expect(images["ticket-qr"]!.subarray(0, 24)).toEqual(png!.content.subarray(0, 24));
    expect(await inlineImagesFor({ kind: "booking_cancelled", payload: { bookingId } })).toEqual({});
  });

  it("a failing SMTP server is retried with backoff and later succeeds, with nothing lost", async () => {
    const { bookingId } = await confirmedBooking(72);
    await db.transaction((tx) => bookingNotice(tx, bookingId, "booking_cancelled"));
    refuseNext = 2;
    expect(await dispatchOutbox()).toEqual({ sent: 0, retried: 1, failed: 0, released: 0 });
    const [first] = await queryRows<{ status: string; attempts: number; wait: number; lastError: string }>(
      db,
      sql`SELECT status, attempts, extract(epoch FROM next_attempt_at - now())::int AS wait, last_error AS "lastError" FROM outbox WHERE dedupe_key = ${`booking_ended:${bookingId}`}`,
    );
    expect(first).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(first!.wait).toBeGreaterThan(backoffSeconds(1) - 5);
    expect(first!.lastError).toMatch(/451|busy/i);
    // Not due yet: nothing is sent early.
    expect(await dispatchOutbox()).toEqual({ sent: 0, retried: 0, failed: 0, released: 0 });
    await db.execute(sql`UPDATE outbox SET next_attempt_at = now() WHERE status = 'PENDING'`);
    expect(await dispatchOutbox()).toEqual({ sent: 0, retried: 1, failed: 0, released: 0 });
    await db.execute(sql`UPDATE outbox SET next_attempt_at = now() WHERE status = 'PENDING'`);
    expect(await dispatchOutbox()).toEqual({ sent: 1, retried: 0, failed: 0, released: 0 });
    expect(received).toHaveLength(1);
    expect(received[0]!.subject).toBe("Booking cancelled: The Seagull");
  });

  it("follows the user's channels: SMS when chosen, no confirmation email when email is off", async () => {
    const { bookingId } = await confirmedBooking(72, { prefs: { notifyEmail: false, notifySms: true } });
    await db.transaction((tx) => bookingNotice(tx, bookingId, "booking_confirmed"));
    await dispatchOutbox();
    expect(received).toHaveLength(0);
    expect(sms).toHaveLength(1);
    expect(sms[0]!.to).toBe("+919820000000");
    expect(sms[0]!.body).toMatch(/^Marquee Booked! The Seagull/);
  });
});

describe("show reminders", () => {
  it("each is sent once per booking across concurrent cron runs, 24 h then 2 h", async () => {
    const { bookingId } = await confirmedBooking(20);
    const runs = await Promise.all([sendShowReminders(), sendShowReminders(), sendShowReminders()]);
    expect(runs.reduce((n, r) => n + r["24h"]!, 0)).toBe(1);
    await Promise.all([dispatchOutbox(), dispatchOutbox()]);
    expect(received.map((m) => m.subject)).toEqual(["Tomorrow: The Seagull"]);
    expect((await sendShowReminders())["24h"]).toBe(0);
    // Two hours before: the second reminder, also once.
    const later = new Date(Date.now() + 19 * 3600_000);
    const twoHour = await Promise.all([sendShowReminders(later), sendShowReminders(later)]);
    expect(twoHour.reduce((n, r) => n + r["2h"]!, 0)).toBe(1);
    await dispatchOutbox();
    expect(received.map((m) => m.subject)).toEqual(["Tomorrow: The Seagull", "Starting soon: The Seagull"]);
    const rows = await queryRows<{ kind: string }>(db, sql`SELECT kind FROM booking_reminders WHERE booking_id = ${bookingId}::uuid ORDER BY kind`);
    expect(rows.map((r) => r.kind)).toEqual(["24h", "2h"]);
  });

  it("respects the opt-out, and skips a 'tomorrow' reminder for a booking made inside the window", async () => {
    await confirmedBooking(20, { prefs: { showReminders: false } });
    await confirmedBooking(20, { confirmedHoursAgo: 1 });
    expect(await sendShowReminders()).toEqual({ "24h": 0, "2h": 0 });
  });
});

describe("the outbox lease", () => {
  it("a message of a batch whose claim ran out while earlier ones were sending is left to the dispatcher that took it over: sent once", async () => {
    const first = `lease-first-${Date.now()}`;
    const second = `lease-second-${Date.now()}`;
    await db.transaction(async (tx) => {
      await enqueue(tx, { channel: "EMAIL", kind: "test", recipient: "a@example.test", subject: "first", bodyText: "1", dedupeKey: first });
      await enqueue(tx, { channel: "EMAIL", kind: "test", recipient: "b@example.test", subject: "second", bodyText: "2", dedupeKey: second });
    });
    const sent: string[] = [];
    let takeOver: Promise<unknown> | undefined;
    setTransportsForTests({
      email: {
        name: "slow",
        async send(m) {
          sent.push(m.subject);
          if (!takeOver) {
            // This send outlasts the batch's claim on the other message; another dispatcher claims and sends it.
            await db.execute(sql`UPDATE outbox SET locked_until = now() - interval '1 second' WHERE dedupe_key = ${m.subject === "first" ? second : first}`);
            takeOver = dispatchOutbox();
            await takeOver;
          }
          return { id: `id-${sent.length}` };
        },
      },
    });
    try {
      await dispatchOutbox();
    } finally {
      const { port } = server.server.address() as AddressInfo;
      setTransportsForTests({ email: smtpTransport(`smtp://127.0.0.1:${port}`, "Marquee <tickets@marquee.test>"), sms: { name: "test-sms", send: async (m) => (sms.push(m), { id: `sms-${sms.length}` }) } });
    }
    expect(sent.sort()).toEqual(["first", "second"]);
    const rows = await queryRows<{ status: string }>(db, sql`SELECT status FROM outbox WHERE dedupe_key IN (${first}, ${second})`);
    expect(rows.map((r) => r.status)).toEqual(["SENT", "SENT"]);
  });
});

describe("shutdown", () => {
  it("a dispatcher told to stop mid-batch sends nothing more and hands the rest back, due at once and with no attempt spent", async () => {
    const keys = [1, 2, 3].map((i) => `drain-${i}-${crypto.randomUUID()}`);
    for (const [i, key] of keys.entries()) {
      await enqueue(db, { channel: "SMS", kind: "test", recipient: "+919800000000", subject: `m${i}`, bodyText: `message ${i}`, dedupeKey: key });
    }
    const sent: string[] = [];
    setTransportsForTests({
      sms: {
        name: "draining-sms",
        send: async (m) => {
          sent.push(m.body);
          // SIGTERM arrives while the first message is being sent.
          if (sent.length === 1) beginDrain();
          return { id: `sms-drain-${sent.length}` };
        },
      },
    });
    try {
      const stats = await dispatchOutbox();
      expect(stats).toEqual({ sent: 1, retried: 0, failed: 0, released: 2 });
      expect(sent).toHaveLength(1);
      const rows = await queryRows<{ status: string; attempts: number; claimed: boolean; due: boolean }>(
        db,
        sql`SELECT status, attempts, (locked_until IS NOT NULL OR (status = 'PENDING' AND claim_token IS NOT NULL)) AS claimed, next_attempt_at <= now() AS due
              FROM outbox WHERE dedupe_key IN (${keys[0]!}, ${keys[1]!}, ${keys[2]!}) ORDER BY status, subject`,
      );
      expect(rows).toEqual([
        { status: "PENDING", attempts: 0, claimed: false, due: true },
        { status: "PENDING", attempts: 0, claimed: false, due: true },
        { status: "SENT", attempts: 1, claimed: false, due: true },
      ]);
      // The next instance sends them.
      endDrainForTests();
      expect(await dispatchOutbox()).toMatchObject({ sent: 2, released: 0 });
      expect(sent).toHaveLength(3);
    } finally {
      endDrainForTests();
      const { port } = server.server.address() as AddressInfo;
      setTransportsForTests({ email: smtpTransport(`smtp://127.0.0.1:${port}`, "Marquee <tickets@marquee.test>"), sms: { name: "test-sms", send: async (m) => (sms.push(m), { id: `sms-${sms.length}` }) } });
    }
  });
});
