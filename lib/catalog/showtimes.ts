import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { queryRows } from "@/db/rows";
import { zonedYmd } from "@/lib/time/zone";
import { DEFAULT_TIME_ZONE, requireCity } from "./cities";
import { matchesShowFilter, showFilterOptions, type ShowFilter } from "./showtime-groups";
import { whenRange } from "./when";

export type Showtime = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  language: string | null;
  format: string | null;
  minPriceMinor: number;
  maxPriceMinor: number;
  currency: string;
  availableSeats: number;
  totalSeats: number;
  /** When tickets go on sale, if that is still to come (lib/onsale). */
  onSaleAt: Date | null;
};

/** How a hall sells: reserved seats, standing zones (with or without seats), or timed-entry slots. */
export type Admission = "SEATED" | "STANDING" | "MIXED" | "TIMED_ENTRY";

export type VenueShowtimes = {
  venue: { id: string; name: string; slug: string; address: string; cityId: string; timeZone: string };
  section: { id: string; name: string; admission: Admission };
  shows: Showtime[];
};

export type EventShowtimes = {
  /** Local dates (venue time) that have shows matching the filter, for the date strip. */
  dates: string[];
  date: string | null;
  /** One entry per venue hall (section); the event page groups them by venue (showtime-groups.ts). */
  venues: VenueShowtimes[];
  /** Whether the event has upcoming shows in the city at all, whatever the filter. */
  playing: boolean;
  /** Languages and formats of all upcoming shows in the city, whatever the filter: the chips. */
  languages: string[];
  formats: string[];
};

type Row = Showtime & {
  venueId: string;
  venueName: string;
  venueSlug: string;
  address: string;
  cityId: string;
  timeZone: string;
  sectionId: string;
  sectionName: string;
  admission: Admission;
};

/**
 * Upcoming scheduled shows of an event, optionally in one city and of one language and/or format,
 * grouped by venue hall for one local date (the requested one, or the first that has matching
 * shows), with seats left per show.
 */
export async function getEventShowtimes(
  eventId: string,
  opts: { city?: string; date?: string; now?: Date; ex?: Executor } & ShowFilter = {},
): Promise<EventShowtimes> {
  const ex = opts.ex ?? db;
  const city = opts.city ? await requireCity(opts.city, ex) : undefined;
  const { from } = whenRange(undefined, city?.timeZone ?? DEFAULT_TIME_ZONE, opts.now);
  const conds: SQL[] = [
    sql`s.event_id = ${eventId}::uuid`,
    sql`s.status = 'SCHEDULED'`,
    sql`s.starts_at >= ${from.toISOString()}::timestamptz`,
  ];
  if (city) conds.push(sql`s.city_id = ${city.id}`);

  const rows = await queryRows<Row>(
    ex,
    sql`
      SELECT s.id, s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.language, s.format,
             s.min_price_minor AS "minPriceMinor", s.max_price_minor AS "maxPriceMinor", s.currency,
             -- A show whose seats are not materialised yet has all of its section's seats free.
             (CASE WHEN ss.total = 0 THEN sc.total ELSE ss.available END)::int AS "availableSeats",
             sc.total::int AS "totalSeats", os.on_sale_at AS "onSaleAt",
             v.id AS "venueId", v.name AS "venueName", v.slug AS "venueSlug", v.address, v.city_id AS "cityId",
             v.time_zone AS "timeZone", sec.id AS "sectionId", sec.name AS "sectionName",
             CASE WHEN zk.timed THEN 'TIMED_ENTRY' WHEN zk.standing AND zk.seated THEN 'MIXED' WHEN zk.standing THEN 'STANDING' ELSE 'SEATED' END AS admission
      FROM shows s
      JOIN venues v ON v.id = s.venue_id
      JOIN sections sec ON sec.id = s.section_id
      LEFT JOIN LATERAL (
        SELECT count(*) FILTER (WHERE st.status = 'AVAILABLE'
                                   OR (st.status = 'LOCKED' AND st.lock_expiry < now())) AS available,
               count(*) AS total
        FROM show_seats st WHERE st.show_id = s.id
      ) ss ON true
      LEFT JOIN LATERAL (SELECT count(*) AS total FROM seats WHERE seats.section_id = s.section_id) sc ON true
      LEFT JOIN on_sales os ON os.show_id = s.id AND os.on_sale_at > now()
      LEFT JOIN LATERAL (
        SELECT bool_or(z.kind = 'TIMED_ENTRY') AS timed, bool_or(z.kind = 'STANDING') AS standing,
               EXISTS (SELECT 1 FROM seats st WHERE st.section_id = s.section_id AND st.zone_id IS NULL) AS seated
        FROM zones z WHERE z.section_id = s.section_id
      ) zk ON true
      WHERE ${sql.join(conds, sql` AND `)}
      ORDER BY s.starts_at, v.name
      LIMIT 2000`,
  );

  // The chips offer everything playing; the filter then narrows dates and times alike.
  const { languages, formats } = showFilterOptions(rows);
  const filter = { language: opts.language, format: opts.format };
  const byDate = new Map<string, Row[]>();
  for (const r of rows) {
    if (!matchesShowFilter(r, filter)) continue;
    r.startsAt = new Date(r.startsAt);
    r.endsAt = new Date(r.endsAt);
    const day = zonedYmd(r.startsAt, r.timeZone);
    (byDate.get(day) ?? byDate.set(day, []).get(day)!).push(r);
  }
  const dates = [...byDate.keys()];
  const date = opts.date ?? dates[0] ?? null;

  const venues = new Map<string, VenueShowtimes>();
  for (const r of byDate.get(date ?? "") ?? []) {
    const key = r.sectionId;
    let v = venues.get(key);
    if (!v) {
      v = {
        venue: { id: r.venueId, name: r.venueName, slug: r.venueSlug, address: r.address, cityId: r.cityId, timeZone: r.timeZone },
        section: { id: r.sectionId, name: r.sectionName, admission: r.admission },
        shows: [],
      };
      venues.set(key, v);
    }
    v.shows.push({
      id: r.id,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      language: r.language,
      format: r.format,
      minPriceMinor: r.minPriceMinor,
      maxPriceMinor: r.maxPriceMinor,
      currency: r.currency,
      availableSeats: r.availableSeats,
      totalSeats: r.totalSeats,
      onSaleAt: r.onSaleAt ? new Date(r.onSaleAt) : null,
    });
  }
  return {
    dates,
    date,
    playing: rows.length > 0,
    languages,
    formats,
    venues: [...venues.values()].sort((a, b) => a.venue.name.localeCompare(b.venue.name) || a.section.name.localeCompare(b.section.name)),
  };
}

/** Cities where an event has upcoming scheduled shows, in the cities' display order (one probe per city). */
export async function citiesPlaying(eventId: string, opts: { now?: Date; ex?: Executor } = {}): Promise<{ id: string; name: string }[]> {
  const now = (opts.now ?? new Date()).toISOString();
  return queryRows<{ id: string; name: string }>(
    opts.ex ?? db,
    sql`SELECT c.id, c.name FROM cities c
        WHERE EXISTS (SELECT 1 FROM shows s WHERE s.event_id = ${eventId} AND s.city_id = c.id
                        AND s.status = 'SCHEDULED' AND s.starts_at >= ${now}::timestamptz)
        ORDER BY c.sort_order, c.name`,
  );
}
