// Benchmark: the whole purchase. 200 concurrent buyers over HTTP against the production build with
// real Postgres + Redis, each buying 1–4 seats of its own (no two buyers want the same seat, so
// every purchase should succeed): hold, pay with the local gateway, its signed webhook applied,
// ticket issued. Then the same purchase's SQL work as raw transactions (the database baseline).
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run build
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:purchase \
//     [-- --buyers 200 --concurrency 200 --workers 1 --open-loop 0.5,0.7,0.85,1 --poll-ms 50 --confirm-timeout 10 --no-redis]
//
// DATABASE_URL names a server (and a database to connect to for CREATE DATABASE); the bench
// creates its own database marquee_bench_purchase_<pid> there, migrates and seeds it, and drops
// it at the end. Unless --no-redis, it starts the Upstash REST bridge (lib/devtools/upstash-bridge/cli.ts) in
// front of REDIS_URL (default redis://127.0.0.1:6379). The server is lib/server/start.mjs
// (`next start` from .next, --workers processes) on --port, with APP_URL pointing at itself so
// the local gateway's webhooks come back to it, no Stripe keys (the local gateway is the one in
// use), and a random AUTH_SECRET shared with this process so buyers' bearer tokens are minted here.
//
// Phases:
//   1. purchase, app: each buyer POST /bookings/initiate, POST /bookings/{id}/lock-seats with its
//      seats, POST /payments/process (card 4242…, a fresh Idempotency-Key), then POST
//      /bookings/{id}/confirm every --poll-ms until it answers 200 with the ticket's token (402
//      PAYMENT_REQUIRED meanwhile), up to --confirm-timeout s. The purchase latency is initiate's
//      start to that 200. Any other status anywhere is an error.
//   2. audit in Postgres: charges and confirmed bookings one to one, seats BOOKED by their
//      booking, events recorded, nothing left pending, the gateway's intents each one payment.
//   2b. open loop (--open-loop, fractions of phase 1's purchases/s; "" skips it): the same
//      purchases on a fresh show per step, buyers arriving at that steady rate (Poisson) instead of
//      all at once — the latency buyers see below saturation — each step audited the same.
//   3. raw baseline: the same buyers and seats on a second identical show, each purchase one
//      transaction through postgres.js: INSERT the booking, the conditional UPDATE of show_seats
//      to LOCKED, INSERT the payment, UPDATE the seats to BOOKED, UPDATE the booking to CONFIRMED.
//
// Exit status: 1 when the audit fails or any request errored (the run is not valid), 2 when the
// payments API is missing from the build; missed targets are marked ✗ (and exit 1 with --strict).
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import type postgres from "postgres";
import {
  createHarness, describe, WORKERS_OPTION, jsonBody, Missing, type Res, type User, type World, // the run: server, bridge, database, HTTP
  HALF, PER_ROW, ROWS, SEATS, // the hall
  retryDeadlocks, rng, runBuyers, sleep, type Errors, // the workload
  OPEN_LOOP_OPTION, openLoopSteps, parseOpenLoop, printOpenLoopHeading, printOpenLoopVerdict, // the open loop
  exitStatus, f1, mismatchedBookings, pad, pct, printChecks, printErrors, printTargets, type Check, type Target, // the audit and the report
} from "./harness";

const { values: args } = parseArgs({
  options: {
    buyers: { type: "string", default: "200" },
    concurrency: { type: "string" }, // default: all buyers at once
    workers: WORKERS_OPTION,
    "poll-ms": { type: "string", default: "50" },
    "confirm-timeout": { type: "string", default: "10" },
    warm: { type: "string", default: "10" },
    "raw-max": { type: "string" },
    "open-loop": OPEN_LOOP_OPTION,
    port: { type: "string", default: "3230" },
    seed: { type: "string", default: "42" },
    "no-redis": { type: "boolean", default: false },
    strict: { type: "boolean", default: false },
  },
});
const BUYERS = Number(args.buyers);
const CONCURRENCY = args.concurrency === undefined ? BUYERS : Number(args.concurrency);
const WORKERS = Number(args.workers);
const POLL_MS = Number(args["poll-ms"]);
const CONFIRM_TIMEOUT_S = Number(args["confirm-timeout"]);
const WARM = Number(args.warm);
const PORT = Number(args.port);
const SEED = Number(args.seed);
const OPEN_LOOP = parseOpenLoop(args["open-loop"]);
const USE_REDIS = !args["no-redis"];
for (const [name, v] of Object.entries({ BUYERS, CONCURRENCY, WORKERS, POLL_MS, CONFIRM_TIMEOUT_S, WARM, PORT, SEED })) {
  if (!Number.isFinite(v) || v < 0 || (["BUYERS", "CONCURRENCY", "WORKERS"].includes(name) && v < 1)) {
    console.error(`bad --${name.toLowerCase().replace(/_s$/, "").replace("_", "-")}: ${v}`);
    process.exit(2);
  }
}
const h = createHarness({
  name: "purchase",
  port: PORT,
  useRedis: USE_REDIS,
  workers: WORKERS,
  // One keep-alive pool, a socket per buyer in flight.
  maxSockets: CONCURRENCY + 16,
  serverName: "the server",
  // The local gateway: it is the one in use when no Stripe key is set.
  serverEnv: (env) => {
    for (const k of Object.keys(env)) if (k.startsWith("STRIPE_")) delete env[k];
  },
});
const { request } = h;

