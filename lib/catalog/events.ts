import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { events } from "@/db/schema";
import { queryRows } from "@/db/rows";
import { notFound } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "./cursor";
import { DEFAULT_TIME_ZONE, listCities, requireCity } from "./cities";
import { addDays, zonedYmd } from "@/lib/time/zone";
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
  if (to && to <= from) return { items: [], nextCursor: null }; // a day already over

  let ids: string[] | undefined;
  if (filters.q) {
    // A text query narrows the listing to its best matches; the order stays "popular first".
    ids = (await searchEvents({ query: filters.q, limit: 200, city: city?.id, now: opts.now }, ex)).map((h) => h.id);
    if (!ids.length) return { items: [], nextCursor: null };
  }
  const zones = city ? [] : [...new Set((await listCities(ex)).map((c) => c.timeZone))];
  const everyCityIn = zones.length === 1 ? zones[0] : undefined;
  const limit = filters.limit;
  const rows = await queryRows<EventCard>(ex, listEventsSql({ ...filters, city, everyCityIn, from, to, after, ids }));
  const items = rows.slice(0, limit).map(normaliseCard);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ p: last.popularity, id: last.id }) : null };
}

/** The listing's SQL, given resolved filters (exported so the benchmark runs the same query raw). */
export function listEventsSql(f: {
  city?: { id: string; timeZone: string };
  /** Without a city: the time zone of every city, when they share one. */
  everyCityIn?: string;
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
  if (f.ids) return searchHitsSql({ ...f, ids: f.ids });
  // listing_shows (migration 0018) holds each scheduled show with its event's popularity, so a
  // page is one index range walked in listing order that stops once it has limit + 1 events.
  // Equality filters pick the index whose prefix they are, so a rare language or an empty day is
  // a short range instead of a scan (measured: "Urdu in Bengaluru" 1.2 s → under 1 ms).
  const conds: SQL[] = [sql`published`, sql`starts_at >= ${f.from.toISOString()}::timestamptz`];
  if (f.city) conds.push(sql`city_id = ${f.city.id}`);
  // One day is an index prefix; across two or three days (a weekend) matches are dense enough
  // that walking the range and filtering on starts_at is cheaper than merging days. Without a
  // city, local days compare only when every city keeps the same time zone.
  const dayZone = f.city?.timeZone ?? f.everyCityIn;
  const days = f.to && dayZone ? localDays(f.from, f.to, dayZone) : [];
  if (days.length === 1) conds.push(sql`local_day = ${days[0]}::date`);
  if (f.to) conds.push(sql`starts_at < ${f.to.toISOString()}::timestamptz`);
  if (f.language) conds.push(sql`language = lower(${f.language})`);
  if (f.category?.length) conds.push(sql`category IN (${sql.join(f.category.map((c) => sql`${c}::event_category`), sql`, `)})`);
  if (f.maxPrice !== undefined) conds.push(sql`min_price_minor <= ${f.maxPrice}`);
  if (f.minPrice !== undefined) conds.push(sql`max_price_minor >= ${f.minPrice}`);
  if (f.after) conds.push(sql`(popularity, event_id) < (${f.after.p}, ${f.after.id}::uuid)`);
  // One table and no UNION: a subquery's plan ignores the outer LIMIT, a table scan's does not.
  return sql`
      SELECT ${cardColumns}
      FROM (
        SELECT event_id, popularity, min(starts_at) AS next_show_at, min(min_price_minor) AS min_price, min(currency) AS currency
        FROM listing_shows
        WHERE ${sql.join(conds, sql` AND `)}
        GROUP BY popularity, event_id
        ORDER BY popularity DESC NULLS LAST, event_id DESC NULLS LAST
        LIMIT ${f.limit + 1}
      ) x
      JOIN events e ON e.id = x.event_id
      ORDER BY x.popularity DESC NULLS LAST, x.event_id DESC NULLS LAST`;
}

const cardColumns = sql`e.id, e.slug, e.title, e.category, e.languages, e.genres,
             e.duration_minutes AS "durationMinutes", e.certificate, e.rating_tenths AS "ratingTenths",
             e.poster_url AS "posterUrl", e.popularity,
             x.next_show_at AS "nextShowAt", x.min_price AS "minPriceMinor", x.currency`;

/** The calendar days in `timeZone` that [from, to) touches. */
function localDays(from: Date, to: Date, timeZone: string): string[] {
  if (to <= from) return [];
  const last = zonedYmd(new Date(to.getTime() - 1), timeZone);
  const days: string[] = [];
  for (let d = zonedYmd(from, timeZone); d <= last; d = addDays(d, 1)) days.push(d);
  return days;
}

/** A text query's hits (at most a couple of hundred events): probe each one's shows. */
function searchHitsSql(f: Parameters<typeof listEventsSql>[0] & { ids: string[] }): SQL {
  const showConds: SQL[] = [
    sql`s.event_id = e.id`,
    sql`s.status = 'SCHEDULED'`,
    sql`s.starts_at >= ${f.from.toISOString()}::timestamptz`,
  ];
  if (f.city) showConds.push(sql`s.city_id = ${f.city.id}`);
  if (f.to) showConds.push(sql`s.starts_at < ${f.to.toISOString()}::timestamptz`);
  if (f.language) showConds.push(sql`lower(s.language) = lower(${f.language})`);
  if (f.maxPrice !== undefined) showConds.push(sql`s.min_price_minor <= ${f.maxPrice}`);
  if (f.minPrice !== undefined) showConds.push(sql`s.max_price_minor >= ${f.minPrice}`);

  const eventConds: SQL[] = [sql`e.status = 'PUBLISHED'`, sql`e.id IN (${sql.join(f.ids.map((id) => sql`${id}::uuid`), sql`, `)})`];
  if (f.category?.length) {
    eventConds.push(sql`e.category IN (${sql.join(f.category.map((c) => sql`${c}::event_category`), sql`, `)})`);
  }
  if (f.after) eventConds.push(sql`(e.popularity, e.id) < (${f.after.p}, ${f.after.id}::uuid)`);
  return sql`
      SELECT ${cardColumns}
      FROM events e
      CROSS JOIN LATERAL (
        SELECT min(s.starts_at) AS next_show_at, min(s.min_price_minor) AS min_price, min(s.currency) AS currency
        FROM shows s
        WHERE ${sql.join(showConds, sql` AND `)}
      ) x
      WHERE ${sql.join(eventConds, sql` AND `)} AND x.next_show_at IS NOT NULL
      ORDER BY e.popularity DESC NULLS LAST, e.id DESC NULLS LAST LIMIT ${f.limit + 1}`;
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
