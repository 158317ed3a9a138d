// The webhook dispatcher against real local HTTP receivers (node:http on ephemeral ports) that
// verify every signature as a partner would: signing, retries with backoff, no duplicate after
// success (also with dispatchers racing, on Postgres), ordering not assumed, 410 disabling the
// endpoint, the 3-day cutoff, rolled-back transactions, manual redelivery, secret rotation.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { databaseKind, db } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { User } from "@/lib/auth/accounts";
import {
  createWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  redeliverWebhook,
  revealWebhookSecret,
  rotateWebhookSecret,
  sendTestWebhook,
  setWebhookEndpointEnabled,
} from "@/lib/admin/webhooks";
import { resetEnvCache } from "@/lib/env.js";
import { errorCode } from "@/lib/testing/errors";
import { createCity, createVenue } from "@/lib/testing/fixtures";
import { createUser } from "@/lib/testing/users";
import { startWebhookReceiver, type Receiver } from "@/lib/testing/webhook-receiver";
import { RETRY_WINDOW_MS, dispatchWebhooks, retryDelaySeconds } from "./dispatch";
import { emitWebhookEvent } from "./emit";
import { WEBHOOK_EVENTS, type WebhookData } from "./events";
import { isPrivateAddress, urlShapeProblem, urlTargetProblem } from "./url";
import { verifyWebhookSignature } from "./verify";

const onPostgres = databaseKind() === "postgres";
let admin: User;
let cityId: string;
const receivers: Receiver[] = [];
const MIN = 60_000;

/** A venue of its own with an endpoint (all five events) at a fresh receiver: tests do not see each other's deliveries. */
async function endpoint(events = Object.keys(WEBHOOK_EVENTS) as (keyof typeof WEBHOOK_EVENTS)[]) {
  const receiver = await startWebhookReceiver();
  receivers.push(receiver);
  const venueId = (await createVenue(cityId)).venue.id;
  const { id, secret } = await createWebhookEndpoint(admin, { url: receiver.url, description: "test", eventTypes: events, venueId });
  receiver.secret = secret;
  return { receiver, venueId, endpointId: id, secret };
}

const show = (venueId: string, over: Partial<WebhookData<"show.cancelled">["show"]> = {}): WebhookData<"show.cancelled"> => ({
  show: { id: randomUUID(), eventId: randomUUID(), venueId, status: "CANCELLED", startsAt: new Date().toISOString(), endsAt: new Date().toISOString(), reason: "Storm", confirmedBookings: 0, ...over },
});
const emitShow = (venueId: string, key: string = randomUUID()) => db.transaction((tx) => emitWebhookEvent(tx, "show.cancelled", venueId, show(venueId), { dedupeKey: `test:${key}` }));

const deliveriesOf = (endpointId: string) =>
  queryRows<{ id: string; status: string; attempts: number; nextAttemptAt: Date; lastStatusCode: number | null }>(
    db,
    sql`SELECT id, status, attempts, next_attempt_at AS "nextAttemptAt", last_status_code AS "lastStatusCode" FROM webhook_deliveries WHERE endpoint_id = ${endpointId}::uuid ORDER BY created_at`,
  );
const attemptsOf = (deliveryId: string) =>
  queryRows<{ statusCode: number | null; manual: boolean; error: string | null; responseExcerpt: string | null }>(
    db,
    sql`SELECT status_code AS "statusCode", manual, error, response_excerpt AS "responseExcerpt" FROM webhook_attempts WHERE delivery_id = ${deliveryId}::uuid ORDER BY attempted_at, id`,
  );

beforeAll(async () => {
  process.env.WEBHOOK_ALLOW_HTTP = "true";
  resetEnvCache();
  cityId = (await createCity()).id;
  admin = await createUser("admin");
});
// Each test's endpoint stops receiving when it ends, so later dispatches leave it alone.
afterEach(async () => {
  await db.execute(sql`UPDATE webhook_endpoints SET status = 'disabled', disabled_reason = 'test over' WHERE status = 'active'`);
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  delete process.env.WEBHOOK_ALLOW_HTTP;
});

