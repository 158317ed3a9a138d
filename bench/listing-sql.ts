// The filtered listing's SQL over many filter combinations, one at a time, straight to Postgres:
// where the long tail is, without building the app. Same mix as bench/catalog.ts plus the
// shapes it draws less often (no city, minPrice, two categories, a page further on).
//
//   DATABASE_URL=postgres://… npx tsx --conditions=react-server bench/listing-sql.ts [-- --combos 300 --explain 3]
import { parseArgs } from "node:util";
import { PgDialect } from "drizzle-orm/pg-core";
import postgres from "postgres";
import { listEventsSql } from "@/lib/catalog/events";
import { whenRange } from "@/lib/catalog/when";
import { CATEGORIES } from "@/lib/catalog/filters";

const { values: args } = parseArgs({
  options: {
    combos: { type: "string", default: "300" },
    explain: { type: "string", default: "0" },
    seed: { type: "string", default: "7" },
  },
});
const DATABASE_URL = process.env.DATABASE_URL;
if (!DATABASE_URL) throw new Error("Set DATABASE_URL");
const raw = postgres(DATABASE_URL, { max: 1, onnotice: () => {}, prepare: true });
const dialect = new PgDialect();

let seed = Number(args.seed);
const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const cities = await raw<{ id: string; time_zone: string }[]>`SELECT id, time_zone FROM cities`;
const languages = (await raw<{ l: string }[]>`SELECT DISTINCT language AS l FROM shows WHERE language IS NOT NULL LIMIT 20`).map((r) => r.l);

type Combo = { city?: (typeof cities)[number]; category?: (typeof CATEGORIES)[number][]; date?: string; language?: string; minPrice?: number; maxPrice?: number; page2?: boolean };
const combos: Combo[] = Array.from({ length: Number(args.combos) }, () => ({
  city: rand() < 0.9 ? pick(cities) : undefined,
  category: rand() < 0.7 ? (rand() < 0.85 ? [pick(CATEGORIES)] : [pick(CATEGORIES), pick(CATEGORIES)]) : undefined,
  date: rand() < 0.6 ? pick(["today", "tomorrow", "weekend", "in3"]) : undefined,
  language: rand() < 0.3 ? pick(languages) : undefined,
  maxPrice: rand() < 0.3 ? pick([30000, 100000, 300000]) : undefined,
  minPrice: rand() < 0.1 ? pick([50000, 200000, 500000]) : undefined,
  page2: rand() < 0.15,
})).map((c) => (c.minPrice !== undefined && c.maxPrice !== undefined && c.minPrice > c.maxPrice ? { ...c, minPrice: undefined } : c)); // the API refuses those

function describe(c: Combo): string {
  return JSON.stringify({ ...c, city: c.city?.id, page2: c.page2 || undefined });
}

async function run(c: Combo, explain = false): Promise<{ ms: number; rows: number; plan?: string }> {
  const tz = c.city?.time_zone ?? "Asia/Kolkata";
  const date = c.date === "in3" ? new Date(Date.now() + 3 * 86400_000).toISOString().slice(0, 10) : c.date;
  const { from, to } = whenRange(date, tz);
  const base = { city: c.city && { id: c.city.id, timeZone: c.city.time_zone }, everyCityIn: c.city ? undefined : tz, from, to, category: c.category, language: c.language, minPrice: c.minPrice, maxPrice: c.maxPrice, limit: 24 };
  let after: { p: number; id: string } | undefined;
  if (c.page2) {
    const q0 = dialect.sqlToQuery(listEventsSql(base));
    const first = (await raw.unsafe(q0.sql, q0.params as never[])) as unknown as { popularity: number; id: string }[];
    const last = first[23];
    if (last) after = { p: last.popularity, id: last.id };
  }
  const q = dialect.sqlToQuery(listEventsSql({ ...base, after }));
  if (explain) {
    const plan = (await raw.unsafe(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params as never[])) as unknown as { "QUERY PLAN": string }[];
    return { ms: 0, rows: 0, plan: plan.map((r) => r["QUERY PLAN"]).join("\n") };
  }
  const t0 = performance.now();
  const rows = await raw.unsafe(q.sql, q.params as never[]);
  return { ms: performance.now() - t0, rows: rows.length };
}

try {
  for (const c of combos.slice(0, 20)) await run(c); // warm caches and the connection
  const results: { c: Combo; ms: number; rows: number }[] = [];
  for (const c of combos) results.push({ c, ...(await run(c)) });
  const sorted = [...results].sort((a, b) => a.ms - b.ms);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.ms;
  console.log(`${results.length} combos: p50 ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, p99 ${q(0.99).toFixed(1)} ms, max ${sorted.at(-1)!.ms.toFixed(1)} ms`);
  console.log("slowest:");
  for (const r of sorted.slice(-12).reverse()) console.log(`  ${r.ms.toFixed(1).padStart(7)} ms ${String(r.rows).padStart(3)} rows ${describe(r.c)}`);
  for (const r of sorted.slice(-Number(args.explain)).reverse()) {
    console.log(`\n---- ${describe(r.c)}\n${(await run(r.c, true)).plan}`);
  }
} finally {
  await raw.end();
}
