import "server-only";
import { sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { queryRows } from "@/db/rows";
import { notFound } from "@/lib/errors";
import type { Category } from "./filters";
import { isUuid } from "./events";

export type VenueDetails = { id: string; slug: string; name: string; address: string; cityId: string; cityName: string; timeZone: string; lat: number; lng: number };

export type VenueShow = { id: string; startsAt: Date; format: string | null; language: string | null; hall: string; minPriceMinor: number; currency: string };

export type VenueEvent = {
  event: { id: string; slug: string; title: string; category: Category; posterUrl: string | null; languages: string[]; durationMinutes: number; certificate: string | null };
  shows: VenueShow[];
};

export const VENUE_SCHEDULE_DAYS = 14;

export async function getVenue(idOrSlug: string, ex: Executor = db): Promise<VenueDetails> {
  const where = isUuid(idOrSlug) ? sql`v.id = ${idOrSlug}::uuid` : sql`v.slug = ${idOrSlug.toLowerCase()}`;
  const [row] = await queryRows<VenueDetails>(
    ex,
    sql`SELECT v.id, v.slug, v.name, v.address, v.city_id AS "cityId", c.name AS "cityName", v.time_zone AS "timeZone", v.lat, v.lng
        FROM venues v JOIN cities c ON c.id = v.city_id WHERE ${where}`,
  );
  if (!row) throw notFound("Venue");
  return row;
}

/** Upcoming scheduled shows of published events at a venue over the next `days`, grouped by event (most popular first). */
export async function getVenueSchedule(venueId: string, opts: { now?: Date; days?: number; ex?: Executor } = {}): Promise<VenueEvent[]> {
  const now = opts.now ?? new Date();
  const until = new Date(now.getTime() + (opts.days ?? VENUE_SCHEDULE_DAYS) * 86_400_000);
  const rows = await queryRows<VenueShow & VenueEvent["event"] & { showId: string }>(
    opts.ex ?? db,
    sql`SELECT e.id, e.slug, e.title, e.category, e.poster_url AS "posterUrl", e.languages, e.duration_minutes AS "durationMinutes", e.certificate,
               s.id AS "showId", s.starts_at AS "startsAt", s.format, s.language, sec.name AS hall, s.min_price_minor AS "minPriceMinor", s.currency
        FROM shows s
        JOIN events e ON e.id = s.event_id AND e.status = 'PUBLISHED'
        JOIN sections sec ON sec.id = s.section_id
        WHERE s.venue_id = ${venueId}::uuid AND s.status = 'SCHEDULED'
          AND s.starts_at >= ${now.toISOString()}::timestamptz AND s.starts_at < ${until.toISOString()}::timestamptz
        ORDER BY e.popularity DESC, e.id, s.starts_at
        LIMIT 2000`,
  );
  const byEvent = new Map<string, VenueEvent>();
  for (const r of rows) {
    let entry = byEvent.get(r.id);
    if (!entry) {
      entry = { event: { id: r.id, slug: r.slug, title: r.title, category: r.category, posterUrl: r.posterUrl, languages: r.languages, durationMinutes: r.durationMinutes, certificate: r.certificate }, shows: [] };
      byEvent.set(r.id, entry);
    }
    entry.shows.push({ id: r.showId, startsAt: new Date(r.startsAt), format: r.format, language: r.language, hall: r.hall, minPriceMinor: Number(r.minPriceMinor), currency: r.currency });
  }
  return [...byEvent.values()];
}
