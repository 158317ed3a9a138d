// Benchmark: outbound webhooks (issue 22) on real Postgres. Two questions:
//   1. What does emitting an event cost the transaction that causes it? --events transactions
//      that each write one row, first alone (the raw baseline), then with emitWebhookEvent fanning
//      the event out to --endpoints endpoints in the same transaction (what a confirm, cancel,
//      refund, show cancel or check-in now does). Per-transaction latency, --concurrency at once.
//   2. How fast does the dispatcher drain the outbox? dispatchWebhooks() runs (2 at once, as two
//      instances' timers would) until nothing is due, POSTing every delivery, signed, to local
//      receivers that answer 200. Baseline: the same bodies POSTed straight to the same receivers
//      with fetch at the dispatcher's parallelism (the HTTP alone, no database).
// Then it audits: every delivery arrived exactly once, every signature verified, all succeeded.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:webhooks \
//     [-- --events 2000 --endpoints 3 --concurrency 8]
//
// It creates its own database marquee_bench_webhooks_<pid> on that server and drops it at the end.
import { parseArgs } from "node:util";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { pct } from "./harness";

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "2000" },
    endpoints: { type: "string", default: "3" },
    concurrency: { type: "string", default: "8" },
  },
});
const EVENTS = Number(args.events);
const ENDPOINTS = Number(args.endpoints);
const CONCURRENCY = Number(args.concurrency);

const baseUrl = process.env.DATABASE_URL;
if (!baseUrl?.startsWith("postgres")) {
  console.error("Set DATABASE_URL to a Postgres server (the bench makes its own database there).");
  process.exit(2);
}
const dbName = `marquee_bench_webhooks_${process.pid}`;
const server = postgres(baseUrl, { max: 1, onnotice: () => {} });
await server.unsafe(`CREATE DATABASE ${dbName}`);
const url = new URL(baseUrl);
url.pathname = `/${dbName}`;
process.env.DATABASE_URL = url.toString();
process.env.WEBHOOK_ALLOW_HTTP = "true";
process.env.LOG_LEVEL ??= "warn";

const { db, migrateDatabase, closeDatabase } = await import("@/db/client");
const { queryRows } = await import("@/db/rows");
const { createWebhookEndpoint } = await import("@/lib/admin/webhooks");
const { emitWebhookEvent } = await import("@/lib/webhooks/emit");
const { dispatchWebhooks, webhookBody } = await import("@/lib/webhooks/dispatch");
const { signatureHeader } = await import("@/lib/webhooks/verify");
const { startWebhookReceiver } = await import("@/lib/testing/webhook-receiver");
const { createCity, createVenue } = await import("@/lib/testing/fixtures");
const { createUser } = await import("@/lib/testing/users");

async function inBatches(n: number, concurrency: number, one: (i: number) => Promise<void>): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await one(next++);
    }),
  );
  return (performance.now() - started) / 1000;
}

