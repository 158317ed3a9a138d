// What the HTTP benchmarks (bench/holds.ts, bench/purchase.ts) share: the hall they seed, the
// seeded random numbers, latency percentiles, error sampling, and the harness that runs a bench —
// a fresh database on the DATABASE_URL server (migrated, seeded, dropped at the end), the Upstash
// REST bridge in front of REDIS_URL, the production server on its port, a keep-alive HTTP client
// for it, cleanup on exit and on SIGINT/SIGTERM, and the report's common tables.
//
// The app reads its env once, on first use: nothing here imports it before setupDatabase() has
// pointed this process's env at the bench database.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import path from "node:path";
import postgres from "postgres";

// ---- the hall: 25 rows × 40 seats, an aisle of two grid columns down the middle -------------
export const ROWS = 25;
export const PER_ROW = 40;
export const HALF = PER_ROW / 2;
export const AISLE = 2;
export const SEATS = ROWS * PER_ROW;
export const PRICES = { REGULAR: 25000, PREMIUM: 40000, RECLINER: 65000, ACCESSIBLE: 25000, COMPANION: 25000 } as const;
export type SeatType = keyof typeof PRICES;
export const rowLabel = (r: number) => String.fromCharCode(65 + r);
export function seatType(r: number, k: number): SeatType {
  if (r >= 22) return "RECLINER";
  if (r >= 15) return "PREMIUM";
  if (r === 0 && (k < 2 || k >= PER_ROW - 2)) return "ACCESSIBLE";
  return "REGULAR";
}

// ---- workload and measurement ---------------------------------------------------------------
/** A seeded generator of numbers in [0, 1): the same --seed, the same workload. */
export function rng(seed: number) {
  seed = seed >>> 0;
  return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type Pct = { p50: number; p95: number; p99: number; max: number };
export function pct(latencies: number[]): Pct {
  const xs = [...latencies].sort((a, b) => a - b);
  const q = (p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? NaN;
  return { p50: q(0.5), p95: q(0.95), p99: q(0.99), max: xs.at(-1) ?? NaN };
}

/** Counts errors and keeps the first few distinct messages (printed as they come, unless `quiet()`). */
export class Errors {
  count = 0;
  private samples = new Map<string, number>();
  constructor(private readonly quiet: () => boolean = () => false) {}
  add(where: string, what: string) {
    this.count++;
    const key = `${where}: ${what.slice(0, 300)}`;
    const seen = this.samples.get(key);
    if (seen !== undefined) this.samples.set(key, seen + 1);
    else if (this.samples.size < 10) {
      this.samples.set(key, 1);
      if (!this.quiet()) console.error(`  error ${key}`);
    }
  }
  print(indent = "  ") {
    for (const [k, n] of this.samples) console.log(`${indent}${n}× ${k}`);
    const shown = [...this.samples.values()].reduce((a, b) => a + b, 0);
    if (this.count > shown) console.log(`${indent}${this.count - shown} more, with other messages`);
  }
}

/** Runs buyer(0 … buyers-1), `concurrency` at a time; answers the wall time in seconds. */
export async function runBuyers(buyers: number, concurrency: number, buyer: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, buyers) }, async () => {
      while (next < buyers) await buyer(next++);
    }),
  );
  return (performance.now() - t0) / 1000;
}

/**
 * Open loop: buyer i starts at its own arrival time (a Poisson process at `perSecond`, fixed by
 * `seed`) whether or not earlier buyers are done, so a slow answer cannot hold back the arrivals
 * behind it and hide its cost (no coordinated omission). Resolves when every buyer is done, with
 * the seconds from the first arrival to then, and `lagMs`: how late the latest arrival started
 * (the load generator falling behind its own schedule).
 */
export async function arriveBuyers(buyers: number, perSecond: number, seed: number, buyer: (i: number) => Promise<void>): Promise<{ seconds: number; lagMs: number }> {
  const rand = rng(seed);
  const running: Promise<void>[] = [];
  const t0 = performance.now();
  let at = 0;
  let lagMs = 0;
  for (let i = 0; i < buyers; i++) {
    at += (-Math.log(1 - rand()) / perSecond) * 1000;
    const wait = t0 + at - performance.now();
    if (wait >= 1) await sleep(wait);
    lagMs = Math.max(lagMs, performance.now() - (t0 + at));
    running.push(buyer(i));
  }
  await Promise.all(running);
  return { seconds: (performance.now() - t0) / 1000, lagMs };
}

