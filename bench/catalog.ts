// Benchmark: search and filtered listing over HTTP on the production build, against the same
// SQL through a raw postgres.js client in the same run.
//
//   DATABASE_URL=postgres://… npm run db:seed -- --large   # once: ≥100k events, ≥1M shows
//   DATABASE_URL=postgres://… npm run build
//   DATABASE_URL=postgres://… npm run bench:catalog [-- --seconds 20 --clients 20 --cache --open-loop 0.5,0.7 --only listing]
//
// Two loops per endpoint: closed (CLIENTS clients back to back: throughput, and the latency of
// a saturated server) and open (Poisson arrivals at fractions of that throughput: the latency
// users see below saturation), each against the same SQL run raw at the same load.
// The server is started here with the catalog cache off (CATALOG_CACHE_SECONDS=0) so every
// request reaches Postgres; pass --cache to measure with the cache as deployed.
import { spawn, type ChildProcess } from "node:child_process";
import { parseArgs } from "node:util";
import { PgDialect } from "drizzle-orm/pg-core";
import postgres from "postgres";
import { listEventsSql } from "@/lib/catalog/events";
import { eventsSql, lexemes, peopleSql, readWords, significant, venuesSql, vocabularySql } from "@/lib/catalog/search";
import { whenRange } from "@/lib/catalog/when";
import { CATEGORIES, CATEGORY_SLUGS } from "@/lib/catalog/filters";
import { arriveBuyers, OPEN_LOOP_OPTION, parseOpenLoop, pct } from "./harness";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "15" },
    clients: { type: "string", default: "20" },
    port: { type: "string", default: "3210" },
    // next-server processes (WEB_CONCURRENCY). One by default: each worker keeps its own catalog
    // cache, so more workers mean more cold misses on this workload.
    workers: { type: "string", default: "1" },
    cache: { type: "boolean", default: false },
    // Open-loop steps, as fractions of each HTTP closed loop's throughput ("" for none).
    "open-loop": { ...OPEN_LOOP_OPTION, default: "0.5,0.7" },
    // "listing" or "search": measure one of the two (both by default).
    only: { type: "string" },
  },
});
const SECONDS = Number(args.seconds);
const CLIENTS = Number(args.clients);
const PORT = Number(args.port);
const OPEN_FRACTIONS = parseOpenLoop(args["open-loop"]);
const DATABASE_URL = process.env.DATABASE_URL;
if (!DATABASE_URL) {
  console.error("Set DATABASE_URL to a Postgres database seeded with `npm run db:seed -- --large`.");
  process.exit(2);
}

const raw = postgres(DATABASE_URL, { max: CLIENTS, onnotice: () => {}, prepare: true });
const dialect = new PgDialect();

// ---- workload: drawn from the catalog itself, fixed per run -------------------------------
function rng(seed: number) {
  return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
const rand = rng(42);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

function typo(word: string): string {
  if (word.length < 4) return word;
  const i = Math.floor(rand() * (word.length - 1));
  const ops = [
    () => word.slice(0, i) + word.slice(i + 1), // drop
    () => word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2), // swap
    () => word.slice(0, i) + word[i] + word.slice(i), // double
    () => word.slice(0, i) + "etaoinshrdlu"[Math.floor(rand() * 12)] + word.slice(i + 1), // replace
  ];
  const once = pick(ops)();
  return word.length >= 8 && rand() < 0.5 ? typoAt(once) : once;
}
function typoAt(word: string): string {
  const i = Math.floor(rand() * (word.length - 1));
  return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

const counts = await raw<{ events: number; shows: number }[]>`
  SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM shows)::int AS shows`;
const titles = await raw<{ title: string }[]>`SELECT title FROM events TABLESAMPLE SYSTEM (2) LIMIT 300`;
// People and venues are searched by name too: a share of the queries are names.
const names = await raw<{ title: string }[]>`
  (SELECT name AS title FROM people ORDER BY md5(id::text) LIMIT 60) UNION ALL (SELECT name FROM venues ORDER BY md5(id::text) LIMIT 40)`;
const cities = await raw<{ id: string; time_zone: string }[]>`SELECT id, time_zone FROM cities`;
const languages = (await raw<{ l: string }[]>`SELECT DISTINCT language AS l FROM shows WHERE language IS NOT NULL LIMIT 20`).map((r) => r.l);
console.log(`catalog: ${counts[0]!.events.toLocaleString()} events, ${counts[0]!.shows.toLocaleString()} shows, ${cities.length} cities`);

const searches = [...titles, ...names].map(({ title }) => {
  // People search for a title's distinctive words, so skip "the", "of"… when picking them.
  const words = significant(title.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean));
  const n = 1 + Math.floor(rand() * Math.min(2, words.length));
  return words
    .slice(0, n)
    .map((w) => (rand() < 0.6 ? typo(w.toLowerCase()) : w.toLowerCase()))
    .join(" ");
});

