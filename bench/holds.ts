// Benchmark: a flash sale. 2,000 simulated buyers over HTTP against the production build with
// real Postgres + Redis, each trying to hold 1–4 adjacent seats of one 1,000-seat show; then the
// same work as raw SQL (the database baseline), then seat-map reads by 500 concurrent viewers.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run build
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:holds \
//     [-- --buyers 2000 --concurrency 200 --open-loop 0.5,0.7,0.85,1 --viewers 500 --seconds 10 --no-redis]
//
// DATABASE_URL names a server (and a database to connect to for CREATE DATABASE); the bench
// creates its own database marquee_bench_holds_<pid> there, migrates and seeds it, and drops it
// at the end. Unless --no-redis, it starts the Upstash REST bridge (lib/devtools/upstash-bridge/cli.ts) in
// front of REDIS_URL (default redis://127.0.0.1:6379). The server is `next start` from .next on
// --port, sharing a random AUTH_SECRET with this process so buyers' bearer tokens are minted here.
//
// Phases:
//   1. flash sale, app: each buyer POST /bookings/initiate, then POST /bookings/{id}/lock-seats
//      with 1–4 adjacent seats (60% aim at the best rows, so there is real contention); a 409
//      SEATS_UNAVAILABLE is a conflict, after which the buyer retries once with seats it believes
//      free (the seats of holds that succeeded and those named by 409s are known taken), or gives
//      up when it knows of none. Hold latency is the lock-seats request.
//   2. audit in Postgres: every seat held exactly once, none lost, bookings and seats agree.
//   2b. open loop (--open-loop, fractions of phase 1's buyers/s; "" skips it): the same sale on a
//      fresh show per step, buyers arriving at that steady rate (Poisson) instead of a fixed
//      number in flight — the latency buyers see below saturation — each step audited the same.
//   3. raw baseline: the same buyers and seat choices (same seed) on a second identical show,
//      each attempt one transaction through postgres.js: INSERT the booking, then the
//      conditional versioned UPDATE of show_seats, rolled back when it covers fewer seats.
//   4. seat-map reads: --viewers clients polling GET /shows/{id}/seats?view=status every
//      --poll-ms (0: back to back) with If-None-Match, while a few buyers keep holding seats; then
//      the full seat map (no view param) back to back by --map-clients clients.
//
// Exit status: 1 when the audit fails or any request errored (the run is not valid), 2 when the
// holds API is missing from the build; missed targets are marked ✗ (and exit 1 with --strict).
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import type postgres from "postgres";
import {
  createHarness, describe, WORKERS_OPTION, jsonBody, Missing, type Res, type World, // the run: server, bridge, database, HTTP
  HALF, PER_ROW, ROWS, rowLabel, SEATS, // the hall
  retryDeadlocks, rng, runBuyers, sleep, type Errors, // the workload
  OPEN_LOOP_OPTION, openLoopSteps, parseOpenLoop, printOpenLoopHeading, printOpenLoopVerdict, type OpenStep, // the open loop
  exitStatus, f1, mismatchedBookings, pad, pct, printChecks, printErrors, printTargets, type Check, type Target, // the audit and the report
} from "./harness";

const { values: args } = parseArgs({
  options: {
    buyers: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "200" },
    workers: WORKERS_OPTION,
    viewers: { type: "string", default: "500" },
    seconds: { type: "string", default: "10" },
    "poll-ms": { type: "string", default: "1000" },
    "map-clients": { type: "string", default: "50" },
    "raw-max": { type: "string" },
    "open-loop": OPEN_LOOP_OPTION,
    port: { type: "string", default: "3220" },
    seed: { type: "string", default: "42" },
    "no-redis": { type: "boolean", default: false },
    "baseline-only": { type: "boolean", default: false },
    strict: { type: "boolean", default: false },
  },
});
const BUYERS = Number(args.buyers);
const CONCURRENCY = Number(args.concurrency);
const VIEWERS = Number(args.viewers);
const SECONDS = Number(args.seconds);
const POLL_MS = Number(args["poll-ms"]);
const MAP_CLIENTS = Number(args["map-clients"]);
const PORT = Number(args.port);
const WORKERS = Number(args.workers);
const SEED = Number(args.seed);
const USE_REDIS = !args["no-redis"];
const BASELINE_ONLY = args["baseline-only"];
const OPEN_LOOP = parseOpenLoop(args["open-loop"]);
for (const [name, v] of Object.entries({ BUYERS, CONCURRENCY, VIEWERS, SECONDS, POLL_MS, MAP_CLIENTS, PORT, SEED })) {
  if (!Number.isFinite(v) || v < 0) {
    console.error(`bad --${name.toLowerCase().replace("_", "-")}: ${v}`);
    process.exit(2);
  }
}
const h = createHarness({
  name: "holds",
  port: PORT,
  useRedis: USE_REDIS,
  workers: WORKERS,
  // One keep-alive pool sized to the largest phase.
  maxSockets: Math.max(CONCURRENCY, VIEWERS + 16, MAP_CLIENTS) + 16,
  serverName: "next start",
});
const { request, redisCommand } = h;