// ---- open loop: the same workload at steady arrival rates --------------------------------------
/** `--open-loop`: fractions of the closed loop's rate, one step each ("" for none). */
export const OPEN_LOOP_OPTION = { type: "string", default: "0.5,0.7,0.85,1" } as const;

export function parseOpenLoop(text: string | undefined): number[] {
  const fractions = (text ?? "").split(",").filter((x) => x.trim() !== "").map(Number);
  if (fractions.some((f) => !Number.isFinite(f) || f <= 0 || f > 2)) {
    console.error(`bad --open-loop: ${text} (fractions of the closed loop's rate, e.g. 0.5,0.7,0.85)`);
    process.exit(2);
  }
  return fractions;
}

export type OpenStep<R> = { fraction: number; rate: number; lagMs: number; result: R };

/**
 * The closed loop's workload again, once per fraction, each on a fresh show and with buyers
 * arriving at that fraction of `closedRate` (arriveBuyers): the latency buyers see when the
 * server is not saturated. Each step is audited like the closed loop; its checks are named by step.
 */
export async function openLoopSteps<R extends { name: string }>(opts: {
  fractions: number[];
  buyers: number;
  seed: number;
  closedRate: number;
  unit: string; // what closedRate counts, per second
  newShow: (label: string) => Promise<string>;
  run: (showId: string, name: string, drive: (buyer: (i: number) => Promise<void>) => Promise<number>) => Promise<R>;
  audit: (showId: string, result: R) => Promise<Check[]>;
}): Promise<{ steps: OpenStep<R>[]; checks: Check[] }> {
  const steps: OpenStep<R>[] = [];
  const checks: Check[] = [];
  for (const [k, fraction] of opts.fractions.entries()) {
    const rate = opts.closedRate * fraction;
    const pctOf = Math.round(fraction * 100);
    console.log(`open loop ${k + 1}/${opts.fractions.length}: ${opts.buyers} buyers arriving at ${rate.toFixed(0)}/s (${pctOf}% of the closed loop's ${opts.closedRate.toFixed(0)} ${opts.unit}/s)…`);
    const show = await opts.newShow(`2D open ${k + 1}`);
    let lagMs = 0;
    const result = await opts.run(show, `open ${pctOf}%`, async (buyer) => {
      const run = await arriveBuyers(opts.buyers, rate, opts.seed + k + 1, buyer);
      lagMs = run.lagMs;
      return run.seconds;
    });
    steps.push({ fraction, rate, lagMs, result });
    checks.push(...(await opts.audit(show, result)).map((c) => ({ ...c, name: `[${result.name}] ${c.name}` })));
  }
  return { steps, checks };
}

/** The open loop's section title; then the bench prints its own table. */
export function printOpenLoopHeading(buyers: number, seats: number, note = ""): void {
  console.log(`\n== Open loop: the same ${buyers} buyers arriving at a steady rate (Poisson), each step on a fresh ${seats}-seat show ==`);
  console.log(`(an arrival never waits for earlier buyers, so every queueing delay shows in the latency${note})`);
}

/** The report's last line on the open loop: the fastest tested arrival rate that kept the target. */
export function printOpenLoopVerdict<R>(steps: OpenStep<R>[], keeps: (r: R) => boolean, target: string, extra: (s: OpenStep<R>) => string = () => ""): void {
  const best = steps.filter((s) => keeps(s.result)).sort((a, b) => b.rate - a.rate)[0];
  console.log(
    best
      ? `highest tested arrival rate with ${target}: ${best.rate.toFixed(0)} buyers/s${extra(best)}, ${Math.round(best.fraction * 100)}% of the closed loop's rate`
      : `no tested arrival rate kept ${target}`,
  );
}

/**
 * Runs a raw baseline transaction again when Postgres aborted it as deadlocked (or as a
 * serialization failure), up to three times; each retry is counted in `r.deadlocks`, not an error.
 */
export async function retryDeadlocks<T>(r: { deadlocks: number }, run: () => Promise<T>): Promise<T> {
  for (let tries = 0; ; tries++) {
    try {
      return await run();
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (tries >= 3 || (code !== "40P01" && code !== "40001")) throw err;
      r.deadlocks++;
    }
  }
}

// ---- HTTP answers ---------------------------------------------------------------------------
export type Res = { status: number; headers: http.IncomingHttpHeaders; text: string };