const TARGETS = { purchaseP95Ms: 1000 };
const CARD = { number: "4242 4242 4242 4242", expMonth: 12, expYear: 2034, cvc: "123" };

// ---- workload: fixed by --seed, the same for the app and the baseline ------------------------
/**
 * Each buyer's seats: 1–4 adjacent seats in one half-row, blocks laid one after another from the
 * middle of the hall outwards, so no two buyers ever want the same seat. Null when they do not fit.
 */
function makePlans(count: number, seed: number): number[][] | null {
  const rand = rng(seed);
  const middle = Math.floor(ROWS / 2);
  const rowOrder = Array.from({ length: ROWS }, (_, j) => middle + (j % 2 ? (j + 1) / 2 : -j / 2)).filter((r) => r >= 0 && r < ROWS);
  const halves = rowOrder.flatMap((r) => [r * PER_ROW, r * PER_ROW + HALF]);
  let h = 0;
  let used = 0; // seats used in halves[h]
  const plans: number[][] = [];
  for (let i = 0; i < count; i++) {
    const n = 1 + Math.floor(rand() * 4);
    if (used + n > HALF) {
      h++;
      used = 0;
    }
    if (h >= halves.length) return null;
    plans.push(Array.from({ length: n }, (_, j) => halves[h]! + used + j));
    used += n;
  }
  return plans;
}

// ---- HTTP: the parts of the API's answers the bench looks at --------------------------------
type Body = {
  booking?: { id?: string; status?: string; token?: string | null; seats?: { seatId?: string; id?: string }[] };
  payment?: { id?: string; status?: string; bookingStatus?: string };
  error?: { code?: string };
};

const json = (res: Res) => jsonBody<Body>(res);

// ---- one purchase over HTTP -------------------------------------------------------------------
const STEPS = ["initiate", "lock-seats", "process", "confirm"] as const;
type Step = (typeof STEPS)[number];

type Result = {
  name: string;
  buyers: number;
  purchases: Map<string, number[]>; // booking id → seat indexes, for purchases that completed
  errors: Errors;
  seconds: number;
  lat: number[]; // the whole purchase, completed ones only
  steps: Record<Step, number[]>;
  processSaw: Record<string, number>; // payment status in process's answer
  confirmCalls: number[]; // confirm requests until the ticket, per purchase
  deadlocks: number;
};

function newResult(name: string, buyers: number): Result {
  return {
    name,
    buyers,
    purchases: new Map(),
    errors: h.errors(),
    seconds: 0,
    lat: [],
    steps: { initiate: [], "lock-seats": [], process: [], confirm: [] },
    processSaw: {},
    confirmCalls: [],
    deadlocks: 0,
  };
}

const seatsBought = (r: Result) => [...r.purchases.values()].reduce((n, s) => n + s.length, 0);

const missing = (res: Res, what: string) => {
  if (res.status === 404 || res.status === 405) throw new Missing(`${what} answered ${describe(res)}: the payments API is not in this build (rebuild with \`npm run build\`).`);
};

/**
 * One buyer's purchase. Returns the booking id when it completed; every unexpected answer is
 * recorded as an error (with `strict`, a missing route throws Missing instead).
 */