const TARGETS = { holdP99Ms: 250, ratio: 0.3, readP95Ms: 20 };

// ---- the hall (bench/harness.ts): 25 rows × 40 seats; the best rows -------------------------
const BEST_ROWS = [12, 13, 14, 15, 16, 17]; // M–R: the middle of the hall

// ---- workload: fixed by --seed, the same for the app and the baseline ------------------------
const shuffle = <T>(xs: T[], rand: () => number): T[] => {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
};

type Plan = { n: number; best: boolean; primary: number[]; seed: number };

function makePlans(count: number, seed: number): Plan[] {
  const rand = rng(seed);
  return Array.from({ length: count }, () => {
    const n = 1 + Math.floor(rand() * 4);
    const best = rand() < 0.6;
    const r = best ? BEST_ROWS[Math.floor(rand() * BEST_ROWS.length)]! : Math.floor(rand() * ROWS);
    const half = rand() < 0.5 ? 0 : 1;
    const start = Math.floor(rand() * (HALF - n + 1));
    const primary = Array.from({ length: n }, (_, j) => r * PER_ROW + half * HALF + start + j);
    return { n, best, primary, seed: Math.floor(rand() * 2 ** 32) };
  });
}

/** The buyer's second try: the first block of n adjacent seats it does not know to be taken. */
function retryBlock(plan: Plan, taken: Uint8Array): number[] | null {
  const rand = rng(plan.seed);
  const all = Array.from({ length: ROWS }, (_, r) => r);
  const rows = plan.best
    ? [...shuffle([...BEST_ROWS], rand), ...shuffle(all.filter((r) => !BEST_ROWS.includes(r)), rand)]
    : shuffle(all, rand);
  for (const r of rows) {
    for (const half of shuffle([0, 1], rand)) {
      const starts = shuffle(Array.from({ length: HALF - plan.n + 1 }, (_, s) => s), rand);
      for (const s of starts) {
        const block = Array.from({ length: plan.n }, (_, j) => r * PER_ROW + half * HALF + s + j);
        if (block.every((i) => !taken[i])) return block;
      }
    }
  }
  return null;
}

/** A buyer's seat choices: its own block, then (lazily, after the first answer) one it believes free, or null. */
function* tries(plan: Plan, taken: Uint8Array): Generator<number[] | null> {
  yield plan.primary;
  yield retryBlock(plan, taken);
}

// ---- HTTP: the parts of the API's answers the bench looks at --------------------------------
type Body = {
  booking?: { id?: string; status?: string; seats?: { seatId?: string; id?: string }[] };
  error?: { code?: string; details?: { seatIds?: unknown } };
  status?: unknown;
  version?: unknown;
};

const json = (res: Res) => jsonBody<Body>(res);

// ---- flash sale -------------------------------------------------------------------------------
type SaleResult = {
  name: string;
  buyers: number;
  bookings: number; // bookings started (app: initiate answered)
  deadlocks: number; // raw: transactions Postgres aborted as deadlocked, then retried
  attempts: number;
  holds: Map<string, number[]>; // booking id → seat indexes
  conflicts: number;
  gaveUp: number;
  lostOut: number; // buyers left with no seats (gave up, or two conflicts)
  errors: Errors;
  seconds: number;
  lockLat: number[];
  okLat: number[];
  initLat: number[];
};

function newSale(name: string, buyers: number): SaleResult {
  return { name, buyers, bookings: 0, deadlocks: 0, attempts: 0, holds: new Map(), conflicts: 0, gaveUp: 0, lostOut: 0, errors: h.errors(), seconds: 0, lockLat: [], okLat: [], initLat: [] };
}

const seatsHeld = (r: SaleResult) => [...r.holds.values()].reduce((n, s) => n + s.length, 0);

type Drive = (buyer: (i: number) => Promise<void>) => Promise<number>;
const closedLoop: Drive = (buyer) => runBuyers(BUYERS, CONCURRENCY, buyer);