type Listing = { city: (typeof cities)[number]; category?: (typeof CATEGORIES)[number]; date?: string; language?: string; maxPrice?: number };
const listings: Listing[] = Array.from({ length: 300 }, () => ({
  city: pick(cities),
  category: rand() < 0.7 ? pick(CATEGORIES) : undefined,
  date: rand() < 0.6 ? pick(["today", "tomorrow", "weekend"]) : undefined,
  language: rand() < 0.3 ? pick(languages) : undefined,
  maxPrice: rand() < 0.3 ? pick([30000, 100000, 300000]) : undefined,
}));

function listingUrl(l: Listing): string {
  const q = new URLSearchParams({ city: l.city.id });
  if (l.category) q.set("category", CATEGORY_SLUGS[l.category]);
  if (l.date) q.set("date", l.date);
  if (l.language) q.set("language", l.language);
  if (l.maxPrice) q.set("maxPrice", String(l.maxPrice));
  return `/api/v1/events?${q}`;
}

// ---- measurement --------------------------------------------------------------------------
type Result = { name: string; n: number; errors: number; rps: number; p50: number; p95: number; p99: number };

/** Runs op(k), keeping its latency, or counting its error (the first one printed). */
function timer(name: string, op: (i: number) => Promise<void>) {
  const t = {
    latencies: [] as number[],
    errors: 0,
    async run(k: number) {
      const start = performance.now();
      try {
        await op(k);
        t.latencies.push(performance.now() - start);
      } catch (err) {
        if (t.errors++ === 0) console.error(`  ${name}: first error:`, err instanceof Error ? err.message : err);
      }
    },
  };
  return t;
}

async function measure(name: string, op: (i: number) => Promise<void>): Promise<Result> {
  const t = timer(name, op);
  const timed = t.run;
  let i = 0;
  const until = performance.now() + SECONDS * 1000;
  const maxRequests = 200_000; // a bound on the loop whatever the speed
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until && i < maxRequests) {
        await timed(i++);
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const p = pct(t.latencies);
  return { name, n: t.latencies.length, errors: t.errors, rps: t.latencies.length / elapsed, p50: p.p50, p95: p.p95, p99: p.p99 };
}

async function http(path: string) {
  const res = await fetch(`http://127.0.0.1:${PORT}${path}`);
  if (!res.ok) throw new Error(`${res.status} ${path}: ${(await res.text()).slice(0, 200)}`);
  await res.arrayBuffer();
}

function rawListing(l: Listing) {
  const { from, to } = whenRange(l.date, l.city.time_zone);
  const q = dialect.sqlToQuery(
    listEventsSql({ city: { id: l.city.id, timeZone: l.city.time_zone }, from, to, category: l.category ? [l.category] : undefined, language: l.language, maxPrice: l.maxPrice, limit: 24 }),
  );
  return raw.unsafe(q.sql, q.params as never[]);
}

// The search's own SQL, run raw: the vocabulary lookup, then events, people and venues.
async function rawSearch(text: string, city: string) {
  const words = significant(lexemes(text));
  const q = (x: Parameters<typeof dialect.sqlToQuery>[0]) => dialect.sqlToQuery(x);
  const v = q(vocabularySql(words));
  const terms = await raw.unsafe(v.sql, v.params as never[]);
  const slots = readWords(words, new Set(terms.map((r) => r.term as string)));
  const e = eventsSql(slots, { city, limit: 20 });
  if (!e) return [];
  const rest = [peopleSql(slots, 5)!, venuesSql(slots, 5, city)!].map(q);
  const main = q(e);
  return Promise.all([raw.unsafe(main.sql, main.params as never[]), ...rest.map((x) => raw.unsafe(x.sql, x.params as never[]))]);
}
const searchCity = (k: number) => cities[k % cities.length]!.id;
const searchUrl = (k: number) => `/api/v1/events/search?${new URLSearchParams({ query: searches[k % searches.length]!, city: searchCity(k) })}`;

