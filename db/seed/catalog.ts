// Seeds the normal catalog: plan in memory, insert in batches, then materialise show_seats with
// one set-based INSERT … SELECT per venue.
import { getTableColumns, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "../client";
import { queryRows } from "../rows";
import * as schema from "../schema";
import { CATALOG_TABLES, tableCounts, type CatalogTable } from "./counts";
import { buildCatalog } from "./plan";

export const DEFAULT_SEED = 20_250_601;

export type SeedOptions = { now?: Date; seed?: number; log?: (line: string) => void };
export type SeedResult =
  | { skipped: true; reason: string }
  | { skipped: false; elapsedMs: number; counts: Record<CatalogTable, number> };

/**
 * Inserts rows as one JSON parameter expanded by json_populate_recordset: building a
 * multi-row VALUES list through the query builder costs ~0.1 ms a row, which for ~40k seats
 * would be most of the seeding time.
 */
async function insertAll<T extends PgTable>(ex: Executor, table: T, rows: T["$inferInsert"][], chunk = 10_000) {
  if (rows.length === 0) return;
  const columns = getTableColumns(table);
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r as object)))];
  const names = keys.map((k) => {
    const column = columns[k];
    if (!column) throw new Error(`no column ${k} in table`);
    return column.name;
  });
  const list = sql.join(names.map((n) => sql.identifier(n)), sql`, `);
  for (let i = 0; i < rows.length; i += chunk) {
    const json = JSON.stringify(
      rows.slice(i, i + chunk).map((r) => Object.fromEntries(keys.map((k, j) => [names[j], (r as Record<string, unknown>)[k] ?? null]))),
    );
    await ex.execute(sql`INSERT INTO ${table} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${table}, ${json}::json)`);
  }
}

/** Seeds cities, venues, seat maps, 150 events with their people, two weeks of shows and promo codes, once. */
export async function seedCatalog(db: Executor, opts: SeedOptions = {}): Promise<SeedResult> {
  const log = opts.log ?? (() => {});
  const started = performance.now();
  const step = (label: string) => log(`  ${label.padEnd(34)} ${((performance.now() - started) / 1000).toFixed(1)}s`);

  return db.transaction(async (tx) => {
    // Two seeds racing (say, parallel test workers on one database) must not both insert.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('marquee:seed-catalog'))`);
    const [existing] = await queryRows<{ events: number; venues: number }>(
      tx,
      sql`SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM venues)::int AS venues`,
    );
    if (existing && (existing.events > 0 || existing.venues > 0)) {
      return {
        skipped: true as const,
        reason: `catalog already present (${existing.events} events, ${existing.venues} venues); use --reset to reseed`,
      };
    }

    const plan = buildCatalog({ now: opts.now ?? new Date(), seed: opts.seed ?? DEFAULT_SEED });
    step(`planned ${plan.shows.length} shows`);
    await tx.insert(schema.cities).values(plan.cities).onConflictDoNothing();
    await insertAll(tx, schema.venues, plan.venues);
    await insertAll(tx, schema.sections, plan.sections);
    await insertAll(tx, schema.zones, plan.zones);
    await insertAll(tx, schema.seats, plan.seats);
    await insertAll(tx, schema.events, plan.events);
    await insertAll(tx, schema.shows, plan.shows);
    await insertAll(tx, schema.showPrices, plan.showPrices);
    await insertAll(tx, schema.showZonePrices, plan.showZonePrices);
    await tx.insert(schema.promoCodes).values(plan.promoCodes).onConflictDoNothing();
    await insertAll(tx, schema.people, plan.people);
    // One statement: the credits trigger then refreshes events.credits once, for all events.
    await insertAll(tx, schema.eventCredits, plan.eventCredits);
    step(`inserted ${plan.seats.length} seats, ${plan.events.length} events, ${plan.eventCredits.length} credits`);

    for (const venue of plan.venues) {
      await tx.execute(sql`
        INSERT INTO show_seats (show_id, seat_id, status, price_minor, zone_id)
        SELECT sh.id, se.id, 'AVAILABLE', coalesce(zp.price_minor, sp.price_minor), se.zone_id
        FROM shows sh
        JOIN seats se ON se.section_id = sh.section_id
        LEFT JOIN show_prices sp ON se.zone_id IS NULL AND sp.show_id = sh.id AND sp.seat_type = se.type
        LEFT JOIN show_zone_prices zp ON zp.show_id = sh.id AND zp.zone_id = se.zone_id
        WHERE sh.venue_id = ${venue.id} AND coalesce(zp.price_minor, sp.price_minor) IS NOT NULL`);
    }
    step("materialised show_seats");
    return { skipped: false as const, elapsedMs: performance.now() - started, counts: await tableCounts(tx) };
  });
}

/** Empties the catalog tables. CASCADE also empties bookings, payments and redemptions that point at them. */
export async function resetCatalog(db: Executor): Promise<void> {
  await db.execute(sql.raw(`TRUNCATE ${CATALOG_TABLES.join(", ")} CASCADE`));
}