async function appSale(world: World, showId: string, plans: Plan[], name = "app  HTTP", drive: Drive = closedLoop): Promise<SaleResult> {
  const r = newSale(name, plans.length);
  const taken = new Uint8Array(SEATS);
  r.seconds = await drive(async (i) => {
    const plan = plans[i]!;
    const user = world.users[i]!;
    const bookingId = await h.initiate(r, user.token, showId);
    if (!bookingId) return;
    r.bookings++;
    let t: number;
    let res: Res;

    for (const seats of tries(plan, taken)) {
      if (!seats) {
        r.gaveUp++;
        break;
      }
      const seatIds = seats.map((s) => world.seatIds[s]!);
      t = performance.now();
      try {
        res = await request("POST", `/api/v1/bookings/${bookingId}/lock-seats`, { token: user.token, body: { seatIds } });
      } catch (err) {
        return r.errors.add("lock-seats", (err as Error).message);
      }
      const ms = performance.now() - t;
      r.attempts++;
      r.lockLat.push(ms);
      const body = json(res);
      if (res.status === 200) {
        const b = body.booking ?? {};
        const got = new Set((Array.isArray(b.seats) ? b.seats : []).map((s) => s.seatId ?? s.id));
        if (b.status !== "LOCKED" || got.size !== seatIds.length || !seatIds.every((id) => got.has(id))) {
          return r.errors.add("lock-seats (200 without exactly the seats asked for)", describe(res));
        }
        r.okLat.push(ms);
        for (const s of seats) taken[s] = 1;
        r.holds.set(bookingId, seats);
        return;
      }
      if (res.status === 409 && body.error?.code === "SEATS_UNAVAILABLE") {
        r.conflicts++;
        const named: unknown = body.error?.details?.seatIds;
        for (const id of Array.isArray(named) ? named : []) {
          const s = world.indexOf.get(String(id));
          if (s !== undefined) taken[s] = 1;
        }
        continue;
      }
      return r.errors.add("lock-seats", describe(res));
    }
    r.lostOut++;
  });
  return r;
}

class Conflict extends Error {
  constructor(readonly taken: string[]) {
    super("conflict");
  }
}

// The UPDATE is the app's phase 2 statement: the wanted rows locked in id order, then the
// conditional, versioned UPDATE. (A bare UPDATE locks rows in whatever order its plan visits
// them, so overlapping requests deadlock now and then, each costing deadlock_timeout — a second —
// which made the baseline swing from run to run.) Should Postgres still abort one as deadlocked,
// the raw client retries it (retryDeadlocks); counted and reported, not errors.
async function rawSale(world: World, showId: string, plans: Plan[], sql: postgres.Sql): Promise<SaleResult> {
  const r = newSale("raw  SQL", plans.length);
  const taken = new Uint8Array(SEATS);
  r.seconds = await runBuyers(plans.length, CONCURRENCY, async (i) => {
    const plan = plans[i]!;
    const user = world.users[i]!;
    for (const seats of tries(plan, taken)) {
      if (!seats) {
        r.gaveUp++;
        break;
      }
      const seatIds = seats.map((s) => world.seatIds[s]!);
      const t = performance.now();
      try {
        const bookingId = await retryDeadlocks(r, () =>
          sql.begin(async (tx) => {
            const [b] = await tx<{ id: string }[]>`
              INSERT INTO bookings (reference, user_id, show_id, status, currency, expires_at)
              VALUES (${`BL${randomBytes(6).toString("hex")}`}, ${user.id}, ${showId}, 'LOCKED', 'INR', now() + interval '10 minutes')
              RETURNING id`;
            const rows = await tx<{ seat_id: string }[]>`
              WITH wanted AS (
                SELECT id, version FROM show_seats WHERE show_id = ${showId} AND seat_id = ANY(${seatIds}::uuid[]) ORDER BY id FOR UPDATE
              )
              UPDATE show_seats ss SET status = 'LOCKED', locked_by_booking_id = ${b!.id}, lock_expiry = now() + interval '10 minutes', version = ss.version + 1
              FROM wanted
              WHERE ss.id = wanted.id AND ss.version = wanted.version
                AND (ss.status = 'AVAILABLE' OR (ss.status = 'LOCKED' AND ss.lock_expiry < now()))
              RETURNING ss.seat_id`;
            if (rows.length < seatIds.length) {
              const got = new Set(rows.map((x) => x.seat_id));
              throw new Conflict(seatIds.filter((id) => !got.has(id)));
            }
            return b!.id;
          }),
        );
        const ms = performance.now() - t;
        r.attempts++;
        r.lockLat.push(ms);
        r.okLat.push(ms);
        for (const s of seats) taken[s] = 1;
        r.holds.set(bookingId, seats);
        return;
      } catch (err) {
        if (!(err instanceof Conflict)) return r.errors.add("raw hold", (err as Error).message);
        r.attempts++;
        r.lockLat.push(performance.now() - t);
        r.conflicts++;
        for (const id of err.taken) taken[world.indexOf.get(id)!] = 1;
      }
    }
    r.lostOut++;
  });
  return r;
}

