// Large-catalog mode for benchmarks: ≥100k events and ≥1M shows over the next 14 days, spread
// over the normal catalog's sections, generated entirely in SQL (generate_series + INSERT …
// SELECT). No show_seats: those are materialised lazily when a show's seat map is first opened.
// Shows here are random draws, so unlike the normal catalog they do overlap within a section.
import { sql } from "drizzle-orm";
import type { Executor } from "../client";
import { queryRows } from "../rows";
import { seedCatalog } from "./catalog";
import type { Category } from "./data";
import { LARGE_CREDITS_SQL, largeCreditsSql } from "./large-credits";
import { largeEventsSelect } from "./large-events";
import type { PosterInput } from "./posters";
import { index, lit, pick, uniform } from "./sqlgen";
import { TIME_ZONE } from "./cities";
import { localDate } from "./time";

export const LARGE_EVENTS = 100_000;
export const LARGE_SHOWS = 1_000_000;
const BATCHES = 4;

export type LargeOptions = { now?: Date; events?: number; shows?: number; log?: (line: string) => void };
export type LargeResult = { skipped: true; reason: string } | { skipped: false; elapsedMs: number };

const GENERIC_TITLES: Record<Category, string> = {
  MOVIE: "Now Showing",
  CONCERT: "Live in Concert",
  SPORTS: "Match Day",
  PLAY: "Tonight on Stage",
  COMEDY: "Stand-up Night",
  EXHIBITION: "Now on Display",
};

/** Shared posters for large-mode events (one per category), written by `--posters`. */
export function genericPosterInputs(): PosterInput[] {
  return Object.entries(GENERIC_TITLES).map(([category, title]) => ({
    slug: `generic-${category.toLowerCase()}`,
    title,
    category: category as Category,
    languages: [],
  }));
}

// Seat-type price multipliers over an event's regular price; shows and show_prices both derive
// from them, which keeps min/max_price_minor equal to the cheapest/dearest show_price.
const MULTIPLIERS = "('REGULAR', 1), ('ACCESSIBLE', 1), ('COMPANION', 1), ('PREMIUM', 1.5), ('RECLINER', 2.5), ('VIP', 4)";
const formatExtra = (col: string) => `CASE ${col} WHEN '3D' THEN 60 WHEN 'IMAX 2D' THEN 200 WHEN '4DX' THEN 300 ELSE 0 END`;
const price = (base: string, format: string, mult: string) => `(round((${base} + ${formatExtra(format)}) * ${mult} / 10) * 1000)::int`;

const SETUP = [
  `CREATE TEMP TABLE seed_mult (type seat_type PRIMARY KEY, mult numeric NOT NULL) ON COMMIT DROP`,
  `INSERT INTO seed_mult VALUES ${MULTIPLIERS}`,
  `CREATE TEMP TABLE seed_section_types ON COMMIT DROP AS SELECT DISTINCT section_id, type FROM seats`,
  `CREATE TEMP TABLE seed_large_sections ON COMMIT DROP AS
    SELECT s.id, s.venue_id, v.city_id, v.time_zone, s.kind,
      (row_number() OVER (PARTITION BY s.kind ORDER BY s.id) - 1)::int AS k,
      (count(*) OVER (PARTITION BY s.kind))::int AS kind_count,
      t.min_mult, t.max_mult
    FROM sections s
    JOIN venues v ON v.id = s.venue_id
    JOIN (SELECT st.section_id, min(m.mult) AS min_mult, max(m.mult) AS max_mult
          FROM seed_section_types st JOIN seed_mult m ON m.type = st.type GROUP BY st.section_id) t ON t.section_id = s.id`,
];

