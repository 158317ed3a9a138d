import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { events } from "@/db/schema";
import { queryRows } from "@/db/rows";
import { notFound } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "./cursor";
import { DEFAULT_TIME_ZONE, requireCity } from "./cities";
import type { Category, EventFilters } from "./filters";
import { memo } from "./memo";
import { searchEvents } from "@/lib/catalog/search";
import { whenRange } from "./when";

export type EventCard = {
  id: string;
  slug: string;
  title: string;
  category: Category;
  languages: string[];
  genres: string[];
  durationMinutes: number;
  certificate: string | null;
  ratingTenths: number | null;
  posterUrl: string | null;
  popularity: number;
  nextShowAt: Date;
  minPriceMinor: number;
  currency: string;
};

export type EventPage = { items: EventCard[]; nextCursor: string | null };

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID_RE.test(s);

/**
 * Published events with at least one upcoming, scheduled show matching the filters, most
 * popular first, keyset-paginated. Show-level filters (city, date, language, price) are applied
 * to the shows; the card carries the next matching show and the lowest matching price.
 */
export async function listEvents(
  filters: EventFilters,
  opts: { now?: Date; ex?: Executor } = {},
): Promise<EventPage> {
  const ex = opts.ex ?? db;
  const city = filters.city ? await requireCity(filters.city, ex) : undefined;
  const { from, to } = whenRange(filters.date, city?.timeZone ?? DEFAULT_TIME_ZONE, opts.now);
  const after = filters.cursor ? decodeCursor(filters.cursor, { p: "number", id: "string" }) : undefined;

  let ids: string[] | undefined;
  if (filters.q) {
    // A text query narrows the listing to its best matches; the order stays "popular first".
    ids = (await searchEvents({ query: filters.q, limit: 200, city: city?.id, now: opts.now }, ex)).map((h) => h.id);
    if (!ids.length) return { items: [], nextCursor: null };
  }
  const limit = filters.limit;
  const rows = await queryRows<EventCard>(ex, listEventsSql({ ...filters, cityId: city?.id, from, to, after, ids }));
  const items = rows.slice(0, limit).map(normaliseCard);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ p: last.popularity, id: last.id }) : null };
}

/** The listing's SQL, given resolved filters (exported so the benchmark runs the same query raw). */
export function listEventsSql(f: {
  cityId?: string;
  from: Date;
  to?: Date;
  category?: Category[];
  language?: string;
  minPrice?: number;
  maxPrice?: number;
  after?: { p: number; id: string };
  ids?: string[];
  limit: number;
}): SQL {
  const showConds: SQL[] = [
    sql`s.event_id = e.id`,
    sql`s.status = 'SCHEDULED'`,
    sql`s.starts_at >= ${f.from.toISOString()}::timestamptz`,
  ];
  if (f.to) showConds.push(sql`s.starts_at < ${f.to.toISOString()}::timestamptz`);
  if (f.cityId) showConds.push(sql`s.city_id = ${f.cityId}`);
  if (f.language) showConds.push(sql`lower(s.language) = lower(${f.language})`);
  if (f.maxPrice !== undefined) showConds.push(sql`s.min_price_minor <= ${f.maxPrice}`);
  if (f.minPrice !== undefined) showConds.push(sql`s.max_price_minor >= ${f.minPrice}`);

  const eventConds: SQL[] = [sql`e.status = 'PUBLISHED'`];
  if (f.category?.length) {
    eventConds.push(sql`e.category IN (${sql.join(f.category.map((c) => sql`${c}::event_category`), sql`, `)})`);
  }
  if (f.ids) eventConds.push(sql`e.id IN (${sql.join(f.ids.map((id) => sql`${id}::uuid`), sql`, `)})`);
  if (f.after) eventConds.push(sql`(e.popularity, e.id) < (${f.after.p}, ${f.after.id}::uuid)`);

  const columns = sql`e.id, e.slug, e.title, e.category, e.languages, e.genres,
             e.duration_minutes AS "durationMinutes", e.certificate, e.rating_tenths AS "ratingTenths",
             e.poster_url AS "posterUrl", e.popularity,
             x.next_show_at AS "nextShowAt", x.min_price AS "minPriceMinor", x.currency`;
  // NULLS LAST to match the indexes (the columns are NOT NULL; the planner needs the same ordering).
  const order = sql`ORDER BY e.popularity DESC NULLS LAST, e.id DESC NULLS LAST LIMIT ${f.limit + 1}`;

  if (f.cityId && f.to) {
    // A city and a few days: start from that slice of shows (an index range) and group by
    // event. Walking events by popularity would probe thousands that have no show that day.
    // (Measured: for language or price alone the walk is still cheaper than the city's whole
    // fortnight of shows.)
    const sliceConds = showConds.filter((_, i) => i !== 0);
    return sql`
      SELECT ${columns}
      FROM (
        SELECT s.event_id, min(s.starts_at) AS next_show_at, min(s.min_price_minor) AS min_price, min(s.currency) AS currency
        FROM shows s
        WHERE ${sql.join(sliceConds, sql` AND `)}
        GROUP BY s.event_id
      ) x
      JOIN events e ON e.id = x.event_id
      WHERE ${sql.join(eventConds, sql` AND `)}
      ${order}`;
  }
  // Otherwise most events have matching shows: walk events by popularity, probing each one's
  // shows through shows_listing_idx, and stop after a page.
  return sql`
      SELECT ${columns}
      FROM events e
      CROSS JOIN LATERAL (
        SELECT min(s.starts_at) AS next_show_at, min(s.min_price_minor) AS min_price, min(s.currency) AS currency
        FROM shows s
        WHERE ${sql.join(showConds, sql` AND `)}
      ) x
      WHERE ${sql.join(eventConds, sql` AND `)} AND x.next_show_at IS NOT NULL
      ${order}`;
}

/** The same listing, cached for CATALOG_CACHE_SECONDS: pages and the public API use this. */
export function listEventsCached(filters: EventFilters): Promise<EventPage> {
  const key = `events:${JSON.stringify([filters.city, filters.category, filters.date, filters.language, filters.minPrice, filters.maxPrice, filters.q, filters.cursor, filters.limit])}`;
  return memo(key, "catalog", () => listEvents(filters));
}

function normaliseCard(r: EventCard): EventCard {
  // Raw rows: postgres.js gives timestamptz as Date, PGlite too, but be strict about it.
  return { ...r, nextShowAt: new Date(r.nextShowAt), minPriceMinor: Number(r.minPriceMinor) };
}

export type EventDetails = typeof events.$inferSelect;

/** One published event by id or slug. */
export async function getEvent(idOrSlug: string, ex: Executor = db): Promise<EventDetails> {
  const where = isUuid(idOrSlug) ? eq(events.id, idOrSlug) : eq(events.slug, idOrSlug.toLowerCase());
  const [row] = await ex
    .select()
    .from(events)
    .where(and(where, eq(events.status, "PUBLISHED")))
    .limit(1);
  if (!row) throw notFound("Event");
  return row;
}