// ---- audit: straight in Postgres ---------------------------------------------------------------
async function audit(sql: postgres.Sql, world: World, showId: string, sale: SaleResult, full: boolean): Promise<Check[]> {
  const checks: Check[] = [];
  const add = (name: string, bad: number, detail = `${bad} violating rows`) => checks.push({ name, ok: bad === 0, detail: bad === 0 ? "" : detail });
  const n = async (q: postgres.PendingQuery<postgres.Row[]>) => Number((await q)[0]!.n);

  const [counts] = await sql<{ total: number; available: number; locked: number; other: number }[]>`
    SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'AVAILABLE')::int AS available,
           count(*) FILTER (WHERE status = 'LOCKED')::int AS locked, count(*) FILTER (WHERE status NOT IN ('AVAILABLE', 'LOCKED'))::int AS other
    FROM show_seats WHERE show_id = ${showId}`;
  const c = counts!;
  const expected = seatsHeld(sale);
  checks.push({
    name: "none lost: every seat is AVAILABLE or LOCKED, one row each",
    ok: c.total === SEATS && c.available + c.locked === SEATS && c.other === 0,
    detail: `${c.total} rows, ${c.available} available, ${c.locked} locked, ${c.other} other`,
  });
  checks.push({
    name: "LOCKED seats = seats of successful holds",
    ok: c.locked === expected,
    detail: `${c.locked} locked in Postgres, ${expected} held by buyers`,
  });
  add(
    "every LOCKED seat's booking is LOCKED, of this show, and lists it",
    await n(sql`
      SELECT count(*)::int AS n FROM show_seats ss
      LEFT JOIN bookings b ON b.id = ss.locked_by_booking_id
      ${full ? sql`LEFT JOIN booking_seats bs ON bs.booking_id = ss.locked_by_booking_id AND bs.show_seat_id = ss.id AND bs.seat_id = ss.seat_id` : sql``}
      WHERE ss.show_id = ${showId} AND ss.status = 'LOCKED'
        AND (b.id IS NULL OR b.status <> 'LOCKED' OR b.show_id <> ss.show_id ${full ? sql`OR bs.booking_id IS NULL` : sql``})`),
  );

  // What each buyer was told it holds is what Postgres says that booking holds.
  const mismatched = await mismatchedBookings(world, showId, "LOCKED", sale.holds);
  add("each successful hold holds exactly its seats, and no other booking holds any", mismatched, `${mismatched} bookings disagree`);

  if (full) {
    add(
      "every booking_seats row of a LOCKED booking is a seat that booking holds",
      await n(sql`
        SELECT count(*)::int AS n FROM booking_seats bs JOIN bookings b ON b.id = bs.booking_id
        LEFT JOIN show_seats ss ON ss.id = bs.show_seat_id
        WHERE b.show_id = ${showId} AND b.status = 'LOCKED'
          AND (ss.id IS NULL OR ss.show_id <> b.show_id OR ss.status <> 'LOCKED' OR ss.locked_by_booking_id IS DISTINCT FROM b.id OR ss.seat_id <> bs.seat_id)`),
    );
    add(
      "no seat under two active bookings (booking_seats)",
      await n(sql`
        SELECT count(*)::int AS n FROM (
          SELECT bs.show_seat_id FROM booking_seats bs JOIN bookings b ON b.id = bs.booking_id
          WHERE b.show_id = ${showId} AND b.status IN ('INITIATED', 'LOCKED', 'PAYMENT_PENDING', 'CONFIRMED')
          GROUP BY bs.show_seat_id HAVING count(*) > 1) x`),
    );
    add(
      "buyers who lost out hold nothing (no booking_seats outside LOCKED bookings)",
      await n(sql`
        SELECT count(*)::int AS n FROM booking_seats bs JOIN bookings b ON b.id = bs.booking_id
        WHERE b.show_id = ${showId} AND b.status <> 'LOCKED'`),
    );
    const [bk] = await sql<{ locked: number; initiated: number; other: number }[]>`
      SELECT count(*) FILTER (WHERE status = 'LOCKED')::int AS locked, count(*) FILTER (WHERE status = 'INITIATED')::int AS initiated,
             count(*) FILTER (WHERE status NOT IN ('LOCKED', 'INITIATED'))::int AS other
      FROM bookings WHERE show_id = ${showId}`;
    checks.push({
      name: "LOCKED bookings = successful holds; the rest still INITIATED",
      ok: bk!.locked === sale.holds.size && bk!.other === 0 && bk!.locked + bk!.initiated === sale.bookings,
      detail: `${bk!.locked} LOCKED, ${bk!.initiated} INITIATED, ${bk!.other} other; ${sale.holds.size} holds`,
    });
  }
  return checks;
}

// ---- seat-map reads -------------------------------------------------------------------------
type ReadResult = { name: string; clients: number; n: number; ok200: number; n304: number; errors: Errors; rps: number; lat: number[]; bytes: number; regressions: number };