function eventsSql(count: number, today: string): string[] {
  const day = (offset: string) => `(DATE ${lit(today)} + ${offset})`;
  const describe = `CASE category
    WHEN 'MOVIE' THEN 'A ' || mood || ' ' || lower(genres[1]) || ' film in ' || languages[1] || ' about the ' || lower(adj) || ' ' || lower(noun) || '.'
    WHEN 'CONCERT' THEN 'A ' || mood || ' evening of ' || lower(genres[1]) || ' music, performed live.'
    WHEN 'SPORTS' THEN 'A ' || mood || ' ' || lower(genres[1]) || ' fixture, live from the stands.'
    WHEN 'PLAY' THEN 'A ' || mood || ' ' || lower(genres[1]) || ' play in ' || languages[1] || '.'
    WHEN 'COMEDY' THEN 'A ' || mood || ' night of ' || lower(genres[1]) || ' comedy in ' || languages[1] || '.'
    ELSE 'A ' || mood || ' ' || lower(genres[1]) || ' exhibition.' END`;
  return [
    `CREATE TEMP TABLE seed_large_events ON COMMIT DROP AS
      SELECT gen_random_uuid() AS id, g.*, kc.kind_count
      FROM (${largeEventsSelect(count)}) g
      JOIN (SELECT DISTINCT kind, kind_count FROM seed_large_sections) kc USING (kind)`,
    `CREATE UNIQUE INDEX ON seed_large_events (n)`,
    `INSERT INTO events (id, slug, title, category, description, languages, genres, duration_minutes, certificate,
        rating_tenths, rating_count, popularity, poster_url, start_date, end_date)
      SELECT id, trim(BOTH '-' FROM regexp_replace(lower(title), '[^a-z0-9]+', '-', 'g')) || '-' || n, title, category,
        ${describe}, languages, genres, duration, certificate, rating,
        (popularity * (0.2 + (n % 50) / 100.0))::int + n % 97, popularity,
        '/posters/generic-' || lower(category::text) || '.svg',
        CASE WHEN category IN ('MOVIE', 'EXHIBITION') THEN ${day(`-${index("n", 52, 60)}`)} ELSE ${day("1")} END,
        ${day("14")}
      FROM seed_large_events`,
  ];
}

function showsSql(from: number, to: number, events: number, now: Date): string {
  const j = "j";
  const movieFormat = pick(j, 204, ["2D", "2D", "2D", "3D", "IMAX 2D", "4DX"]);
  const slot = `CASE e.category
    WHEN 'MOVIE' THEN (${pick(j, 206, ["10:00", "13:15", "16:30", "19:45", "22:30"])})::time + make_interval(mins => 15 * ${index(j, 207, 3)})
    WHEN 'SPORTS' THEN (${pick(j, 206, ["13:30", "15:30", "17:00", "19:30"])})::time
    WHEN 'EXHIBITION' THEN (${pick(j, 206, ["10:00", "11:00"])})::time
    ELSE (${pick(j, 206, ["15:30", "19:00", "19:30", "20:00", "21:30"])})::time END`;
  return `
    INSERT INTO shows (event_id, section_id, venue_id, city_id, starts_at, ends_at, language, format, currency, min_price_minor, max_price_minor)
    SELECT e.id, sec.id, sec.venue_id, sec.city_id, t.starts_at,
      t.starts_at + make_interval(mins => e.duration + CASE sec.kind WHEN 'SCREEN' THEN 15 WHEN 'AUDITORIUM' THEN 30 WHEN 'STADIUM' THEN 60 ELSE 0 END),
      e.languages[1 + ${index(j, 203, "cardinality(e.languages)")}], t.format, 'INR',
      ${price("e.base_price", "t.format", "sec.min_mult")}, ${price("e.base_price", "t.format", "sec.max_mult")}
    FROM generate_series(${from}, ${to}) AS j
    -- Squaring the draw favours low n, which are also the most popular events.
    JOIN seed_large_events e ON e.n = 1 + floor(${events} * power(${uniform(j, 201)}, 2))::int
    JOIN seed_large_sections sec ON sec.kind = e.kind AND sec.k = ${index(j, 202, "e.kind_count")}
    CROSS JOIN LATERAL (
      SELECT CASE WHEN e.category = 'MOVIE' THEN ${movieFormat} ELSE 'Live' END AS format,
        (((${lit(now.toISOString())}::timestamptz AT TIME ZONE sec.time_zone)::date + 1 + ${index(j, 205, 14)}) + ${slot})
          AT TIME ZONE sec.time_zone AS starts_at
    ) t`;
}