async function startServer(): Promise<ChildProcess> {
  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    CATALOG_CACHE_SECONDS: args.cache ? "30" : "0",
    RATE_LIMIT_MULTIPLIER: "10000", // one IP, by design
    WEB_CONCURRENCY: args.workers,
  };
  // The production launcher, in its own process group so stopping it stops its workers too.
  const child = spawn(process.execPath, ["lib/server/start.mjs", "--port", String(PORT), "--hostname", "127.0.0.1"], { env, stdio: ["ignore", "ignore", "inherit"], detached: true });
  for (let t = 0; t < 120; t++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/api/v1/cities`)).ok) return child;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  process.kill(-child.pid!, "SIGTERM");
  throw new Error("next start did not come up (run `npm run build` first)");
}

/** The same operations arriving at a steady rate (Poisson): the latency a user sees below saturation. */
async function openLoop(name: string, rate: number, op: (i: number) => Promise<void>): Promise<Result> {
  const t = timer(name, op);
  const run = await arriveBuyers(Math.max(50, Math.round(rate * SECONDS)), rate, 7, t.run);
  const p = pct(t.latencies);
  return { name, n: t.latencies.length, errors: t.errors, rps: t.latencies.length / run.seconds, p50: p.p50, p95: p.p95, p99: p.p99 };
}

function printTable(title: string, results: Result[]) {
  console.log(`\n${title}`);
  console.log("phase                        requests  errors     req/s   p50 ms   p95 ms   p99 ms");
  for (const r of results) {
    console.log(
      `${r.name.padEnd(27)} ${String(r.n).padStart(9)} ${String(r.errors).padStart(7)} ${r.rps.toFixed(0).padStart(9)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)}`,
    );
  }
}

const phases = [
  { name: "search", http: (k: number) => http(searchUrl(k)), raw: (k: number) => rawSearch(searches[k % searches.length]!, searchCity(k)).then(() => {}) },
  { name: "listing", http: (k: number) => http(listingUrl(listings[k % listings.length]!)), raw: (k: number) => rawListing(listings[k % listings.length]!).then(() => {}) },
];

if (args.only && !["listing", "search"].includes(args.only)) {
  console.error(`--only takes "listing" or "search", not ${args.only}`);
  process.exit(2);
}
const measured = phases.filter((ph) => !args.only || ph.name === args.only);

const server = await startServer();
try {
  // Warm both paths (connection pools, JIT, plan caches) before measuring.
  for (let k = 0; k < 40; k++) {
    for (const ph of measured) {
      await ph.http(k);
      await ph.raw(k);
    }
  }

  // Closed loop: CLIENTS clients each sending the next request as soon as the last answers. On
  // a small machine this measures capacity: latency is then clients ÷ throughput (queueing).
  const closed: Result[] = [];
  for (const ph of measured) {
    closed.push(await measure(`${ph.name} HTTP`, ph.http));
    closed.push(await measure(`${ph.name} raw SQL`, ph.raw));
  }
  printTable(`Closed loop: ${CLIENTS} concurrent clients, ${SECONDS}s per phase, catalog cache ${args.cache ? "on (30s)" : "off"}, ${args.workers} server worker(s)`, closed);

  // Open loop: requests arrive at fractions of the HTTP closed loop's rate, HTTP and raw SQL at
  // the same absolute rate, so the two latencies compare like for like.
  const open: Result[] = [];
  for (const ph of measured) {
    const capacity = closed.find((r) => r.name === `${ph.name} HTTP`)!.rps;
    for (const f of OPEN_FRACTIONS) {
      const rate = capacity * f;
      open.push(await openLoop(`${ph.name} HTTP @${rate.toFixed(0)}/s (${Math.round(f * 100)}%)`, rate, ph.http));
      open.push(await openLoop(`${ph.name} raw  @${rate.toFixed(0)}/s`, rate, ph.raw));
    }
  }
  if (open.length) printTable(`Open loop: Poisson arrivals at ${OPEN_FRACTIONS.map((f) => `${Math.round(f * 100)}%`).join(", ")} of each HTTP closed-loop rate, ${SECONDS}s each`, open);

  console.log("");
  for (const ph of measured) {
    const c = closed.find((r) => r.name === `${ph.name} HTTP`)!;
    console.log(`${ph.name} HTTP closed loop (${CLIENTS} clients): p95 ${c.p95.toFixed(1)} ms at ${c.rps.toFixed(0)} req/s (target < 50 ms) ${c.p95 < 50 ? "MET" : "NOT MET"}`);
    const best = open.filter((r) => r.name.startsWith(`${ph.name} HTTP`) && r.p95 < 50).sort((a, b) => b.rps - a.rps)[0];
    console.log(`${ph.name} HTTP open loop: ${best ? `p95 ${best.p95.toFixed(1)} ms at ${best.rps.toFixed(0)} req/s — highest tested rate with p95 < 50 ms` : "no tested rate kept p95 < 50 ms"}`);
  }
} finally {
  process.kill(-server.pid!, "SIGTERM");
  await raw.end();
}