async function statusReaders(world: World, showId: string, bgUsers: { id: string; token: string }[]): Promise<{ reads: ReadResult; bg: { holds: number; conflicts: number; errors: Errors } }> {
  const reads: ReadResult = { name: "status, If-None-Match", clients: VIEWERS, n: 0, ok200: 0, n304: 0, errors: h.errors(), rps: 0, lat: [], bytes: 0, regressions: 0 };
  const bg = { holds: 0, conflicts: 0, errors: h.errors() };
  const taken = new Uint8Array(SEATS);
  const { status: first } = json(await request("GET", `/api/v1/shows/${showId}/seats?view=status`));
  if (typeof first === "string") for (let i = 0; i < first.length && i < SEATS; i++) if (first[i] !== "A") taken[i] = 1;
  const until = performance.now() + SECONDS * 1000;
  const rand = rng(SEED + 7);
  let nextUser = 0;

  // A light background of holds, so the status keeps changing under the viewers.
  const holders = Array.from({ length: 4 }, async () => {
    while (performance.now() < until && nextUser < bgUsers.length) {
      const user = bgUsers[nextUser++]!;
      const init = await request("POST", "/api/v1/bookings/initiate", { token: user.token, body: { showId } }).catch((e: Error) => ({ status: 0, text: e.message }) as Res);
      const bookingId = json(init).booking?.id as string | undefined;
      if (!bookingId) {
        bg.errors.add("background initiate", describe(init));
        continue;
      }
      const free = [...taken.keys()].filter((s) => !taken[s]);
      if (free.length < 2) break;
      const s = free[Math.floor(rand() * free.length)]!;
      const seats = s % HALF < HALF - 1 && rand() < 0.5 && !taken[s + 1] ? [s, s + 1] : [s];
      const res = await request("POST", `/api/v1/bookings/${bookingId}/lock-seats`, { token: user.token, body: { seatIds: seats.map((x) => world.seatIds[x]!) } }).catch(
        (e: Error) => ({ status: 0, text: e.message }) as Res,
      );
      if (res.status === 200) bg.holds++;
      else if (res.status === 409) bg.conflicts++;
      else bg.errors.add("background lock-seats", describe(res));
      for (const x of seats) taken[x] = 1;
      await sleep(200);
    }
  });

  const t0 = performance.now();
  const viewers = Array.from({ length: VIEWERS }, async (_, v) => {
    let etag: string | undefined;
    let version = -1;
    // Each viewer its own address, as in real life (and its own rate-limit bucket).
    const ip = `10.${(v >> 16) & 255}.${(v >> 8) & 255}.${v & 255}`;
    if (POLL_MS > 0) await sleep(rand() * POLL_MS);
    while (performance.now() < until) {
      const start = performance.now();
      let res: Res;
      try {
        res = await request("GET", `/api/v1/shows/${showId}/seats?view=status`, { headers: { "x-forwarded-for": ip, ...(etag ? { "if-none-match": etag } : {}) } });
      } catch (err) {
        reads.errors.add("seat status", (err as Error).message);
        await sleep(Math.max(POLL_MS, 50));
        continue;
      }
      reads.lat.push(performance.now() - start);
      reads.n++;
      if (res.status === 200) {
        const body = json(res);
        if (typeof body.status !== "string" || body.status.length !== SEATS || typeof body.version !== "number") {
          reads.errors.add("seat status (bad body)", describe(res));
        } else {
          reads.ok200++;
          reads.bytes += res.text.length;
          if ((body.version as number) < version) reads.regressions++;
          version = body.version as number;
          const e = res.headers.etag;
          if (typeof e === "string") etag = e;
        }
      } else if (res.status === 304) reads.n304++;
      else reads.errors.add("seat status", describe(res));
      if (POLL_MS > 0) await sleep(start + POLL_MS - performance.now());
    }
  });
  await Promise.all(viewers);
  reads.rps = reads.n / ((performance.now() - t0) / 1000);
  await Promise.all(holders);
  return { reads, bg };
}

async function fullMapReaders(showId: string): Promise<ReadResult> {
  const r: ReadResult = { name: "full map", clients: MAP_CLIENTS, n: 0, ok200: 0, n304: 0, errors: h.errors(), rps: 0, lat: [], bytes: 0, regressions: 0 };
  const seconds = Math.min(SECONDS, 5);
  const until = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: MAP_CLIENTS }, async (_, v) => {
      const ip = `10.200.${(v >> 8) & 255}.${v & 255}`;
      while (performance.now() < until) {
        const start = performance.now();
        try {
          const res = await request("GET", `/api/v1/shows/${showId}/seats`, { headers: { "x-forwarded-for": ip } });
          r.lat.push(performance.now() - start);
          r.n++;
          if (res.status === 200) {
            r.ok200++;
            r.bytes += res.text.length;
          } else if (res.status === 304) r.n304++;
          else r.errors.add("full seat map", describe(res));
        } catch (err) {
          r.errors.add("full seat map", (err as Error).message);
        }
      }
    }),
  );
  r.rps = r.n / ((performance.now() - t0) / 1000);
  return r;
}