function pricesSql(batch: number): string {
  return `
    INSERT INTO show_prices (show_id, seat_type, price_minor)
    SELECT sh.id, st.type, ${price("e.base_price", "sh.format", "m.mult")}
    FROM shows sh
    JOIN seed_large_events e ON e.id = sh.event_id
    JOIN seed_section_types st ON st.section_id = sh.section_id
    JOIN seed_mult m ON m.type = st.type
    WHERE e.n % ${BATCHES} = ${batch}`;
}

export async function seedLarge(db: Executor, opts: LargeOptions = {}): Promise<LargeResult> {
  const log = opts.log ?? (() => {});
  const now = opts.now ?? new Date();
  const events = opts.events ?? LARGE_EVENTS;
  const shows = opts.shows ?? LARGE_SHOWS;
  const started = performance.now();
  const step = (label: string) => log(`  ${label.padEnd(34)} ${((performance.now() - started) / 1000).toFixed(1)}s`);

  const [state] = await queryRows<{ events: number; sections: number }>(
    db,
    sql`SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM sections)::int AS sections`,
  );
  if ((state?.events ?? 0) >= events) return { skipped: true, reason: `${state?.events} events already present` };
  if ((state?.sections ?? 0) === 0) await seedCatalog(db, { now, log });

  await db.transaction(async (tx) => {
    const run = (text: string) => tx.execute(sql.raw(text));
    for (const text of SETUP) await run(text);
    for (const text of eventsSql(events, localDate(now, TIME_ZONE))) await run(text);
    step(`inserted ${events.toLocaleString("en-US")} events`);
    const size = Math.ceil(shows / BATCHES);
    // listing_shows (migration 0018) is kept by a per-row trigger on shows: a million calls
    // tripled this step. Off for the bulk insert (this transaction holds shows meanwhile), then
    // filled in one statement.
    await run(`ALTER TABLE shows DISABLE TRIGGER shows_sync_listing_insert_delete`);
    for (let b = 0; b < BATCHES; b++) {
      await run(showsSql(b * size + 1, Math.min(shows, (b + 1) * size), events, now));
      step(`inserted shows batch ${b + 1}/${BATCHES}`);
    }
    await run(`SELECT listing_shows_fill(${lit(now.toISOString())}::timestamptz)`);
    await run(`ALTER TABLE shows ENABLE TRIGGER shows_sync_listing_insert_delete`);
    step("filled listing_shows");
    for (let b = 0; b < BATCHES; b++) {
      await run(pricesSql(b));
      step(`inserted show_prices batch ${b + 1}/${BATCHES}`);
    }
    for (const text of LARGE_CREDITS_SQL) await run(text);
    step("inserted the people pool");
    // Batched like the shows: each statement's trigger rewrites events.credits for its events.
    for (let b = 0; b < BATCHES; b++) {
      await run(largeCreditsSql(BATCHES, b));
      step(`inserted credits batch ${b + 1}/${BATCHES}`);
    }
  });
  // VACUUM, not just ANALYZE: it also flushes the GIN pending lists the bulk insert left behind,
  // which otherwise make every full-text query scan them.
  await db.execute(sql.raw("VACUUM ANALYZE cities, venues, sections, seats, events, shows, show_prices, show_seats, search_terms, search_term_deletes, people, event_credits, listing_shows"));
  step("analyzed");
  return { skipped: false, elapsedMs: performance.now() - started };
}