describe("signing", () => {
  it("signs each delivery so the receiver verifies it; a tampered body, a wrong secret or a stale timestamp fails", async () => {
    const { receiver, venueId, endpointId, secret } = await endpoint();
    const eventId = await emitShow(venueId);
    expect(await dispatchWebhooks()).toMatchObject({ succeeded: 1 });
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0]!;
    expect(got.verified.ok).toBe(true);
    const [delivery] = await deliveriesOf(endpointId);
    expect(got.headers).toMatchObject({ "marquee-event-id": eventId, "marquee-event-type": "show.cancelled", "marquee-delivery-id": delivery!.id, "content-type": "application/json" });
    expect(got.headers["user-agent"]).toMatch(/^Marquee-Webhooks\/1\.0/);
    expect(got.body).toMatchObject({ id: eventId, type: "show.cancelled", apiVersion: "v1" });
    expect(WEBHOOK_EVENTS["show.cancelled"].schema.safeParse(got.body).success).toBe(true);

    const header = got.headers["marquee-signature"] as string;
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(got.raw.replace("Storm", "Sunny"), header, secret)).toEqual({ ok: false, reason: "NO_MATCHING_SIGNATURE" });
    expect(verifyWebhookSignature(got.raw, header, "whsec_not_the_secret")).toEqual({ ok: false, reason: "NO_MATCHING_SIGNATURE" });
    expect(verifyWebhookSignature(got.raw, header, secret, { now: new Date(Date.now() + 301_000) })).toEqual({ ok: false, reason: "TIMESTAMP_OUT_OF_TOLERANCE" });
    expect(verifyWebhookSignature(got.raw, header, secret, { now: new Date(Date.now() + 301_000), toleranceSeconds: 600 }).ok).toBe(true);
    expect(verifyWebhookSignature(got.raw, undefined, secret)).toEqual({ ok: false, reason: "MALFORMED_HEADER" });
  });

  it("during a secret rotation signs with both secrets: a receiver holding either verifies", async () => {
    const { receiver, venueId, endpointId, secret: old } = await endpoint();
    const { secret: fresh } = await rotateWebhookSecret(admin, endpointId);
    expect(fresh).not.toBe(old);
    expect(await revealWebhookSecret(admin, endpointId)).toMatchObject({ secret: fresh, previousSecret: old });
    receiver.secret = old; // a receiver not switched over yet
    await emitShow(venueId);
    await dispatchWebhooks();
    const got = receiver.received[0]!;
    expect(got.verified.ok).toBe(true);
    expect((got.headers["marquee-signature"] as string).split(",").filter((p) => p.startsWith("v1="))).toHaveLength(2);
    expect(verifyWebhookSignature(got.raw, got.headers["marquee-signature"] as string, fresh).ok).toBe(true);
    // Reveals are logged.
    const [logged] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'webhooks.reveal_secret' AND entity_id = ${endpointId}`);
    expect(logged!.n).toBe(1);
  });
});

describe("retries", () => {
  it("a 500 is retried after the backoff, then delivered once; every attempt is logged", async () => {
    const { receiver, venueId, endpointId } = await endpoint();
    let calls = 0;
    receiver.respond = () => (++calls === 1 ? { status: 500, body: "database down" } : { status: 200, body: "thanks" });
    await emitShow(venueId);
    // The scheduling clock starts after the event was queued (its delivery is due from then, by the database's clock).
    const t0 = new Date(Date.now() + 1000);
    expect(await dispatchWebhooks({ now: t0 })).toMatchObject({ retried: 1, succeeded: 0 });
    const [d] = await deliveriesOf(endpointId);
    expect(d).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500 });
    // First retry after a minute, ±20 % jitter.
    const wait = new Date(d!.nextAttemptAt).getTime() - t0.getTime();
    expect(wait).toBeGreaterThanOrEqual(48_000);
    expect(wait).toBeLessThanOrEqual(72_000);
    // Not due yet: nothing is sent.
    await dispatchWebhooks({ now: new Date(t0.getTime() + 30_000) });
    expect(receiver.received).toHaveLength(1);
    expect(await dispatchWebhooks({ now: new Date(t0.getTime() + 2 * MIN) })).toMatchObject({ succeeded: 1 });
    // Succeeded: never sent again, however late the dispatcher runs.
    await dispatchWebhooks({ now: new Date(t0.getTime() + 2 * 24 * 60 * MIN) });
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received.map((r) => r.body.id)).toEqual([receiver.received[0]!.body.id, receiver.received[0]!.body.id]);
    expect((await deliveriesOf(endpointId))[0]).toMatchObject({ status: "succeeded", attempts: 2, lastStatusCode: 200 });
    expect(await attemptsOf(d!.id)).toMatchObject([
      { statusCode: 500, manual: false, error: "Answered 500", responseExcerpt: "database down" },
      { statusCode: 200, manual: false, error: null, responseExcerpt: "thanks" },
    ]);
  });

  it("backs off 1 m, 5 m, 30 m, 2 h, 6 h, 12 h, then daily, with jitter", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 12].map((n) => retryDelaySeconds(n, () => 0.5))).toEqual([60, 300, 1800, 7200, 21600, 43200, 86400, 86400]);
    expect(retryDelaySeconds(1, () => 0)).toBe(48);
    expect(retryDelaySeconds(1, () => 1)).toBe(72);
  });

  it("a timeout, a refused connection and a redirect are failures retried later; the answer kept is at most 1 KB", async () => {
    const { receiver, venueId, endpointId } = await endpoint();
    receiver.respond = () => ({ status: 302, body: "x".repeat(5000) });
    await emitShow(venueId);
    await dispatchWebhooks();
    const [d] = await deliveriesOf(endpointId);
    const [a] = await attemptsOf(d!.id);
    expect(a).toMatchObject({ statusCode: 302, error: "Redirected (302); redirects are not followed" });
    expect(a!.responseExcerpt!.length).toBe(1024);
    expect(d!.status).toBe("pending");
    // The receiver goes away: the connection is refused.
    await receiver.close();
    await dispatchWebhooks({ now: new Date(Date.now() + 10 * MIN) });
    const attempts = await attemptsOf(d!.id);
    expect(attempts).toHaveLength(2);
    expect(attempts[1]).toMatchObject({ statusCode: null, error: expect.stringMatching(/ECONNREFUSED|fetch failed/) });
  });

  it("stops at 3 days after the event: the delivery fails, and an endpoint nothing reached for 3 days is disabled", async () => {
    const { receiver, venueId, endpointId } = await endpoint();
    receiver.respond = () => ({ status: 503 });
    await emitShow(venueId);
    const t0 = new Date(Date.now() + 1000);
    let now = t0;
    // The dispatcher runs whenever a retry is due, as the cron would.
    for (let i = 0; i < 30; i++) {
      await dispatchWebhooks({ now });
      const [d] = await deliveriesOf(endpointId);
      if (d!.status !== "pending") break;
      const next = new Date(d!.nextAttemptAt);
      expect(next.getTime()).toBeLessThanOrEqual(t0.getTime() + RETRY_WINDOW_MS + 1000);
      now = next;
    }
    const [d] = await deliveriesOf(endpointId);
    expect(d!.status).toBe("failed");
    // 1 m, 5 m, 30 m, 2 h, 6 h, 12 h, 24 h, … up to the cutoff: about ten attempts, the last at the cutoff.
    expect(d!.attempts).toBeGreaterThanOrEqual(8);
    expect(d!.attempts).toBeLessThanOrEqual(11);
    expect(receiver.received).toHaveLength(d!.attempts);
    expect(now.getTime()).toBeGreaterThanOrEqual(t0.getTime() + RETRY_WINDOW_MS - 5000);
    // Nothing reached the endpoint in those 3 days: it is disabled, and says why.
    expect(await getWebhookEndpoint(admin, endpointId)).toMatchObject({ status: "disabled", disabledReason: "No delivery succeeded for 3 days" });
  });

  it("an endpoint that received something in the last 3 days stays enabled when one delivery runs out of time", async () => {
    const { receiver, venueId, endpointId } = await endpoint();
    const first = await emitShow(venueId);
    await emitShow(venueId);
    const t0 = new Date(Date.now() + 1000);
    receiver.respond = () => ({ status: 503 });
    await dispatchWebhooks({ now: t0 });
    // Two days later the receiver is back for one event (the other still fails).
    receiver.respond = (r) => (r.body.id === first ? { status: 200 } : { status: 503 });
    await dispatchWebhooks({ now: new Date(t0.getTime() + 2 * 24 * 60 * MIN) });
    await dispatchWebhooks({ now: new Date(t0.getTime() + RETRY_WINDOW_MS + MIN) });
    expect((await deliveriesOf(endpointId)).map((d) => d.status).sort()).toEqual(["failed", "succeeded"]);
    expect((await getWebhookEndpoint(admin, endpointId)).status).toBe("active");
  });
});

describe("exactly once after success", () => {
  it("dispatchers run twice: each delivery is received once", async () => {
    const { receiver, venueId } = await endpoint();
    for (let i = 0; i < 5; i++) await emitShow(venueId);
    await dispatchWebhooks();
    await dispatchWebhooks();
    await dispatchWebhooks({ now: new Date(Date.now() + 4 * 24 * 60 * MIN) });
    expect(receiver.received).toHaveLength(5);
    expect(new Set(receiver.received.map((r) => r.headers["marquee-delivery-id"])).size).toBe(5);
  });

  it.skipIf(!onPostgres)("four dispatchers at once (Postgres): each delivery is received once", async () => {
    const { receiver, venueId, endpointId } = await endpoint();
    receiver.respond = () => ({ status: 200, delayMs: 20 });
    for (let i = 0; i < 40; i++) await emitShow(venueId);
    // Started a little apart, so later ones look while earlier ones are still sending what they claimed.
    const runs = await Promise.all([0, 1, 2, 3].map(async (i) => (await new Promise((r) => setTimeout(r, i * 15)), dispatchWebhooks({ limit: 15 }))));
    // Whatever the first round left (each took at most 15), a second round sends.
    await Promise.all([0, 1].map(() => dispatchWebhooks()));
    expect(runs.reduce((n, r) => n + r.succeeded, 0)).toBeGreaterThan(0);
    expect(receiver.received).toHaveLength(40);
    expect(new Set(receiver.received.map((r) => r.headers["marquee-delivery-id"])).size).toBe(40);
    const ds = await deliveriesOf(endpointId);
    expect(ds.every((d) => d.status === "succeeded" && d.attempts === 1)).toBe(true);
  });

  it("a run out of time hands back what it claimed and did not send: due again at once, no attempt spent", async () => {
    const { receiver, venueId, endpointId } = await endpoint();
    for (let i = 0; i < 3; i++) await emitShow(venueId);
    expect(await dispatchWebhooks({ budgetMs: -1 })).toMatchObject({ released: 3, succeeded: 0 });
    expect(receiver.received).toHaveLength(0);
    expect((await deliveriesOf(endpointId)).map((d) => [d.status, d.attempts])).toEqual([["pending", 0], ["pending", 0], ["pending", 0]]);
    expect(await dispatchWebhooks()).toMatchObject({ succeeded: 3 });
    expect(receiver.received).toHaveLength(3);
  });

  it("a claim whose dispatcher died is taken over once its lease lapses, not before", async () => {
    const { receiver, venueId, endpointId } = await endpoint();
    await emitShow(venueId);
    const t0 = new Date(Date.now() + 1000);
    // A dispatcher claimed it and died before sending.
    await db.execute(sql`UPDATE webhook_deliveries SET claim_token = gen_random_uuid(), locked_until = ${new Date(t0.getTime() + 60_000).toISOString()}::timestamptz, attempts = 1 WHERE endpoint_id = ${endpointId}::uuid`);
    await dispatchWebhooks({ now: t0 });
    expect(receiver.received).toHaveLength(0);
    await dispatchWebhooks({ now: new Date(t0.getTime() + 61_000) });
    expect(receiver.received).toHaveLength(1);
  });
});

describe("ordering is not assumed", () => {
  it("an earlier event retried after a later one succeeded: the receiver keeps the newest state by version/created", async () => {
    const { receiver, venueId } = await endpoint(["booking.confirmed", "booking.cancelled"]);
    const booking = (status: "CONFIRMED" | "CANCELLED", version: number) => ({
      id: "6a1f3c51-52a2-4b0c-9f55-7d0b3c9f0a11", reference: "MQORDER1", status, version, showId: randomUUID(), eventId: randomUUID(), venueId,
      showStartsAt: new Date().toISOString(), currency: "INR", subtotalMinor: 1000, feesMinor: 0, taxMinor: 0, discountMinor: 0, totalMinor: 1000, seats: ["A1"],
      confirmedAt: new Date().toISOString(), cancelledAt: status === "CANCELLED" ? new Date().toISOString() : null, updatedAt: new Date().toISOString(),
    });
    // The partner's store: the newest state of each booking (a higher version wins; arrival order does not matter).
    const store = new Map<string, { status: string; version: number }>();
    receiver.respond = (r) => {
      const b = (r.body.data as { booking: { id: string; status: string; version: number } }).booking;
      if (r.body.type === "booking.confirmed" && receiver.ofType("booking.confirmed").length === 1) return { status: 503 }; // down for the first one
      const known = store.get(b.id);
      if (!known || known.version < b.version) store.set(b.id, { status: b.status, version: b.version });
      return { status: 200 };
    };
    await db.transaction((tx) => emitWebhookEvent(tx, "booking.confirmed", venueId, { booking: booking("CONFIRMED", 3) }, { dedupeKey: `order:c` }));
    await db.transaction((tx) => emitWebhookEvent(tx, "booking.cancelled", venueId, { booking: booking("CANCELLED", 4) }, { dedupeKey: `order:x` }));
    const t0 = new Date(Date.now() + 1000);
    await dispatchWebhooks({ now: t0 });
    await dispatchWebhooks({ now: new Date(t0.getTime() + 5 * MIN) });
    // Arrived: confirmed (refused) and cancelled, in either order (they are sent side by side), then confirmed again.
    expect(receiver.received.map((r) => r.body.type).slice(0, 2).sort()).toEqual(["booking.cancelled", "booking.confirmed"]);
    expect(receiver.received[2]!.body.type).toBe("booking.confirmed");
    expect(store.get("6a1f3c51-52a2-4b0c-9f55-7d0b3c9f0a11")).toEqual({ status: "CANCELLED", version: 4 });
    // And `created` orders them too.
    const [confirmed, cancelled] = [receiver.received[2]!.body, receiver.ofType("booking.cancelled")[0]!.body];
    expect(confirmed.created <= cancelled.created).toBe(true);
  });
});

describe("410 Gone", () => {
  it("disables the endpoint with the reason; its other deliveries stop and new events queue none", async () => {
    const { receiver, venueId, endpointId } = await endpoint();
    receiver.respond = () => ({ status: 410, body: "gone" });
    await emitShow(venueId);
    await emitShow(venueId);
    expect(await dispatchWebhooks({ limit: 1 })).toMatchObject({ disabled: 1 });
    const e = await getWebhookEndpoint(admin, endpointId);
    expect(e.status).toBe("disabled");
    expect(e.disabledReason).toMatch(/410 Gone/);
    await dispatchWebhooks({ now: new Date(Date.now() + 60 * MIN) });
    expect(receiver.received).toHaveLength(1);
    expect((await deliveriesOf(endpointId)).map((d) => d.status).sort()).toEqual(["failed", "pending"]);
    await emitShow(venueId);
    expect(await deliveriesOf(endpointId)).toHaveLength(2);
    // Enabled again: the pending one goes out.
    receiver.respond = () => ({ status: 200 });
    await setWebhookEndpointEnabled(admin, endpointId, true);
    await dispatchWebhooks();
    expect(receiver.received).toHaveLength(2);
  });
});

describe("the causing transaction", () => {
  it("rolled back: no event, no delivery, nothing sent", async () => {
    const { receiver, venueId, endpointId } = await endpoint();
    await expect(
      db.transaction(async (tx) => {
        await emitWebhookEvent(tx, "show.cancelled", venueId, show(venueId), { dedupeKey: "test:rolled-back" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    const [events] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM webhook_events WHERE dedupe_key = 'test:rolled-back'`);
    expect(events!.n).toBe(0);
    expect(await deliveriesOf(endpointId)).toHaveLength(0);
    await dispatchWebhooks();
    expect(receiver.received).toHaveLength(0);
  });

  it("queues deliveries only to active endpoints of the event's venue (or all venues) subscribed to its type", async () => {
    const a = await endpoint(["show.cancelled"]);
    const b = await endpoint(["checkin.admitted"]);
    const receiver = await startWebhookReceiver();
    receivers.push(receiver);
    const all = await createWebhookEndpoint(admin, { url: receiver.url, description: "", eventTypes: ["show.cancelled"], venueId: null });
    receiver.secret = all.secret;
    await emitShow(a.venueId);
    await emitShow(b.venueId);
    expect(await deliveriesOf(a.endpointId)).toHaveLength(1);
    expect(await deliveriesOf(b.endpointId)).toHaveLength(0);
    expect(await deliveriesOf(all.id)).toHaveLength(2);
    // The same dedupe key again: no second event.
    expect(await emitShow(a.venueId, "same")).toMatch(/^evt_/);
    expect(await emitShow(a.venueId, "same")).toBeNull();
  });
});