/** The answer's JSON object, as the parts a bench looks at (`T`, all optional); {} when it is not one. */
export function jsonBody<T extends object>(res: Res): Partial<T> {
  try {
    const body: unknown = JSON.parse(res.text);
    return body && typeof body === "object" ? (body as Partial<T>) : {};
  } catch {
    return {};
  }
}
export const describe = (res: Res) => `${res.status} ${res.text.slice(0, 200)}`;

/** A route the bench needs answered 404/405: the build predates it. run() prints the message and exits 2. */
export class Missing extends Error {}

// ---- report -----------------------------------------------------------------------------------
export const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "–");
export const pad = (s: string | number, n: number) => String(s).padStart(n);

export type Check = { name: string; ok: boolean; detail: string };

export function printChecks(title: string, checks: Check[]) {
  console.log(title);
  for (const c of checks) console.log(`  ${c.ok ? "PASS" : "FAIL"}  ${c.name}${c.detail && !c.ok ? `: ${c.detail}` : c.detail ? ` (${c.detail})` : ""}`);
}

/**
 * How many bookings disagree with what the bench was told: each booking in `told` (booking id →
 * seat indexes) must have exactly those seats of the show in `status` in Postgres, and no other
 * booking may have any.
 */
export async function mismatchedBookings(world: World, showId: string, status: "LOCKED" | "BOOKED", told: Map<string, number[]>): Promise<number> {
  const rows = await world.sql<{ booking_id: string; seat_id: string }[]>`
    SELECT locked_by_booking_id AS booking_id, seat_id FROM show_seats WHERE show_id = ${showId} AND status = ${status}`;
  const inDb = new Map<string, Set<number>>();
  for (const row of rows) {
    const set = inDb.get(row.booking_id) ?? new Set<number>();
    set.add(world.indexOf.get(row.seat_id)!);
    inDb.set(row.booking_id, set);
  }
  let mismatched = 0;
  for (const [bookingId, seats] of told) {
    const got = inDb.get(bookingId);
    if (!got || got.size !== seats.length || !seats.every((s) => got.has(s))) mismatched++;
  }
  for (const bookingId of inDb.keys()) if (!told.has(bookingId)) mismatched++;
  return mismatched;
}

/** "<name> errors:" and the samples, for each result that had any. */
export function printErrors(results: ({ name: string; errors: Errors } | undefined)[]) {
  for (const r of results) {
    if (r?.errors.count) {
      console.log(`${r.name.trim()} errors:`);
      r.errors.print();
    }
  }
}

export type Target = { name: string; value: string; target: string; ok: boolean };

export function printTargets(rows: Target[]) {
  console.log("\ntarget                                        value        target");
  for (const r of rows) console.log(`${r.name.padEnd(45)} ${r.value.padEnd(12)} ${r.target.padEnd(10)} ${r.ok ? "✓" : "✗"}`);
}

/** 1 when the run is not valid (a failed audit, any error), or with `strict` when a target was missed; else 0. */
export function exitStatus(run: { auditOk: boolean; errorCount: number; strict: boolean; targets: Target[] }): number {
  if (!run.auditOk || run.errorCount > 0) return 1;
  if (run.strict && run.targets.some((r) => !r.ok)) return 1;
  return 0;
}

// ---- child processes ---------------------------------------------------------------------------
async function stopChild(child: ChildProcess | undefined) {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const kill = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig); // its own process group: its workers and children too
    } catch {}
  };
  kill("SIGTERM");
  const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
  if (!done) kill("SIGKILL");
}

async function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/", timeout: 1000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on("error", () => resolve(false));
    req.on("timeout", () => {
      req.destroy();
      resolve(true);
    });
  });
}