async function purchase(r: Result, world: World, showId: string, user: User, seats: number[], key: string, strict = false): Promise<string | undefined> {
  const t0 = performance.now();
  const call = async (step: Step, method: string, urlPath: string, body?: unknown, headers?: Record<string, string>): Promise<Res | undefined> => {
    try {
      const res = await request(method, urlPath, { token: user.token, body, headers });
      if (strict) missing(res, `${method} ${urlPath.replace(/[0-9a-f-]{36}/, "{id}")}`);
      return res;
    } catch (err) {
      if (err instanceof Missing) throw err;
      r.errors.add(step, (err as Error).message);
      return undefined;
    }
  };

  let t = performance.now();
  let res = await call("initiate", "POST", "/api/v1/bookings/initiate", { showId });
  if (!res) return;
  r.steps.initiate.push(performance.now() - t);
  const bookingId = json(res).booking?.id;
  if (res.status !== 201 || !bookingId) return void r.errors.add("initiate (expected 201)", describe(res));

  const seatIds = seats.map((s) => world.seatIds[s]!);
  t = performance.now();
  res = await call("lock-seats", "POST", `/api/v1/bookings/${bookingId}/lock-seats`, { seatIds });
  if (!res) return;
  r.steps["lock-seats"].push(performance.now() - t);
  if (res.status !== 200) return void r.errors.add("lock-seats (expected 200)", describe(res));
  const held = json(res).booking ?? {};
  const got = new Set((Array.isArray(held.seats) ? held.seats : []).map((s) => s.seatId ?? s.id));
  if (held.status !== "LOCKED" || got.size !== seatIds.length || !seatIds.every((id) => got.has(id))) {
    return void r.errors.add("lock-seats (200 without exactly the seats asked for)", describe(res));
  }

  t = performance.now();
  res = await call("process", "POST", "/api/v1/payments/process", { bookingId, method: "CARD", card: CARD }, { "idempotency-key": key });
  if (!res) return;
  r.steps.process.push(performance.now() - t);
  const payment = json(res).payment;
  if (res.status !== 200 || !payment?.id) return void r.errors.add("process (expected 200)", describe(res));
  if (payment.status !== "PENDING" && payment.status !== "SUCCEEDED") return void r.errors.add("process (expected PENDING or SUCCEEDED)", describe(res));
  r.processSaw[payment.status] = (r.processSaw[payment.status] ?? 0) + 1;

  // Confirm until the ticket is issued: 402 while the payment has not been applied yet.
  t = performance.now();
  const until = t + CONFIRM_TIMEOUT_S * 1000;
  for (let calls = 1; ; calls++) {
    res = await call("confirm", "POST", `/api/v1/bookings/${bookingId}/confirm`);
    if (!res) return;
    if (res.status === 200) {
      const b = json(res).booking;
      if (b?.status !== "CONFIRMED" || typeof b.token !== "string" || !b.token) return void r.errors.add("confirm (200 without a CONFIRMED booking and its ticket token)", describe(res));
      const now = performance.now();
      r.steps.confirm.push(now - t);
      r.lat.push(now - t0);
      r.confirmCalls.push(calls);
      r.purchases.set(bookingId, seats);
      return bookingId;
    }
    if (res.status !== 402 || json(res).error?.code !== "PAYMENT_REQUIRED") return void r.errors.add("confirm (expected 200, or 402 PAYMENT_REQUIRED while pending)", describe(res));
    if (performance.now() + POLL_MS > until) return void r.errors.add("confirm", `still 402 after ${CONFIRM_TIMEOUT_S} s (${calls} calls): ${describe(res)}`);
    await sleep(POLL_MS);
  }
}

type Drive = (buyer: (i: number) => Promise<void>) => Promise<number>;

async function appPurchases(world: World, showId: string, plans: number[][], name = "app  HTTP", drive?: Drive): Promise<Result> {
  const r = newResult(name, plans.length);
  const run = randomBytes(4).toString("hex");
  const buyer = async (i: number) => {
    await purchase(r, world, showId, world.users[i]!, plans[i]!, `bench-${run}-${i}`);
  };
  r.seconds = await (drive ? drive(buyer) : runBuyers(plans.length, CONCURRENCY, buyer));
  return r;
}

// ---- the raw baseline: the same purchase's SQL work, one transaction each --------------------
class Unavailable extends Error {}

