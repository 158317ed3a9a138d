// Benchmark: search and filtered listing over HTTP on the production build, 20 concurrent
// clients, against the same SQL through a raw postgres.js client in the same run.
//
//   DATABASE_URL=postgres://… npm run db:seed -- --large   # once: ≥100k events, ≥1M shows
//   DATABASE_URL=postgres://… npm run build
//   DATABASE_URL=postgres://… npm run bench:catalog [-- --seconds 20 --clients 20 --cache --only listing]
//
// The server is started here with the catalog cache off (CATALOG_CACHE_SECONDS=0) so every
// request reaches Postgres; pass --cache to measure with the cache as deployed.
import { spawn, type ChildProcess } from "node:child_process";
import { parseArgs } from "node:util";
import { PgDialect } from "drizzle-orm/pg-core";
import postgres from "postgres";
import { listEventsSql } from "@/lib/catalog/events";
import { correctionsSql, lexemes, searchSettingsSql, searchSql, significant } from "@/lib/catalog/search";
import { whenRange } from "@/lib/catalog/when";
import { CATEGORIES, CATEGORY_SLUGS } from "@/lib/catalog/filters";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "15" },
    clients: { type: "string", default: "20" },
    port: { type: "string", default: "3210" },
    // next-server processes (WEB_CONCURRENCY). One by default: each worker keeps its own catalog
    // cache, so more workers mean more cold misses on this workload.
    workers: { type: "string", default: "1" },
    cache: { type: "boolean", default: false },
    // "listing" or "search": measure one of the two (both by default).
    only: { type: "string" },
  },
});
const SECONDS = Number(args.seconds);
const CLIENTS = Number(args.clients);
const PORT = Number(args.port);
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
  if (word.length < 5) return word;
  const i = 1 + Math.floor(rand() * (word.length - 2));
  const ops = [
    () => word.slice(0, i) + word.slice(i + 1), // drop
    () => word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2), // swap
    () => word.slice(0, i) + "aeiou"[Math.floor(rand() * 5)] + word.slice(i + 1), // vowel slip
  ];
  return pick(ops)();
}

const counts = await raw<{ events: number; shows: number }[]>`
  SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM shows)::int AS shows`;
const titles = await raw<{ title: string }[]>`SELECT title FROM events TABLESAMPLE SYSTEM (2) LIMIT 400`;
const cities = await raw<{ id: string; time_zone: string }[]>`SELECT id, time_zone FROM cities`;
const languages = (await raw<{ l: string }[]>`SELECT DISTINCT language AS l FROM shows WHERE language IS NOT NULL LIMIT 20`).map((r) => r.l);
console.log(`catalog: ${counts[0]!.events.toLocaleString()} events, ${counts[0]!.shows.toLocaleString()} shows, ${cities.length} cities`);

const searches = titles.map(({ title }) => {
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

async function measure(name: string, op: (i: number) => Promise<void>): Promise<Result> {
  const latencies: number[] = [];
  let errors = 0;
  let i = 0;
  const until = performance.now() + SECONDS * 1000;
  const maxRequests = 200_000; // a bound on the loop whatever the speed
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until && i < maxRequests) {
        const k = i++;
        const start = performance.now();
        try {
          await op(k);
          latencies.push(performance.now() - start);
        } catch (err) {
          if (errors++ === 0) console.error(`  ${name}: first error:`, err instanceof Error ? err.message : err);
        }
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return { name, n: latencies.length, errors, rps: latencies.length / elapsed, p50: q(0.5), p95: q(0.95), p99: q(0.99) };
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

function rawSearch(text: string) {
  const words = significant(lexemes(text));
  const q = (x: Parameters<typeof dialect.sqlToQuery>[0]) => dialect.sqlToQuery(x);
  return raw.begin(async (tx) => {
    const settings = q(searchSettingsSql());
    await tx.unsafe(settings.sql, settings.params as never[]);
    const c = q(correctionsSql(words));
    const corrections = (await tx.unsafe(c.sql, c.params as never[])) as unknown as { word: string; terms: string[] }[];
    const s = q(searchSql(words, corrections, 20));
    return tx.unsafe(s.sql, s.params as never[]);
  });
}

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

const server = await startServer();
try {
  // Warm both paths (connection pools, JIT, plan caches) before measuring.
  const doSearch = args.only !== "listing";
  const doListing = args.only !== "search";
  for (let k = 0; k < 40; k++) {
    if (doListing) await http(listingUrl(listings[k % listings.length]!));
    if (doSearch) await http(`/api/v1/events/search?${new URLSearchParams({ query: searches[k % searches.length]! })}`);
    if (doListing) await rawListing(listings[k % listings.length]!);
    if (doSearch) await rawSearch(searches[k % searches.length]!);
  }
  const results: Result[] = [];
  if (doSearch) {
    results.push(await measure("search   HTTP", (k) => http(`/api/v1/events/search?${new URLSearchParams({ query: searches[k % searches.length]! })}`)));
    results.push(await measure("search   raw SQL", (k) => rawSearch(searches[k % searches.length]!).then(() => {})));
  }
  if (doListing) {
    results.push(await measure("listing  HTTP", (k) => http(listingUrl(listings[k % listings.length]!))));
    results.push(await measure("listing  raw SQL", (k) => rawListing(listings[k % listings.length]!).then(() => {})));
  }
  console.log(`\n${CLIENTS} concurrent clients, ${SECONDS}s per phase, catalog cache ${args.cache ? "on (30s)" : "off"}, ${args.workers} server worker(s)`);
  console.log("phase               requests  errors     req/s   p50 ms   p95 ms   p99 ms");
  for (const r of results) {
    console.log(
      `${r.name.padEnd(18)} ${String(r.n).padStart(9)} ${String(r.errors).padStart(7)} ${r.rps.toFixed(0).padStart(9)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)}`,
    );
  }
  const target = (name: string, ms: number) => {
    const r = results.find((x) => x.name === name);
    if (!r) return;
    console.log(`${name.trim()}: p95 ${r.p95.toFixed(1)} ms (target < ${ms} ms) ${r.p95 < ms ? "MET" : "NOT MET"}`);
  };
  console.log("");
  target("search   HTTP", 100);
  target("listing  HTTP", 50);
} finally {
  process.kill(-server.pid!, "SIGTERM");
  await raw.end();
}