async function waitFor(what: string, child: ChildProcess, ready: () => Promise<boolean>, seconds: number) {
  const exit = new Promise<string>((r) => child.once("exit", (code, sig) => r(`${what} exited (${sig ?? code})`)));
  let exited: string | undefined;
  void exit.then((m) => (exited = m));
  for (let t = 0; t < seconds * 4; t++) {
    if (exited) throw new Error(exited);
    if (await ready().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`${what} did not come up within ${seconds} s`);
}

// ---- the harness ------------------------------------------------------------------------------
export type User = { id: string; token: string };

/** The seeded database: one hall, shows of it made on demand, buyers with bearer tokens. */
export type World = {
  sql: postgres.Sql; // a small pool on the bench database, for audits (ended by cleanup)
  seatIds: string[]; // by seat index r * PER_ROW + k
  indexOf: Map<string, number>;
  users: User[]; // in the order of their emails: buyer-000001, buyer-000002, …
  newShow: (label: string) => Promise<string>;
};

export type SeedOptions = {
  venue: { name: string; slug: string }; // the slug gets a random suffix
  event: { title: string; slug: string }; // likewise
  users: number;
};

export type HarnessOptions = {
  /** The database is marquee_bench_<name>_<pid>. */
  name: string;
  /** The server's port; the bridge listens on the next one. */
  port: number;
  /** Start the Upstash REST bridge and point the server at it. */
  useRedis: boolean;
  /** next-server processes (WEB_CONCURRENCY). */
  workers: number;
  /** The keep-alive pool's size. */
  maxSockets: number;
  /** The server, as named when it fails to come up. */
  serverName: string;
  /** Changes to the server's env beyond the common ones (it is started with a copy of this process's env). */
  serverEnv?: (env: NodeJS.ProcessEnv) => void;
};

export type Harness = ReturnType<typeof createHarness>;

/**
 * One bench run's processes, database and HTTP client. Exits (2) when DATABASE_URL is not set.
 * Registers SIGINT/SIGTERM handlers that clean up and exit: create one per process.
 */
/**
 * --workers: next-server processes (WEB_CONCURRENCY). One by default: on this 2-core machine
 * Postgres, the Redis bridge and the clients share the cores, and a second worker measured
 * slower (holds ~395 vs ~450 attempts/s, purchases 54 vs 72/s).
 */
export const WORKERS_OPTION = { type: "string", default: "1" } as const;

export function createHarness(opts: HarnessOptions) {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    console.error("Set DATABASE_URL to a Postgres server, e.g. postgres://postgres@127.0.0.1:5432/postgres");
    process.exit(2);
  }
  const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379";
  const { port, useRedis } = opts;
  const bridgePort = port + 1;
  const dbName = `marquee_bench_${opts.name}_${process.pid}`;
  const benchUrl = (() => {
    const u = new URL(baseUrl);
    u.pathname = `/${dbName}`;
    return u.toString();
  })();
  const authSecret = randomBytes(32).toString("base64url");
  const bridgeToken = randomBytes(24).toString("base64url");
  const originalEnv = { ...process.env };

  let dbCreated = false;
  let server: ChildProcess | undefined;
  let bridge: ChildProcess | undefined;
  let pg: postgres.Sql | undefined;
  const showIds: string[] = [];
  let stopping = false; // interrupted: what fails from here on is us tearing down

  // ---- HTTP: one keep-alive pool -------------------------------------------------------------
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.maxSockets, maxFreeSockets: 1024 });

  function request(method: string, urlPath: string, o: { token?: string; body?: unknown; headers?: Record<string, string> } = {}, retried = false): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      const payload = o.body === undefined ? undefined : JSON.stringify(o.body);
      const headers: Record<string, string> = { accept: "application/json", ...o.headers };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      if (payload !== undefined) {
        headers["content-type"] = "application/json";
        headers["content-length"] = String(Buffer.byteLength(payload));
      }
      const req = http.request({ host: "127.0.0.1", port, method, path: urlPath, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      });
      req.setTimeout(30_000, () => req.destroy(new Error("timed out after 30 s")));
      req.on("error", (err: NodeJS.ErrnoException) => {
        // The server closed an idle keep-alive socket just as we reused it: nothing was processed.
        if (req.reusedSocket && err.code === "ECONNRESET" && !retried) request(method, urlPath, o, true).then(resolve, reject);
        else reject(err);
      });
      req.end(payload);
    });
  }

  /**
   * A buyer's POST /api/v1/bookings/initiate (with `headers`, e.g. a waiting-room pass): its latency
   * goes to `r.initLat`, a failure (or an answer other than 201) to `r.errors`. Answers the new
   * booking's id, or null when there is none.
   */
  async function initiate(r: { errors: Errors; initLat: number[] }, token: string, showId: string, headers?: Record<string, string>): Promise<string | null> {
    const t = performance.now();
    let res: Res;
    try {
      res = await request("POST", "/api/v1/bookings/initiate", { token, body: { showId }, headers });
    } catch (err) {
      r.errors.add("initiate", (err as Error).message);
      return null;
    }
    r.initLat.push(performance.now() - t);
    const bookingId = jsonBody<{ booking: { id?: string } }>(res).booking?.id;
    if (res.status < 200 || res.status > 299 || !bookingId) {
      r.errors.add("initiate", describe(res));
      return null;
    }
    if (res.status !== 201) r.errors.add("initiate (expected 201)", describe(res));
    return bookingId;
  }

  async function redisCommand(cmd: string[]): Promise<unknown> {
    const res = await fetch(`http://127.0.0.1:${bridgePort}/`, {
      method: "POST",
      headers: { authorization: `Bearer ${bridgeToken}`, "content-type": "application/json" },
      body: JSON.stringify(cmd),
    });
    const body = (await res.json()) as { result?: unknown; error?: string };
    if (!res.ok || body.error) throw new Error(body.error ?? `bridge answered ${res.status}`);
    return body.result;
  }

  /** Commands in one round trip through the bridge's /pipeline: each command's result, or throws on the first error. */
  async function redisPipeline(cmds: string[][]): Promise<unknown[]> {
    const res = await fetch(`http://127.0.0.1:${bridgePort}/pipeline`, {
      method: "POST",
      headers: { authorization: `Bearer ${bridgeToken}`, "content-type": "application/json" },
      body: JSON.stringify(cmds),
    });
    const body = (await res.json()) as { result?: unknown; error?: string }[] | { error?: string };
    if (!res.ok || !Array.isArray(body)) throw new Error((body as { error?: string }).error ?? `bridge answered ${res.status}`);
    const failed = body.find((b) => b.error);
    if (failed) throw new Error(failed.error);
    return body.map((b) => b.result);
  }

  // ---- cleanup, once, on the way out or on a signal --------------------------------------------
  let cleaning: Promise<void> | undefined;
  function cleanup(): Promise<void> {
    cleaning ??= (async () => {
      if (bridge && bridge.exitCode === null) {
        // Hold keys expire on their own; delete ours now rather than leave them for HOLD_MINUTES.
        const { seatKey } = await import("@/lib/seating/redis-holds").catch(() => ({ seatKey: undefined }));
        for (const id of showIds) {
          if (!seatKey) break;
          const keys = await redisCommand(["KEYS", seatKey(id, "*")]).catch(() => []);
          if (Array.isArray(keys) && keys.length) await redisCommand(["DEL", ...(keys as string[])]).catch(() => {});
        }
      }
      await stopChild(server);
      await stopChild(bridge);
      agent.destroy();
      await pg?.end({ timeout: 5 }).catch(() => {});
      if (dbCreated) {
        const admin = postgres(baseUrl!, { max: 1, onnotice: () => {} });
        await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch((err: Error) => console.error(`could not drop ${dbName}: ${err.message}`));
        await admin.end();
        dbCreated = false;
      }
    })();
    return cleaning;
  }
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    process.on(signal, () => {
      stopping = true;
      console.error(`\n${signal}: cleaning up…`);
      void cleanup().finally(() => process.exit(code));
    });
  }

  // ---- the bridge and the server ------------------------------------------------------------
  async function startBridge(): Promise<ChildProcess> {
    if (await portInUse(bridgePort)) throw new Error(`port ${bridgePort} (bridge) is in use; pick another --port`);
    const env = { ...originalEnv, REDIS_URL: redisUrl, UPSTASH_BRIDGE_PORT: String(bridgePort), UPSTASH_REDIS_REST_TOKEN: bridgeToken };
    const child = spawn(path.join("node_modules", ".bin", "tsx"), [path.join("lib", "devtools", "upstash-bridge", "cli.ts")], { env, stdio: ["ignore", "ignore", "inherit"], detached: true });
    bridge = child;
    await waitFor("the Upstash bridge", child, async () => (await redisCommand(["PING"])) === "PONG", 30);
    return child;
  }

  async function startServer(): Promise<ChildProcess> {
    if (await portInUse(port)) throw new Error(`port ${port} is in use; pick another --port`);
    const env: NodeJS.ProcessEnv = {
      ...originalEnv,
      NODE_ENV: "production",
      APP_URL: `http://127.0.0.1:${port}`, // itself: the local gateway posts its webhooks here
      DATABASE_URL: benchUrl,
      AUTH_SECRET: authSecret, // shared with this process, which mints the buyers' tokens
      RATE_LIMIT_MULTIPLIER: "10000", // hundreds or thousands of buyers from one machine, by design
    };
    // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" (with --workers 1) profiles the server.
    const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
    opts.serverEnv?.(env);
    if (useRedis) {
      env.UPSTASH_REDIS_REST_URL = `http://127.0.0.1:${bridgePort}`;
      env.UPSTASH_REDIS_REST_TOKEN = bridgeToken;
    } else {
      delete env.UPSTASH_REDIS_REST_URL;
      delete env.UPSTASH_REDIS_REST_TOKEN;
    }
    // Its own process group, so stopping it also stops the next-server workers it starts.
    const child = spawn(process.execPath, [...nodeArgs, path.join("lib", "server", "start.mjs"), "--port", String(port), "--hostname", "127.0.0.1"], {
      env: { ...env, WEB_CONCURRENCY: String(opts.workers) },
      stdio: ["ignore", "ignore", "inherit"],
      detached: true,
    });
    server = child;
    await waitFor(`${opts.serverName} (run \`npm run build\` first)`, child, async () => (await request("GET", "/api/v1/cities")).status === 200, 90);
    return child;
  }

  /** The bridge (unless Redis is off; says where it is) and then the server, each up and answering. */
  async function start(): Promise<void> {
    console.log(`runtime: Node.js ${process.version} (the server, the bridge and the clients)`);
    if (Number(process.versions.node.split(".")[0]) < 22) {
      // Measured on this project's 2-core machine: 253–277 hold attempts/s on Node 20, 435–517 on 24.
      console.log("  note: Node 20 is past its end of life, and Node 24 LTS (.nvmrc) does 1.6–2× its hold throughput here; see README, Runtime");
    }
    if (useRedis) {
      await startBridge();
      console.log(`upstash bridge on 127.0.0.1:${bridgePort} -> ${redisUrl}`);
    }
    await startServer();
  }

  // ---- database: a fresh one, migrated and seeded --------------------------------------------
  async function setupDatabase(seed: SeedOptions): Promise<World> {
    const admin = postgres(baseUrl!, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.unsafe(`CREATE DATABASE ${dbName}`);
      dbCreated = true;
    } finally {
      await admin.end();
    }
    // This process's env() is parsed once, on first use: set it up before importing the app.
    process.env.DATABASE_URL = benchUrl;
    process.env.AUTH_SECRET = authSecret;
    delete process.env.UPSTASH_REDIS_REST_URL;
    delete process.env.UPSTASH_REDIS_REST_TOKEN;
    const { migrateDatabase, closeDatabase } = await import("@/db/client");
    await migrateDatabase();
    await closeDatabase();

    pg = postgres(benchUrl, { max: 4, onnotice: () => {} });
    const sql = pg;
    const tag = randomBytes(3).toString("hex");
    await sql`INSERT INTO cities (id, name, state, time_zone, lat, lng) VALUES ('bench-city', 'Bench City', 'Test', 'Asia/Kolkata', 19.07, 72.87)`;
    const [venue] = await sql<{ id: string }[]>`
      INSERT INTO venues (city_id, name, slug, address, lat, lng, time_zone)
      VALUES ('bench-city', ${seed.venue.name}, ${`${seed.venue.slug}-${tag}`}, '1 Bench Road', 19.07, 72.87, 'Asia/Kolkata') RETURNING id`;
    const [section] = await sql<{ id: string }[]>`
      INSERT INTO sections (venue_id, name, kind, row_count, col_count)
      VALUES (${venue!.id}, 'Screen 1', 'SCREEN', ${ROWS}, ${PER_ROW + AISLE}) RETURNING id`;
    const seatRows = [];
    for (let r = 0; r < ROWS; r++) {
      for (let k = 0; k < PER_ROW; k++) {
        seatRows.push({
          section_id: section!.id,
          label: `${rowLabel(r)}${k + 1}`,
          row_label: rowLabel(r),
          row_index: r,
          col_index: k < HALF ? k : k + AISLE,
          type: seatType(r, k),
        });
      }
    }
    await sql`INSERT INTO seats ${sql(seatRows)}`;
    const seatList = await sql<{ id: string }[]>`
      SELECT id FROM seats WHERE section_id = ${section!.id} ORDER BY row_index, col_index`;
    if (seatList.length !== SEATS) throw new Error(`expected ${SEATS} seats, made ${seatList.length}`);
    const seatIds = seatList.map((s) => s.id);
    const [event] = await sql<{ id: string }[]>`
      INSERT INTO events (slug, title, category, duration_minutes, languages)
      VALUES (${`${seed.event.slug}-${tag}`}, ${seed.event.title}, 'MOVIE', 150, ${["English"]}) RETURNING id`;

    const startsAt = new Date(Date.now() + 24 * 3600_000);
    const newShow = async (label: string) => {
      const [show] = await sql<{ id: string }[]>`
        INSERT INTO shows (event_id, section_id, venue_id, city_id, starts_at, ends_at, language, format, min_price_minor, max_price_minor)
        VALUES (${event!.id}, ${section!.id}, ${venue!.id}, 'bench-city', ${startsAt}, ${new Date(startsAt.getTime() + 3 * 3600_000)}, 'English', ${label},
                ${Math.min(...Object.values(PRICES))}, ${Math.max(...Object.values(PRICES))})
        RETURNING id`;
      await sql`INSERT INTO show_prices ${sql(Object.entries(PRICES).map(([seat_type, price_minor]) => ({ show_id: show!.id, seat_type, price_minor })))}`;
      const made = await sql`
        INSERT INTO show_seats (show_id, seat_id, price_minor)
        SELECT ${show!.id}::uuid, s.id, p.price_minor
        FROM seats s JOIN show_prices p ON p.show_id = ${show!.id}::uuid AND p.seat_type = s.type
        WHERE s.section_id = ${section!.id}::uuid`;
      if (made.count !== SEATS) throw new Error(`expected ${SEATS} show seats, made ${made.count}`);
      showIds.push(show!.id);
      return show!.id;
    };

    // Distinct customers (no passwords: they never sign in, their tokens are minted here).
    await sql`
      INSERT INTO users (name, email, role)
      SELECT 'Buyer ' || g, 'buyer-' || lpad(g::text, 6, '0') || '@bench.test', 'customer'
      FROM generate_series(1, ${seed.users}::int) g`;
    const userRows = await sql<{ id: string }[]>`SELECT id FROM users WHERE email LIKE 'buyer-%@bench.test' ORDER BY email`;
    const { issueApiToken } = await import("@/lib/auth/api-token");
    const users = await Promise.all(userRows.map(async (u) => ({ id: u.id, token: (await issueApiToken(u.id)).token })));
    await sql`ANALYZE`;
    return { sql, seatIds, indexOf: new Map(seatIds.map((id, i) => [id, i])), users, newShow };
  }

  // ---- the raw baseline's client ----------------------------------------------------------------
  /**
   * The raw client's pool: --raw-max when given, else one connection per in-flight buyer, up to
   * what the server has spare beyond `reserve` connections (and at least 4).
   */
  async function rawPoolMax(world: World, rawMaxArg: string | undefined, concurrency: number, reserve: number): Promise<number> {
    const [conn] = await world.sql<{ max: number; used: number }[]>`
      SELECT current_setting('max_connections')::int AS max, (SELECT count(*)::int FROM pg_stat_activity) AS used`;
    const spare = Math.max(4, conn!.max - conn!.used - reserve);
    return rawMaxArg ? Number(rawMaxArg) : Math.min(concurrency, spare);
  }

  /** A postgres.js pool of `max` on the bench database for `fn`, ended after it. */
  async function withRawClient<T>(max: number, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
    const raw = postgres(benchUrl, { max, onnotice: () => {}, prepare: true });
    try {
      return await fn(raw);
    } finally {
      await raw.end({ timeout: 5 });
    }
  }

  /**
   * Runs the bench's main, cleans up whatever happened, and exits with main's status: 2 if it threw
   * Missing (the build lacks an API the bench needs), 1 if it threw anything else.
   */
  async function run(main: () => Promise<number>): Promise<never> {
    let exitCode = 1;
    try {
      exitCode = await main();
    } catch (err) {
      if (err instanceof Missing) {
        console.error(err.message);
        exitCode = 2;
      } else {
        if (!stopping) console.error(err instanceof Error ? (err.stack ?? err.message) : err);
        exitCode = 1;
      }
    } finally {
      await cleanup();
    }
    process.exit(exitCode);
  }

  return {
    dbName,
    /** An error counter that stays quiet once the run is being torn down. */
    errors: () => new Errors(() => stopping),
    request,
    initiate,
    redisCommand,
    redisPipeline,
    start,
    setupDatabase,
    rawPoolMax,
    withRawClient,
    cleanup,
    run,
  };
}
