// GET /api/metrics (issue 19): closed without METRICS_TOKEN, 401 with a wrong one; with it, the
// Prometheus text with the figures the app counts (holds, payments, cron runs) and those read
// from the database at scrape (the outbox backlog, partner webhooks owed).
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { GET as metricsRoute } from "@/app/api/metrics/route";
import { holdSeats } from "@/lib/booking/hold";
import { initiateBooking } from "@/lib/booking/initiate";
import { CRON_JOBS } from "@/lib/cron/jobs";
import { enqueue } from "@/lib/notifications/outbox";
import { getSeatMapLayout } from "@/lib/seating/availability";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { createUser } from "@/lib/testing/users";
import { createWebhookEndpoint } from "@/lib/admin/webhooks";
import { resetEnvCache } from "@/lib/env.js";
import { startWebhookReceiver } from "@/lib/testing/webhook-receiver";
import { dispatchWebhooks } from "@/lib/webhooks/dispatch";
import { emitPing } from "@/lib/webhooks/emit";

const TOKEN = "metrics-token-0123456789";
const saved = process.env.METRICS_TOKEN;
afterEach(() => {
  if (saved === undefined) delete process.env.METRICS_TOKEN;
  else process.env.METRICS_TOKEN = saved;
});

async function scrape(auth?: string) {
  const res = await metricsRoute(new Request("http://localhost/api/metrics", { headers: auth ? { authorization: auth } : {} }));
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

/** A sample's value from the exposition text, 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelText = line.startsWith(`${name}{`) ? line.slice(name.length + 1, line.indexOf("}")) : "";
    if (want.every((w) => labelText.split(",").includes(w))) return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return 0;
}

describe("metrics endpoint", () => {
  it("is not offered without METRICS_TOKEN (404 naming the variable) and refuses a wrong token (401)", async () => {
    delete process.env.METRICS_TOKEN;
    const off = await scrape(`Bearer ${TOKEN}`);
    expect(off.status).toBe(404);
    expect(JSON.parse(off.text).error).toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("METRICS_TOKEN") });
    process.env.METRICS_TOKEN = TOKEN;
    for (const auth of [undefined, "Bearer wrong-token-0123456789", TOKEN]) {
      const r = await scrape(auth);
      expect(r.status).toBe(401);
      expect(JSON.parse(r.text).error.code).toBe("UNAUTHORIZED");
    }
  });

  it("counts holds by outcome, cron runs, and reads the outbox backlog at each scrape", async () => {
    process.env.METRICS_TOKEN = TOKEN;
    const before = (await scrape(`Bearer ${TOKEN}`)).text;
    expect((await scrape(`Bearer ${TOKEN}`)).type).toContain("text/plain");

    // One hold that succeeds, one that loses the seat to it.
    const city = await createCity();
    const { venue, section } = await createVenue(city.id, { rows: 1, cols: 2 });
    const event = await createEvent();
    const show = await createShow({ eventId: event.id, venue, sectionId: section.id, startsAt: hoursFromNow(48) });
    const [seat] = (await getSeatMapLayout(show.id)).seats;
    const [a, b] = [await createUser(), await createUser()];
    const ba = await initiateBooking(a.id, show.id);
    const bb = await initiateBooking(b.id, show.id);
    await holdSeats(a.id, ba.id, [seat!.id]);
    await expect(holdSeats(b.id, bb.id, [seat!.id])).rejects.toMatchObject({ code: "SEATS_UNAVAILABLE" });

    // Two messages waiting: the backlog and its age come from the database.
    await db.execute(sql`UPDATE outbox SET status = 'SENT' WHERE status = 'PENDING'`);
    for (const i of [1, 2]) await enqueue(db, { channel: "EMAIL", kind: "test", recipient: `m${i}@example.com`, subject: "s", bodyText: "b" });
    await db.execute(sql`UPDATE outbox SET created_at = now() - interval '90 seconds' WHERE status = 'PENDING'`);

    await CRON_JOBS["tick-waiting-rooms"]();

    const after = (await scrape(`Bearer ${TOKEN}`)).text;
    const delta = (name: string, labels: Record<string, string> = {}) => sample(after, name, labels) - sample(before, name, labels);
    expect(delta("marquee_hold_attempts_total", { kind: "seats", outcome: "held" })).toBe(1);
    expect(delta("marquee_hold_attempts_total", { kind: "seats", outcome: "conflict" })).toBe(1);
    expect(delta("marquee_cron_runs_total", { job: "tick-waiting-rooms", outcome: "ok" })).toBe(1);
    expect(delta("marquee_cron_duration_seconds_count", { job: "tick-waiting-rooms" })).toBe(1);
    expect(sample(after, "marquee_outbox_pending", { channel: "EMAIL" })).toBe(2);
    expect(sample(after, "marquee_outbox_pending", { channel: "SMS" })).toBe(0);
    expect(sample(after, "marquee_outbox_oldest_pending_age_seconds")).toBeGreaterThanOrEqual(89);
    await db.execute(sql`UPDATE outbox SET status = 'SENT' WHERE status = 'PENDING'`);
  });

  it("counts partner webhook sends by outcome and reads their backlog at each scrape", async () => {
    process.env.METRICS_TOKEN = TOKEN;
    process.env.WEBHOOK_ALLOW_HTTP = "true";
    resetEnvCache();
    const receiver = await startWebhookReceiver();
    try {
      const admin = await createUser("admin");
      const venueId = (await createVenue((await createCity()).id)).venue.id;
      const endpoint = await createWebhookEndpoint(admin, { url: receiver.url, description: "metrics", eventTypes: ["booking.confirmed"], venueId });
      receiver.secret = endpoint.secret;
      const before = (await scrape(`Bearer ${TOKEN}`)).text;
      // Two pings owed, the older queued 90 seconds ago.
      for (let i = 0; i < 2; i++) await db.transaction((tx) => emitPing(tx, endpoint.id));
      await db.execute(sql`UPDATE webhook_events SET created_at = now() - interval '90 seconds' WHERE id = (SELECT min(id) FROM webhook_events)`);
      const owed = (await scrape(`Bearer ${TOKEN}`)).text;
      expect(sample(owed, "marquee_partner_webhooks_pending")).toBe(2);
      expect(sample(owed, "marquee_partner_webhooks_oldest_pending_age_seconds")).toBeGreaterThanOrEqual(89);

      // The receiver takes one and refuses the other (500: retried later).
      let n = 0;
      receiver.respond = () => ({ status: n++ === 0 ? 200 : 500 });
      await dispatchWebhooks();
      const after = (await scrape(`Bearer ${TOKEN}`)).text;
      const delta = (labels: Record<string, string>) => sample(after, "marquee_partner_webhook_sends_total", labels) - sample(before, "marquee_partner_webhook_sends_total", labels);
      expect(delta({ outcome: "succeeded" })).toBe(1);
      expect(delta({ outcome: "retry" })).toBe(1);
      expect(sample(after, "marquee_partner_webhooks_pending")).toBe(1);
    } finally {
      await db.execute(sql`UPDATE webhook_endpoints SET status = 'disabled'`);
      await receiver.close();
      delete process.env.WEBHOOK_ALLOW_HTTP;
      resetEnvCache();
    }
  });
});