async function rawPurchaseIn(tx: postgres.TransactionSql, showId: string, userId: string, seatIds: string[], key: string): Promise<string> {
  const [b] = await tx<{ id: string }[]>`
    INSERT INTO bookings (reference, user_id, show_id, status, currency, expires_at)
    VALUES (${`BL${randomBytes(6).toString("hex")}`}, ${userId}, ${showId}, 'LOCKED', 'INR', now() + interval '10 minutes')
    RETURNING id`;
  const locked = await tx<{ price_minor: number }[]>`
    UPDATE show_seats SET status = 'LOCKED', locked_by_booking_id = ${b!.id}, lock_expiry = now() + interval '10 minutes', version = version + 1
    WHERE show_id = ${showId} AND seat_id = ANY(${seatIds}::uuid[])
      AND (status = 'AVAILABLE' OR (status = 'LOCKED' AND lock_expiry < now()))
    RETURNING price_minor`;
  if (locked.length < seatIds.length) throw new Unavailable(`${seatIds.length - locked.length} of ${seatIds.length} seats unavailable`);
  const amount = locked.reduce((n, s) => n + Number(s.price_minor), 0);
  await tx`
    INSERT INTO payments (booking_id, user_id, provider, method, status, amount_minor, currency, idempotency_key, request_hash)
    VALUES (${b!.id}, ${userId}, 'raw', 'CARD', 'SUCCEEDED', ${amount}, 'INR', ${key}, 'raw')`;
  await tx`
    UPDATE show_seats SET status = 'BOOKED', lock_expiry = NULL, version = version + 1
    WHERE show_id = ${showId} AND locked_by_booking_id = ${b!.id} AND status = 'LOCKED'`;
  await tx`
    UPDATE bookings SET status = 'CONFIRMED', subtotal_minor = ${amount}, total_minor = ${amount}, confirmed_at = now(), version = version + 1, updated_at = now()
    WHERE id = ${b!.id} AND status = 'LOCKED'`;
  return b!.id;
}

const rawPurchase = (sql: postgres.Sql, showId: string, userId: string, seatIds: string[], key: string): Promise<string> =>
  sql.begin((tx) => rawPurchaseIn(tx, showId, userId, seatIds, key));

// Buyers never want the same seats, so nothing should wait on anything; deadlocks are retried
// (retryDeadlocks) just in case.
async function rawPurchases(world: World, showId: string, plans: number[][], sql: postgres.Sql): Promise<Result> {
  const r = newResult("raw  SQL", plans.length);
  r.seconds = await runBuyers(plans.length, CONCURRENCY, async (i) => {
    const seats = plans[i]!;
    const t = performance.now();
    try {
      const bookingId = await retryDeadlocks(r, () => rawPurchase(sql, showId, world.users[i]!.id, seats.map((s) => world.seatIds[s]!), `raw-${i}`));
      r.lat.push(performance.now() - t);
      r.purchases.set(bookingId, seats);
    } catch (err) {
      r.errors.add("raw purchase", (err as Error).message);
    }
  });
  return r;
}

async function warmRaw(sql: postgres.Sql, world: World, showId: string) {
  // Rolled back: warms connections and prepared statements, changes nothing.
  for (let j = 0; j < 20; j++) {
    await sql
      .begin(async (tx) => {
        await rawPurchaseIn(tx, showId, world.users[0]!.id, [world.seatIds[j]!], `raw-warm-${j}`);
        throw new Unavailable("roll back");
      })
      .catch((err) => {
        if (!(err instanceof Unavailable)) throw err;
      });
  }
}

// ---- audit: straight in Postgres ---------------------------------------------------------------
/** Waits (up to `seconds`) for the local gateway to have delivered every webhook it owes. */
async function webhooksSettled(sql: postgres.Sql, seconds: number): Promise<{ total: number; delivered: number; retried: number; failing: number; lastError: string | null }> {
  const until = performance.now() + seconds * 1000;
  for (;;) {
    const [d] = await sql<{ total: number; delivered: number; retried: number; failing: number; last_error: string | null }[]>`
      SELECT count(*)::int AS total, count(delivered_at)::int AS delivered, count(*) FILTER (WHERE attempts > 1)::int AS retried,
             count(*) FILTER (WHERE delivered_at IS NULL AND last_error IS NOT NULL)::int AS failing, max(last_error) AS last_error
      FROM local_gateway_deliveries`;
    if (d!.delivered === d!.total || performance.now() > until) return { ...d!, lastError: d!.last_error };
    await sleep(250);
  }
}