// ---- preflight and warm-up ----------------------------------------------------------------------
async function preflight(world: World, saleShow: string, warmShow: string) {
  const status = await request("GET", `/api/v1/shows/${saleShow}/seats?view=status`);
  const missing = (res: Res, what: string) => {
    if (res.status === 404 || res.status === 405) throw new Missing(`${what} answered ${describe(res)}: the holds API is not in this build (rebuild with \`npm run build\`).`);
  };
  missing(status, `GET /api/v1/shows/{id}/seats?view=status`);
  if (status.status !== 200) throw new Error(`seat status: ${describe(status)}`);
  const full = await request("GET", `/api/v1/shows/${saleShow}/seats`);
  missing(full, `GET /api/v1/shows/{id}/seats`);
  // Warm the hold path (JIT, pools, prepared statements, Redis scripts) on a show the sale does
  // not use: single seats at the back of the hall, by the last users (the sale uses the first).
  const initLat: number[] = [];
  const lockLat: number[] = [];
  for (let j = 0; j < 20; j++) {
    const user = world.users[world.users.length - 1 - j]!;
    let t = performance.now();
    const init = await request("POST", "/api/v1/bookings/initiate", { token: user.token, body: { showId: warmShow } });
    initLat.push(performance.now() - t);
    missing(init, "POST /api/v1/bookings/initiate");
    const bookingId = json(init).booking?.id as string | undefined;
    if (!bookingId) throw new Error(`initiate: ${describe(init)}`);
    t = performance.now();
    const lock = await request("POST", `/api/v1/bookings/${bookingId}/lock-seats`, { token: user.token, body: { seatIds: [world.seatIds[SEATS - 1 - j]!] } });
    lockLat.push(performance.now() - t);
    missing(lock, "POST /api/v1/bookings/{id}/lock-seats");
    if (lock.status !== 200) throw new Error(`lock-seats (warm-up): ${describe(lock)}`);
  }
  const readLat: number[] = [];
  for (let j = 0; j < 50; j++) {
    const t = performance.now();
    await request("GET", `/api/v1/shows/${saleShow}/seats?view=status`);
    readLat.push(performance.now() - t);
  }
  // One at a time, nothing else running: the floor under the loaded numbers.
  const med = (xs: number[]) => f1(pct(xs.slice(5)).p50);
  console.log(`unloaded, one request at a time: initiate p50 ${med(initLat)} ms, lock-seats p50 ${med(lockLat)} ms, status read p50 ${med(readLat)} ms`);
}

async function warmRaw(sql: postgres.Sql, world: World, showId: string) {
  for (let j = 0; j < 20; j++) {
    await sql
      .begin(async (tx) => {
        const [b] = await tx<{ id: string }[]>`
          INSERT INTO bookings (reference, user_id, show_id, status, currency, expires_at)
          VALUES (${`BL${randomBytes(6).toString("hex")}`}, ${world.users[0]!.id}, ${showId}, 'LOCKED', 'INR', now() + interval '10 minutes')
          RETURNING id`;
        await tx`
          UPDATE show_seats SET status = 'LOCKED', locked_by_booking_id = ${b!.id}, lock_expiry = now() + interval '10 minutes', version = version + 1
          WHERE show_id = ${showId} AND seat_id = ANY(${[world.seatIds[j]!]}::uuid[])
            AND (status = 'AVAILABLE' OR (status = 'LOCKED' AND lock_expiry < now()))
          RETURNING seat_id`;
        throw new Conflict([]); // roll back: warm, change nothing
      })
      .catch((err) => {
        if (!(err instanceof Conflict)) throw err;
      });
  }
}

// ---- report -------------------------------------------------------------------------------------
function printSale(results: SaleResult[]) {
  console.log("phase      buyers  attempts  holds  seats  conflicts  lost-out  errors   holds/s  attempts/s   p50 ms   p95 ms   p99 ms  ok p99");
  for (const r of results) {
    const p = pct(r.lockLat);
    console.log(
      `${r.name.padEnd(9)} ${pad(r.buyers, 7)} ${pad(r.attempts, 9)} ${pad(r.holds.size, 6)} ${pad(seatsHeld(r), 6)} ${pad(r.conflicts, 10)} ${pad(r.lostOut, 9)} ${pad(r.errors.count, 7)}` +
        ` ${pad((r.holds.size / r.seconds).toFixed(1), 9)} ${pad((r.attempts / r.seconds).toFixed(1), 11)} ${pad(f1(p.p50), 8)} ${pad(f1(p.p95), 8)} ${pad(f1(p.p99), 8)} ${pad(f1(pct(r.okLat).p99), 7)}`,
    );
  }
}

function printReads(results: ReadResult[]) {
  console.log("reads                      clients  requests     200     304  errors     req/s   p50 ms   p95 ms   p99 ms  avg 200 bytes");
  for (const r of results) {
    const p = pct(r.lat);
    console.log(
      `${r.name.padEnd(26)} ${pad(r.clients, 7)} ${pad(r.n, 9)} ${pad(r.ok200, 7)} ${pad(r.n304, 7)} ${pad(r.errors.count, 7)} ${pad(r.rps.toFixed(0), 9)} ${pad(f1(p.p50), 8)} ${pad(f1(p.p95), 8)} ${pad(f1(p.p99), 8)} ${pad(r.ok200 ? Math.round(r.bytes / r.ok200) : "–", 14)}`,
    );
  }
}