const f = (ms: number) => ms.toFixed(2);
const receivers: Awaited<ReturnType<typeof startWebhookReceiver>>[] = [];
try {
  await migrateDatabase();
  await db.execute(sql`CREATE TABLE bench_writes (id serial PRIMARY KEY, note text NOT NULL)`);
  const admin = await createUser("admin");
  const venueId = (await createVenue((await createCity()).id)).venue.id;
  for (let i = 0; i < ENDPOINTS; i++) {
    const r = await startWebhookReceiver();
    const { secret } = await createWebhookEndpoint(admin, { url: r.url, description: `bench ${i}`, eventTypes: ["show.cancelled"], venueId });
    r.secret = secret;
    receivers.push(r);
  }
  const data = (i: number) => ({
    show: { id: crypto.randomUUID(), eventId: crypto.randomUUID(), venueId, status: "CANCELLED" as const, startsAt: new Date().toISOString(), endsAt: new Date().toISOString(), reason: `bench ${i}`, confirmedBookings: i },
  });

  // 1. The causing transaction, without and with the event.
  const raw: number[] = [];
  const rawSeconds = await inBatches(EVENTS, CONCURRENCY, async (i) => {
    const t = performance.now();
    await db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO bench_writes (note) VALUES (${`raw ${i}`})`);
    });
    raw.push(performance.now() - t);
  });
  const withEvent: number[] = [];
  const emitSeconds = await inBatches(EVENTS, CONCURRENCY, async (i) => {
    const t = performance.now();
    await db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO bench_writes (note) VALUES (${`with event ${i}`})`);
      await emitWebhookEvent(tx, "show.cancelled", venueId, data(i), { dedupeKey: `bench:${i}` });
    });
    withEvent.push(performance.now() - t);
  });
  const a = pct(raw);
  const b = pct(withEvent);
  console.log(`\n1. a transaction writing one row, ${EVENTS} of them, ${CONCURRENCY} at once`);
  console.log(`   raw baseline         p50 ${f(a.p50)} ms  p95 ${f(a.p95)} ms  p99 ${f(a.p99)} ms  ${(EVENTS / rawSeconds).toFixed(0)} tx/s`);
  console.log(`   + event → ${ENDPOINTS} endpoints p50 ${f(b.p50)} ms  p95 ${f(b.p95)} ms  p99 ${f(b.p99)} ms  ${(EVENTS / emitSeconds).toFixed(0)} tx/s`);
  console.log(`   added by the event: p50 +${f(b.p50 - a.p50)} ms, p95 +${f(b.p95 - a.p95)} ms`);

  // 2. Draining the outbox: two dispatchers at once until nothing is due.
  const deliveries = EVENTS * ENDPOINTS;
  const t0 = performance.now();
  let runs = 0;
  const drain = async () => {
    for (;;) {
      const s = await dispatchWebhooks({ limit: 200 });
      runs++;
      if (s.succeeded + s.retried + s.failed === 0) return;
    }
  };
  await Promise.all([drain(), drain()]);
  const dispatchSeconds = (performance.now() - t0) / 1000;

  // Baseline: the same number of signed POSTs straight to the receivers, 8 at a time per process × 2.
  const sampleBody = webhookBody({ id: "evt_bench", type: "show.cancelled", created: new Date().toISOString(), apiVersion: "v1", data: data(0) });
  const before = receivers.map((r) => r.received.length);
  const rawPostSeconds = await inBatches(deliveries, 16, async (i) => {
    const r = receivers[i % receivers.length]!;
    const res = await fetch(r.url, {
      method: "POST",
      headers: { "content-type": "application/json", "marquee-signature": signatureHeader([r.secret], Math.floor(Date.now() / 1000), sampleBody) },
      body: sampleBody,
    });
    await res.text();
  });
  console.log(`\n2. draining ${deliveries} deliveries (${EVENTS} events × ${ENDPOINTS} endpoints), two dispatchers at once`);
  console.log(`   dispatcher           ${dispatchSeconds.toFixed(2)} s  ${(deliveries / dispatchSeconds).toFixed(0)} deliveries/s  (${runs} runs)`);
  console.log(`   raw POSTs baseline   ${rawPostSeconds.toFixed(2)} s  ${(deliveries / rawPostSeconds).toFixed(0)} posts/s  (HTTP only, 16 in flight)`);

  // 3. Audit.
  const perEndpoint = receivers.map((r, i) => r.received.slice(0, before[i]));
  const ids = perEndpoint.map((got) => got.map((g) => g.body.id));
  const dupes = ids.reduce((n, list) => n + (list.length - new Set(list).size), 0);
  const unverified = perEndpoint.flat().filter((g) => !g.verified.ok).length;
  const [status] = await queryRows<{ succeeded: number; other: number; attempts: number }>(
    db,
    sql`SELECT count(*) FILTER (WHERE status = 'succeeded')::int AS succeeded, count(*) FILTER (WHERE status <> 'succeeded')::int AS other,
               (SELECT count(*)::int FROM webhook_attempts) AS attempts FROM webhook_deliveries`,
  );
  const checks = [
    ["every endpoint got every event once", perEndpoint.every((got) => got.length === EVENTS) && dupes === 0],
    ["every signature verified", unverified === 0],
    ["every delivery succeeded, one attempt each", status!.succeeded === deliveries && status!.other === 0 && status!.attempts === deliveries],
  ] as const;
  console.log("\n3. audit");
  for (const [what, ok] of checks) console.log(`   ${ok ? "ok  " : "FAIL"} ${what}`);
  console.log(`   (received per endpoint: ${perEndpoint.map((g) => g.length).join(", ")}; duplicates ${dupes}; unverified ${unverified}; deliveries ${status!.succeeded}/${deliveries}; attempts ${status!.attempts})`);
  process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
} finally {
  await Promise.all(receivers.map((r) => r.close()));
  await closeDatabase();
  await server.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await server.end();
}