async function audit(sql: postgres.Sql, world: World, showId: string, r: Result, app: boolean): Promise<Check[]> {
  const checks: Check[] = [];
  const add = (name: string, bad: number, detail = `${bad} violating rows`) => checks.push({ name, ok: bad === 0, detail: bad === 0 ? "" : detail });
  const n = async (q: postgres.PendingQuery<postgres.Row[]>) => Number((await q)[0]!.n);

  const [bk] = await sql<{ total: number; confirmed: number; pending: number }[]>`
    SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'CONFIRMED')::int AS confirmed, count(*) FILTER (WHERE status = 'PAYMENT_PENDING')::int AS pending
    FROM bookings WHERE show_id = ${showId}`;
  checks.push({
    name: "every buyer bought: CONFIRMED bookings = purchases = buyers",
    ok: bk!.confirmed === r.purchases.size && r.purchases.size === r.buyers,
    detail: `${bk!.confirmed} CONFIRMED of ${bk!.total} bookings, ${r.purchases.size} purchases completed, ${r.buyers} buyers`,
  });
  add(
    "every SUCCEEDED payment's booking is CONFIRMED",
    await n(sql`
      SELECT count(*)::int AS n FROM payments p JOIN bookings b ON b.id = p.booking_id
      WHERE b.show_id = ${showId} AND p.status = 'SUCCEEDED' AND b.status <> 'CONFIRMED'`),
  );
  add(
    "each CONFIRMED booking has exactly one SUCCEEDED payment",
    await n(sql`
      SELECT count(*)::int AS n FROM bookings b
      WHERE b.show_id = ${showId} AND b.status = 'CONFIRMED'
        AND (SELECT count(*) FROM payments p WHERE p.booking_id = b.id AND p.status = 'SUCCEEDED') <> 1`),
  );
  add(
    "no booking charged twice (SUCCEEDED or REFUNDED payments ≤ 1 per booking)",
    await n(sql`
      SELECT count(*)::int AS n FROM (
        SELECT p.booking_id FROM payments p JOIN bookings b ON b.id = p.booking_id
        WHERE b.show_id = ${showId} AND p.status IN ('SUCCEEDED', 'REFUNDED')
        GROUP BY p.booking_id HAVING count(*) > 1) x`),
  );
  add(
    "every charge's amount is its booking's total",
    await n(sql`
      SELECT count(*)::int AS n FROM payments p JOIN bookings b ON b.id = p.booking_id
      WHERE b.show_id = ${showId} AND p.status = 'SUCCEEDED' AND p.amount_minor <> b.total_minor`),
  );
  if (app) {
    add(
      "every CONFIRMED booking's seats are BOOKED and locked_by that booking (booking_seats)",
      await n(sql`
        SELECT count(*)::int AS n FROM booking_seats bs JOIN bookings b ON b.id = bs.booking_id
        LEFT JOIN show_seats ss ON ss.id = bs.show_seat_id
        WHERE b.show_id = ${showId} AND b.status = 'CONFIRMED'
          AND (ss.id IS NULL OR ss.status <> 'BOOKED' OR ss.locked_by_booking_id IS DISTINCT FROM b.id OR ss.seat_id <> bs.seat_id)`),
    );
  }
  add(
    "every BOOKED seat belongs to a CONFIRMED booking of this show",
    await n(sql`
      SELECT count(*)::int AS n FROM show_seats ss LEFT JOIN bookings b ON b.id = ss.locked_by_booking_id
      WHERE ss.show_id = ${showId} AND ss.status = 'BOOKED' AND (b.id IS NULL OR b.status <> 'CONFIRMED' OR b.show_id <> ss.show_id)`),
  );

  // What each buyer was sold is what Postgres says that booking has BOOKED.
  const mismatched = await mismatchedBookings(world, showId, "BOOKED", r.purchases);
  add("each purchase has exactly its seats BOOKED, and nothing else is", mismatched, `${mismatched} bookings disagree`);
  const [seatCounts] = await sql<{ booked: number; other: number }[]>`
    SELECT count(*) FILTER (WHERE status = 'BOOKED')::int AS booked, count(*) FILTER (WHERE status NOT IN ('AVAILABLE', 'BOOKED'))::int AS other
    FROM show_seats WHERE show_id = ${showId}`;
  checks.push({
    name: "booked seat count = sum of purchased seats; none left LOCKED",
    ok: seatCounts!.booked === seatsBought(r) && seatCounts!.other === 0,
    detail: `${seatCounts!.booked} BOOKED, ${seatsBought(r)} purchased, ${seatCounts!.other} neither AVAILABLE nor BOOKED`,
  });
  add("no booking left PAYMENT_PENDING", bk!.pending, `${bk!.pending} bookings PAYMENT_PENDING`);

  if (app) {
    const [ev] = await sql<{ events: number; confirmed: number; twice: number }[]>`
      SELECT count(*)::int AS events, count(*) FILTER (WHERE e.outcome = 'confirmed')::int AS confirmed,
             (SELECT count(*)::int FROM (SELECT booking_id FROM payment_events pe JOIN bookings b2 ON b2.id = pe.booking_id
                WHERE b2.show_id = ${showId} AND pe.outcome = 'confirmed' GROUP BY booking_id HAVING count(*) > 1) x) AS twice
      FROM payment_events e JOIN bookings b ON b.id = e.booking_id WHERE b.show_id = ${showId}`;
    checks.push({
      name: "payment_events rows ≥ CONFIRMED bookings",
      ok: ev!.events >= bk!.confirmed,
      detail: `${ev!.events} events for ${bk!.confirmed} confirmed bookings`,
    });
    checks.push({
      name: "exactly one event confirmed each CONFIRMED booking",
      ok: ev!.confirmed === bk!.confirmed && ev!.twice === 0,
      detail: `${ev!.confirmed} 'confirmed' events, ${ev!.twice} bookings confirmed twice`,
    });
    add(
      "each local_gateway_intents row maps to exactly one payment (metadata->>'paymentId')",
      await n(sql`
        SELECT count(*)::int AS n FROM local_gateway_intents i
        WHERE (SELECT count(*) FROM payments p WHERE p.id::text = i.metadata->>'paymentId' AND p.provider = 'local'
                 AND p.provider_payment_id = i.id AND p.booking_id::text = i.metadata->>'bookingId') <> 1`),
    );
    add(
      "every local payment has its one intent, of its amount",
      await n(sql`
        SELECT count(*)::int AS n FROM payments p LEFT JOIN local_gateway_intents i ON i.id = p.provider_payment_id
        WHERE p.provider = 'local' AND (i.id IS NULL OR i.amount_minor <> p.amount_minor)`),
    );
    add(
      "no refunds (nothing paid twice or late)",
      await n(sql`SELECT count(*)::int AS n FROM refunds f JOIN bookings b ON b.id = f.booking_id WHERE b.show_id = ${showId}`),
    );
  }
  return checks;
}