describe("manual redelivery and test events", () => {
  it("redelivers a succeeded delivery once, now, with the same event id; logged as manual and audited", async () => {
    const { receiver, venueId, endpointId } = await endpoint();
    await emitShow(venueId);
    await dispatchWebhooks();
    const [d] = await deliveriesOf(endpointId);
    expect(d!.status).toBe("succeeded");
    expect(await redeliverWebhook(admin, d!.id)).toMatchObject({ status: "succeeded", statusCode: 200 });
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.body.id).toBe(receiver.received[0]!.body.id);
    expect(receiver.received[1]!.headers["marquee-delivery-id"]).toBe(d!.id);
    expect((await attemptsOf(d!.id)).map((a) => a.manual)).toEqual([false, true]);
    // A failed redelivery leaves the delivery succeeded (it was received) and is not retried.
    receiver.respond = () => ({ status: 500 });
    expect(await redeliverWebhook(admin, d!.id)).toMatchObject({ status: "succeeded", statusCode: 500 });
    await dispatchWebhooks({ now: new Date(Date.now() + 60 * MIN) });
    expect(receiver.received).toHaveLength(3);
    const [audited] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'webhooks.redeliver' AND entity_id = ${d!.id}`);
    expect(audited!.n).toBe(2);
    const log = await listWebhookDeliveries(admin, endpointId);
    expect(log).toMatchObject({ total: 1, rows: [{ id: d!.id, eventType: "show.cancelled", status: "succeeded", attempts: 3, lastStatusCode: 500 }] });
  });

  it("sends a ping to the endpoint now", async () => {
    const { receiver, endpointId } = await endpoint(["checkin.admitted"]);
    expect(await sendTestWebhook(admin, endpointId)).toMatchObject({ status: "succeeded", statusCode: 200 });
    expect(receiver.received.map((r) => [r.body.type, r.verified.ok])).toEqual([["ping", true]]);
    expect((await listWebhookEndpoints(admin)).find((e) => e.id === endpointId)!.lastDelivery).toMatchObject({ status: "succeeded", statusCode: 200, eventType: "ping" });
  });
});

describe("who may manage endpoints, and where they may point", () => {
  it("staff register endpoints for their venues only and see only those; others' answer 404", async () => {
    const mine = (await createVenue(cityId)).venue.id;
    const other = (await createVenue(cityId)).venue.id;
    const staff = await createUser("staff", [mine]);
    const url = "http://127.0.0.1:9/hooks";
    const own = await createWebhookEndpoint(staff, { url, description: "", eventTypes: ["booking.confirmed"], venueId: mine });
    expect(await errorCode(createWebhookEndpoint(staff, { url, description: "", eventTypes: ["booking.confirmed"], venueId: other }))).toBe("NOT_FOUND");
    expect(await errorCode(createWebhookEndpoint(staff, { url, description: "", eventTypes: ["booking.confirmed"], venueId: null }))).toBe("VALIDATION_FAILED");
    const theirs = await createWebhookEndpoint(admin, { url, description: "", eventTypes: ["booking.confirmed"], venueId: other });
    const everyVenue = await createWebhookEndpoint(admin, { url, description: "", eventTypes: ["booking.confirmed"], venueId: null });
    expect((await listWebhookEndpoints(staff)).map((e) => e.id)).toEqual([own.id]);
    expect(await errorCode(getWebhookEndpoint(staff, theirs.id))).toBe("NOT_FOUND");
    expect(await errorCode(getWebhookEndpoint(staff, everyVenue.id))).toBe("NOT_FOUND");
    expect(await errorCode(revealWebhookSecret(staff, theirs.id))).toBe("NOT_FOUND");
    expect(await errorCode(rotateWebhookSecret(staff, everyVenue.id))).toBe("NOT_FOUND");
    expect(await errorCode(listWebhookDeliveries(staff, theirs.id))).toBe("NOT_FOUND");
    expect((await revealWebhookSecret(staff, own.id)).secret).toMatch(/^whsec_/);
  });

  it("refuses URLs that are not https (unless allowed), carry credentials, or point at private addresses in production", async () => {
    const strict = { allowHttp: false, allowPrivate: false };
    expect(urlShapeProblem("http://partner.example/hooks", strict)).toBe("Use an https URL");
    expect(urlShapeProblem("https://partner.example/hooks", strict)).toBeNull();
    expect(urlShapeProblem("https://user:pw@partner.example/hooks", strict)).toMatch(/user name or password/);
    expect(urlShapeProblem("ftp://partner.example/hooks", { ...strict, allowHttp: true })).toBe("Use an http or https URL");
    expect(urlShapeProblem("not a url", strict)).toMatch(/full URL/);
    for (const u of ["https://127.0.0.1/x", "https://10.1.2.3/x", "https://192.168.0.10/x", "https://169.254.169.254/latest", "https://[::1]/x", "https://[fd00::1]/x", "https://localhost/x", "https://[::ffff:127.0.0.1]/x"]) {
      expect(await urlTargetProblem(u, strict), u).not.toBeNull();
    }
    expect(await urlTargetProblem("https://8.8.8.8/x", strict)).toBeNull();
    expect(await urlTargetProblem("https://127.0.0.1/x", { ...strict, allowPrivate: true })).toBeNull();
    expect(isPrivateAddress("172.20.0.1")).toBe(true);
    expect(isPrivateAddress("172.32.0.1")).toBe(false);
    process.env.WEBHOOK_ALLOW_HTTP = "false";
    try {
      expect(await errorCode(createWebhookEndpoint(admin, { url: "http://127.0.0.1:9/x", description: "", eventTypes: ["booking.confirmed"], venueId: null }))).toBe("VALIDATION_FAILED");
    } finally {
      process.env.WEBHOOK_ALLOW_HTTP = "true";
    }
  });
});

describe("retention", () => {
  it("drops events older than 30 days with their deliveries and attempts, keeping any still owed and every recent one", async () => {
    const { endpointId, venueId } = await endpoint(["show.cancelled"]);
    const ids = { done: "", pending: "", redeliver: "", recent: "" };
    for (const k of Object.keys(ids) as (keyof typeof ids)[]) ids[k] = (await emitShow(venueId))!;
    // Everything sent once and answered 200: the attempts exist for the log.
    expect((await dispatchWebhooks()).succeeded).toBe(4);
    const at = (id: string) => sql`event_id = ${id}`;
    await db.execute(sql`UPDATE webhook_events SET created_at = now() - interval '31 days' WHERE id IN (${ids.done}, ${ids.pending}, ${ids.redeliver})`);
    await db.execute(sql`UPDATE webhook_deliveries SET status = 'pending' WHERE ${at(ids.pending)}`);
    await db.execute(sql`UPDATE webhook_deliveries SET redeliver_requested_at = now() WHERE ${at(ids.redeliver)}`);

    const { pruneWebhookHistory } = await import("./prune");
    expect(await pruneWebhookHistory()).toEqual({ pruned: 1 });
    const left = await queryRows<{ id: string }>(db, sql`SELECT event_id AS id FROM webhook_deliveries WHERE endpoint_id = ${endpointId}::uuid`);
    expect(left.map((r) => r.id).sort()).toEqual([ids.pending, ids.redeliver, ids.recent].sort());
    const orphans = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM webhook_attempts a WHERE NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.id = a.delivery_id)`);
    expect(orphans[0]!.n).toBe(0);
    expect((await queryRows(db, sql`SELECT 1 FROM webhook_events WHERE id = ${ids.done}`)).length).toBe(0);
    // Nothing more to drop on a second run.
    expect(await pruneWebhookHistory()).toEqual({ pruned: 0 });
  });
});

describe("no subscriber", () => {
  it("a change no active endpoint takes writes no event at all", async () => {
    const { venueId } = await endpoint(["booking.confirmed"]);
    const count = async () => (await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM webhook_events`))[0]!.n;
    const before = await count();
    expect(await emitShow(venueId)).toBeNull();
    expect(await count()).toBe(before);
    // Subscribed: the same kind of change is written, with its delivery.
    const { venueId: other } = await endpoint(["show.cancelled"]);
    expect(await emitShow(other)).toMatch(/^evt_/);
    expect(await count()).toBe(before + 1);
  });
});
