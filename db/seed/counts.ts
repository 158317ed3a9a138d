import { sql } from "drizzle-orm";
import type { Executor } from "../client";
import { queryRows } from "../rows";

export const CATALOG_TABLES = [
  "cities",
  "venues",
  "sections",
  "zones",
  "seats",
  "events",
  "shows",
  "show_prices",
  "show_zone_prices",
  "show_seats",
  "promo_codes",
  "people",
  "event_credits",
] as const;

export type CatalogTable = (typeof CATALOG_TABLES)[number];

export async function tableCounts(ex: Executor): Promise<Record<CatalogTable, number>> {
  const columns = sql.join(
    CATALOG_TABLES.map((t) => sql.raw(`(SELECT count(*) FROM ${t})::int AS ${t}`)),
    sql`, `,
  );
  const [row] = await queryRows<Record<CatalogTable, number>>(ex, sql`SELECT ${columns}`);
  if (!row) throw new Error("count query returned no row");
  return row;
}

export function formatCounts(counts: Record<string, number>): string {
  const width = Math.max(...Object.keys(counts).map((k) => k.length));
  return Object.entries(counts)
    .map(([table, n]) => `  ${table.padEnd(width)}  ${n.toLocaleString("en-US").padStart(11)}`)
    .join("\n");
}