// ---- preflight and warm-up ----------------------------------------------------------------------
/** Warm the whole path (JIT, pools, prepared statements, Redis scripts, the webhook) on a show the sale does not use, one purchase at a time. */
async function preflight(world: World, warmShow: string): Promise<Result> {
  const r = newResult("warm-up", WARM);
  for (let j = 0; j < WARM; j++) {
    const user = world.users[BUYERS + j]!;
    await purchase(r, world, warmShow, user, [SEATS - 1 - j], `bench-warm-${process.pid}-${j}`, true);
    if (r.errors.count) throw new Error("the warm-up purchase failed (see above)");
  }
  if (WARM) {
    const med = (xs: number[]) => f1(pct(xs.slice(Math.min(3, xs.length - 1))).p50);
    console.log(
      `unloaded, one purchase at a time: purchase p50 ${med(r.lat)} ms (${STEPS.map((s) => `${s} ${med(r.steps[s])}`).join(", ")} ms); ` +
        `confirm calls ${r.confirmCalls.join(",")}`,
    );
  }
  return r;
}

// ---- report -------------------------------------------------------------------------------------
function printPhases(results: Result[]) {
  console.log("phase      buyers  purchases  seats  errors  wall s  purchases/s   p50 ms   p95 ms   p99 ms   max ms");
  for (const r of results) {
    const p = pct(r.lat);
    console.log(
      `${r.name.padEnd(9)} ${pad(r.buyers, 7)} ${pad(r.purchases.size, 10)} ${pad(seatsBought(r), 6)} ${pad(r.errors.count, 7)} ${pad(r.seconds.toFixed(2), 7)}` +
        ` ${pad((r.purchases.size / r.seconds).toFixed(1), 12)} ${pad(f1(p.p50), 8)} ${pad(f1(p.p95), 8)} ${pad(f1(p.p99), 8)} ${pad(f1(p.max), 8)}`,
    );
  }
}

function printSteps(r: Result) {
  console.log("step (app, over HTTP)          n   p50 ms   p95 ms   p99 ms   max ms");
  const row = (name: string, xs: number[]) => {
    const p = pct(xs);
    console.log(`${name.padEnd(26)} ${pad(xs.length, 5)} ${pad(f1(p.p50), 8)} ${pad(f1(p.p95), 8)} ${pad(f1(p.p99), 8)} ${pad(f1(p.max), 8)}`);
  };
  row("initiate", r.steps.initiate);
  row("lock-seats", r.steps["lock-seats"]);
  row("process (payment)", r.steps.process);
  row("confirm until the ticket", r.steps.confirm);
  row("whole purchase", r.lat);
}