// ---- main ---------------------------------------------------------------------------------------
async function main(): Promise<number> {
  console.log(`setting up ${h.dbName}: ${SEATS} seats, ${BUYERS} buyers…`);
  const world = await h.setupDatabase({
    venue: { name: "Flash Sale Palace", slug: "flash-sale-palace" },
    event: { title: "Flash Sale: The Movie", slug: "flash-sale" },
    users: Math.max(BUYERS, 50),
  });
  const saleShow = await world.newShow("2D");
  const rawShow = await world.newShow("2D raw");
  const viewShow = await world.newShow("2D view");
  const plans = makePlans(BUYERS, SEED);
  const wanted = plans.reduce((n, p) => n + p.n, 0);
  console.log(`workload (seed ${SEED}): ${BUYERS} buyers want ${wanted} seats of ${SEATS}; ${plans.filter((p) => p.best).length} aim at rows ${rowLabel(BEST_ROWS[0]!)}–${rowLabel(BEST_ROWS.at(-1)!)}`);

  // The raw client: one connection per in-flight buyer, up to what the server has spare.
  const rawMax = await h.rawPoolMax(world, args["raw-max"], CONCURRENCY, 10 /* app pool */ + 10 /* headroom */);

  let sale: SaleResult | undefined;
  let saleChecks: Check[] = [];
  let reads: ReadResult | undefined;
  let fullMap: ReadResult | undefined;
  let bg: { holds: number; conflicts: number; errors: Errors } | undefined;
  let redisKeys: number | undefined;
  let mapAgrees: Check | undefined;
  let openLoop: OpenStep<SaleResult>[] = [];
  let openChecks: Check[] = [];

  if (!BASELINE_ONLY) {
    await h.start();
    console.log(`next start on 127.0.0.1:${PORT}, ${WORKERS} worker(s) (Redis ${USE_REDIS ? "on" : "off"})`);
    await preflight(world, saleShow, viewShow); // exits 2 (Missing) when the build lacks the holds API

    console.log(`\nflash sale over HTTP: ${BUYERS} buyers, ${CONCURRENCY} in flight…`);
    sale = await appSale(world, saleShow, plans);
    saleChecks = await audit(world.sql, world, saleShow, sale, true);
    // The seat map agrees with Postgres once its half-second cache has turned over.
    await sleep(700);
    const after = json(await request("GET", `/api/v1/shows/${saleShow}/seats?view=status`)).status;
    const held = typeof after === "string" ? [...after].filter((ch) => ch === "H").length : -1;
    mapAgrees = { name: "seat map shows exactly the held seats as H", ok: held === seatsHeld(sale), detail: `${held} H in the seat map, ${seatsHeld(sale)} held` };
    saleChecks.push(mapAgrees);
    if (USE_REDIS) {
      const { seatKey } = await import("@/lib/seating/redis-holds");
      const keys = await redisCommand(["KEYS", seatKey(saleShow, "*")]).catch(() => undefined);
      redisKeys = Array.isArray(keys) ? keys.length : undefined;
    }

    // The same sale at steady arrival rates up to the closed loop's: latency below saturation.
    ({ steps: openLoop, checks: openChecks } = await openLoopSteps({
      fractions: OPEN_LOOP,
      buyers: BUYERS,
      seed: SEED,
      closedRate: BUYERS / sale.seconds,
      unit: "buyers",
      newShow: (label) => world.newShow(label),
      run: (show, name, drive) => appSale(world, show, plans, name, drive),
      audit: (show, r) => audit(world.sql, world, show, r, true),
    }));
  }

  console.log(`\nraw baseline: the same ${BUYERS} buyers, ${CONCURRENCY} in flight, postgres.js pool of ${rawMax}…`);
  const { base, baseChecks } = await h.withRawClient(rawMax, async (raw) => {
    await warmRaw(raw, world, rawShow);
    const base = await rawSale(world, rawShow, plans, raw);
    return { base, baseChecks: await audit(world.sql, world, rawShow, base, false) };
  });

  if (!BASELINE_ONLY) {
    console.log(`\nseat-map reads: ${VIEWERS} viewers ${POLL_MS > 0 ? `polling every ${POLL_MS} ms` : "back to back"} for ${SECONDS} s, with background holds…`);
    const bgUsers = world.users.slice(0, Math.max(0, world.users.length - 20)); // the warm-up's users already hold seats there
    ({ reads, bg } = await statusReaders(world, viewShow, bgUsers));
    console.log(`full seat map: ${MAP_CLIENTS} clients back to back for ${Math.min(SECONDS, 5)} s…`);
    fullMap = await fullMapReaders(viewShow);
  }

  // ---- the report ----
  console.log(`\n== Flash sale: ${BUYERS} buyers, 1–4 adjacent seats each, ${SEATS}-seat show, ${CONCURRENCY} in flight, Redis ${BASELINE_ONLY ? "n/a" : USE_REDIS ? "on" : "off"} ==`);
  console.log("(latency: the hold request — lock-seats over HTTP, the INSERT+UPDATE transaction raw; \"ok p99\": successful holds only)");
  printSale(sale ? [sale, base] : [base]);
  if (sale) {
    const ip = pct(sale.initLat);
    console.log(`app initiate: p50 ${f1(ip.p50)} ms, p95 ${f1(ip.p95)} ms, p99 ${f1(ip.p99)} ms; wall ${sale.seconds.toFixed(2)} s (raw ${base.seconds.toFixed(2)} s)`);
    if (redisKeys !== undefined) console.log(`Redis phase-1 hold keys for the show: ${redisKeys} (Postgres: ${seatsHeld(sale)} LOCKED)`);
  }
  if (base.deadlocks) console.log(`raw baseline: ${base.deadlocks} deadlock(s), retried (latency includes the wait)`);
  const ratio = sale ? sale.holds.size / sale.seconds / (base.holds.size / base.seconds) : NaN;
  if (sale) console.log(`app/baseline hold throughput: ${ratio.toFixed(2)}`);
  printErrors([sale, base]);

  if (openLoop.length) {
    printOpenLoopHeading(BUYERS, SEATS, "; hold = lock-seats over HTTP");
    console.log("step        buyers/s  attempts/s  holds  conflicts  errors  hold p50  hold p95  hold p99  initiate p99  late arrivals");
    for (const { rate, lagMs, result: r } of openLoop) {
      const p = pct(r.lockLat);
      console.log(
        `${r.name.padEnd(10)} ${pad(rate.toFixed(0), 9)} ${pad((r.attempts / r.seconds).toFixed(0), 11)} ${pad(r.holds.size, 6)} ${pad(r.conflicts, 10)} ${pad(r.errors.count, 7)}` +
          ` ${pad(f1(p.p50), 9)} ${pad(f1(p.p95), 9)} ${pad(f1(p.p99), 9)} ${pad(f1(pct(r.initLat).p99), 13)} ${pad(`≤ ${f1(lagMs)} ms`, 14)}`,
      );
    }
    printOpenLoopVerdict(openLoop, (r) => pct(r.lockLat).p99 < TARGETS.holdP99Ms, `hold p99 < ${TARGETS.holdP99Ms} ms`, (s) => ` (${(s.result.attempts / s.result.seconds).toFixed(0)} hold attempts/s)`);
    printErrors(openLoop.map((o) => o.result));
  }

  if (reads && fullMap) {
    console.log(`\n== Seat-map reads (${SEATS}-seat show${bg ? `, ${bg.holds} background holds, ${bg.conflicts} conflicts` : ""}) ==`);
    printReads([reads, fullMap]);
    printErrors([reads, fullMap, bg && { name: "background hold", errors: bg.errors }]);
    console.log(`status version went backwards for a viewer: ${reads.regressions} time(s)${reads.regressions ? "  (WARN: `version` should only grow)" : ""}`);
  }

  console.log("");
  if (sale) printChecks("audit (app show):", saleChecks);
  if (openChecks.length) printChecks("audit (open-loop shows):", openChecks);
  printChecks("audit (baseline show):", baseChecks);
  const auditOk = [...saleChecks, ...openChecks, ...baseChecks].every((c) => c.ok);
  const errorCount = (sale?.errors.count ?? 0) + openLoop.reduce((n, o) => n + o.result.errors.count, 0) + base.errors.count + (reads?.errors.count ?? 0) + (fullMap?.errors.count ?? 0) + (bg?.errors.count ?? 0);

  const rows: Target[] = [];
  if (sale && reads) {
    const holdP99 = pct(sale.lockLat).p99;
    const readP95 = pct(reads.lat).p95;
    rows.push({ name: "hold p99 (lock-seats over HTTP)", value: `${f1(holdP99)} ms`, target: `< ${TARGETS.holdP99Ms} ms`, ok: holdP99 < TARGETS.holdP99Ms });
    rows.push({ name: "app/baseline hold throughput", value: ratio.toFixed(2), target: `≥ ${TARGETS.ratio}`, ok: ratio >= TARGETS.ratio });
    rows.push({ name: `seat-map status read p95 (${VIEWERS} viewers)`, value: `${f1(readP95)} ms`, target: `< ${TARGETS.readP95Ms} ms`, ok: readP95 < TARGETS.readP95Ms });
  }
  rows.push({ name: "audit: seats held exactly once, none lost", value: auditOk ? "PASS" : "FAIL", target: "PASS", ok: auditOk });
  rows.push({ name: "errors", value: String(errorCount), target: "0", ok: errorCount === 0 });
  printTargets(rows);
  return exitStatus({ auditOk, errorCount, strict: args.strict, targets: rows });
}

await h.run(main);