// ---- main ---------------------------------------------------------------------------------------
async function main(): Promise<number> {
  const plans = makePlans(BUYERS, SEED);
  if (!plans) {
    console.error(`${BUYERS} buyers' seats do not fit in one ${SEATS}-seat show; use fewer --buyers`);
    return 2;
  }
  if (WARM > ROWS * HALF) {
    console.error(`--warm ${WARM}: at most ${ROWS * HALF}`);
    return 2;
  }
  const wanted = plans.reduce((n, p) => n + p.length, 0);
  console.log(`setting up ${h.dbName}: ${SEATS} seats, ${BUYERS} buyers…`);
  // Buyers, then the warm-up's users.
  const world = await h.setupDatabase({
    venue: { name: "Checkout Palace", slug: "checkout-palace" },
    event: { title: "Checkout: The Movie", slug: "checkout" },
    users: BUYERS + WARM,
  });
  const saleShow = await world.newShow("2D");
  const rawShow = await world.newShow("2D raw");
  const warmShow = await world.newShow("2D warm");
  const sizes = [1, 2, 3, 4].map((k) => plans.filter((p) => p.length === k).length);
  console.log(`workload (seed ${SEED}): ${BUYERS} buyers buy ${wanted} distinct seats of ${SEATS} (1 seat: ${sizes[0]}, 2: ${sizes[1]}, 3: ${sizes[2]}, 4: ${sizes[3]})`);

  await h.start();
  console.log(`server on 127.0.0.1:${PORT}, ${WORKERS} worker(s), local payment gateway, Redis ${USE_REDIS ? "on" : "off"}, DATABASE_POOL_MAX ${process.env.DATABASE_POOL_MAX ?? "default"}`);
  const warm = await preflight(world, warmShow); // exits 2 (Missing) when the build lacks the payments API

  console.log(`\npurchases over HTTP: ${BUYERS} buyers, ${CONCURRENCY} in flight, confirm polled every ${POLL_MS} ms…`);
  const app = await appPurchases(world, saleShow, plans);
  const hooks = await webhooksSettled(world.sql, 15);
  const appChecks = await audit(world.sql, world, saleShow, app, true);
  appChecks.push({
    name: "every webhook the gateway owes was delivered and answered 2xx",
    ok: hooks.delivered === hooks.total && hooks.failing === 0,
    detail: `${hooks.delivered} of ${hooks.total} delivered, ${hooks.retried} needed a retry${hooks.lastError ? `, last error: ${hooks.lastError}` : ""}`,
  });
  // Who applied each confirmation: the gateway's webhook, or confirm's own check with the gateway.
  const by = await world.sql<{ via: string; outcome: string; n: number }[]>`
    SELECT CASE WHEN e.id LIKE 'evt_%' THEN 'webhook' WHEN e.id LIKE 'reconcile:%' THEN 'confirm''s gateway check' ELSE 'other' END AS via, e.outcome, count(*)::int AS n
    FROM payment_events e JOIN bookings b ON b.id = e.booking_id
    WHERE b.show_id = ${saleShow} GROUP BY 1, 2 ORDER BY 1, 3 DESC`;

  // The same purchases at steady arrival rates up to the all-at-once rate: latency below saturation.
  const { steps: openLoop, checks: openChecks } = await openLoopSteps({
    fractions: OPEN_LOOP,
    buyers: BUYERS,
    seed: SEED,
    closedRate: app.purchases.size / app.seconds,
    unit: "purchases",
    newShow: (label) => world.newShow(label),
    run: (show, name, drive) => appPurchases(world, show, plans, name, drive),
    audit: (show, r) => audit(world.sql, world, show, r, true),
  });
  if (openLoop.length) {
    const later = await webhooksSettled(world.sql, 15);
    openChecks.push({
      name: "[open loop] every webhook the gateway owes was delivered and answered 2xx",
      ok: later.delivered === later.total && later.failing === 0,
      detail: `${later.delivered} of ${later.total} delivered, ${later.retried} needed a retry${later.lastError ? `, last error: ${later.lastError}` : ""}`,
    });
  }

  // The raw client: one connection per in-flight buyer, up to what the server has spare.
  const rawMax = await h.rawPoolMax(world, args["raw-max"], CONCURRENCY, 10 /* headroom */);
  console.log(`\nraw baseline: the same ${BUYERS} purchases, ${CONCURRENCY} in flight, postgres.js pool of ${rawMax}…`);
  const { base, baseChecks } = await h.withRawClient(rawMax, async (raw) => {
    await warmRaw(raw, world, rawShow);
    const base = await rawPurchases(world, rawShow, plans, raw);
    return { base, baseChecks: await audit(world.sql, world, rawShow, base, false) };
  });

  // ---- the report ----
  console.log(`\n== Purchase: ${BUYERS} buyers, 1–4 seats each (none contested), ${SEATS}-seat show, ${CONCURRENCY} in flight, ${WORKERS} worker(s), Redis ${USE_REDIS ? "on" : "off"} ==`);
  console.log("(latency: the whole purchase — initiate → lock-seats → process → confirm answering the ticket over HTTP; one transaction raw)");
  printPhases([app, base]);
  console.log("");
  printSteps(app);
  const calls = app.confirmCalls;
  const polled = calls.filter((c) => c > 1).length;
  console.log(
    `process answered: ${Object.entries(app.processSaw).map(([s, k]) => `${s} ${k}`).join(", ") || "–"}; ` +
      `confirm: ${calls.length - polled} ticket(s) on the first call, ${polled} after polling (max ${calls.length ? Math.max(...calls) : 0} calls)`,
  );
  const confirmedBy = by.filter((x) => x.outcome === "confirmed");
  console.log(`confirmed by: ${confirmedBy.map((x) => `${x.via} ${x.n}`).join(", ") || "–"}; webhooks: ${hooks.delivered}/${hooks.total} delivered (warm-up's included), ${hooks.retried} retried`);
  console.log(`payment_events for the show: ${by.map((x) => `${x.via} "${x.outcome}" ${x.n}`).join(", ") || "–"}`);
  if (warm.lat.length) console.log(`unloaded purchase p50 (warm-up, one at a time): ${f1(pct(warm.lat).p50)} ms`);
  if (base.deadlocks) console.log(`raw baseline: ${base.deadlocks} deadlock(s), retried (latency includes the wait)`);
  const appRate = app.purchases.size / app.seconds;
  const baseRate = base.purchases.size / base.seconds;
  const ratio = appRate / baseRate;
  const ap = pct(app.lat);
  const bp = pct(base.lat);
  console.log(
    `app/baseline: throughput ${ratio.toFixed(3)} (${appRate.toFixed(1)} vs ${baseRate.toFixed(1)} purchases/s); ` +
      `latency ×${(ap.p50 / bp.p50).toFixed(1)} at p50, ×${(ap.p95 / bp.p95).toFixed(1)} at p95`,
  );
  printErrors([app, base]);

  if (openLoop.length) {
    printOpenLoopHeading(BUYERS, SEATS);
    console.log("step        buyers/s  purchases  errors   p50 ms   p95 ms   p99 ms  late arrivals");
    for (const { rate, lagMs, result: r } of openLoop) {
      const p = pct(r.lat);
      console.log(`${r.name.padEnd(10)} ${pad(rate.toFixed(0), 9)} ${pad(r.purchases.size, 10)} ${pad(r.errors.count, 7)} ${pad(f1(p.p50), 8)} ${pad(f1(p.p95), 8)} ${pad(f1(p.p99), 8)} ${pad(`≤ ${f1(lagMs)} ms`, 14)}`);
    }
    printOpenLoopVerdict(openLoop, (r) => pct(r.lat).p95 < TARGETS.purchaseP95Ms, `purchase p95 < ${TARGETS.purchaseP95Ms} ms`);
    printErrors(openLoop.map((o) => o.result));
  }

  console.log("");
  printChecks("audit (app show):", appChecks);
  if (openChecks.length) printChecks("audit (open-loop shows):", openChecks);
  printChecks("audit (baseline show):", baseChecks);
  const auditOk = [...appChecks, ...openChecks, ...baseChecks].every((c) => c.ok);
  const errorCount = app.errors.count + openLoop.reduce((n, o) => n + o.result.errors.count, 0) + base.errors.count;

  const rows: Target[] = [];
  rows.push({ name: "whole purchase p95 (over HTTP)", value: `${f1(ap.p95)} ms`, target: `< ${TARGETS.purchaseP95Ms} ms`, ok: ap.p95 < TARGETS.purchaseP95Ms });
  rows.push({ name: "purchases completed", value: `${app.purchases.size}/${BUYERS}`, target: `${BUYERS}/${BUYERS}`, ok: app.purchases.size === BUYERS });
  rows.push({ name: "audit: one charge ↔ one confirmed booking", value: auditOk ? "PASS" : "FAIL", target: "PASS", ok: auditOk });
  rows.push({ name: "errors", value: String(errorCount), target: "0", ok: errorCount === 0 });
  printTargets(rows);
  return exitStatus({ auditOk, errorCount, strict: args.strict, targets: rows });
}

await h.run(main);
