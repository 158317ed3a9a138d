import "server-only";
import { sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { CreditRole } from "@/db/schema";
import { notFound } from "@/lib/errors";
import type { Credit } from "./credit-groups";
import type { EventCard } from "./events";
import { isUuid } from "./events";

export type Person = { id: string; slug: string; name: string; kind: "PERSON" | "GROUP"; bio: string; imageUrl: string | null };

/** An upcoming event of a person: a card, with what they do in it and whether it plays in the city asked for. */
export type PersonEvent = EventCard & { credits: { role: CreditRole; credit: string }[]; inCity: boolean };

const PERSON_COLUMNS = sql`id, slug, name, kind, bio, image_url AS "imageUrl"`;

/** An event's credits in billing order (name breaks ties). */
export function getEventCredits(eventId: string, ex: Executor = db): Promise<Credit[]> {
  return queryRows<Credit>(
    ex,
    sql`SELECT p.id AS "personId", p.slug, p.name, p.kind, c.role, c.credit, c.position
        FROM event_credits c JOIN people p ON p.id = c.person_id
        WHERE c.event_id = ${eventId}::uuid
        ORDER BY c.position, p.name, c.role`,
  );
}

export async function getPerson(idOrSlug: string, ex: Executor = db): Promise<Person> {
  const where = isUuid(idOrSlug) ? sql`id = ${idOrSlug}::uuid` : sql`slug = ${idOrSlug.toLowerCase()}`;
  const [row] = await queryRows<Person>(ex, sql`SELECT ${PERSON_COLUMNS} FROM people WHERE ${where}`);
  if (!row) throw notFound("Person");
  return row;
}

/**
 * Published events crediting a person that have an upcoming scheduled show, those playing in
 * `cityId` first (their next show and lowest price there), then the rest, most popular first.
 */
export async function getPersonEvents(
  personId: string,
  opts: { cityId?: string; now?: Date; limit?: number; ex?: Executor } = {},
): Promise<PersonEvent[]> {
  const now = (opts.now ?? new Date()).toISOString();
  const inCity = opts.cityId ? sql`s.city_id = ${opts.cityId}` : sql`false`;
  const rows = await queryRows<PersonEvent>(
    opts.ex ?? db,
    sql`
      SELECT e.id, e.slug, e.title, e.category, e.languages, e.genres,
             e.duration_minutes AS "durationMinutes", e.certificate, e.rating_tenths AS "ratingTenths",
             e.poster_url AS "posterUrl", e.popularity,
             x.next_show_at AS "nextShowAt", x.min_price AS "minPriceMinor", x.currency, x.in_city AS "inCity", c.credits
      FROM (
        SELECT event_id, json_agg(json_build_object('role', role, 'credit', credit) ORDER BY position, role) AS credits
        FROM event_credits WHERE person_id = ${personId}::uuid GROUP BY event_id
      ) c
      JOIN events e ON e.id = c.event_id AND e.status = 'PUBLISHED'
      CROSS JOIN LATERAL (
        SELECT coalesce(min(s.starts_at) FILTER (WHERE ${inCity}), min(s.starts_at)) AS next_show_at,
               coalesce(min(s.min_price_minor) FILTER (WHERE ${inCity}), min(s.min_price_minor)) AS min_price,
               min(s.currency) AS currency, coalesce(bool_or(${inCity}), false) AS in_city
        FROM shows s
        WHERE s.event_id = e.id AND s.status = 'SCHEDULED' AND s.starts_at >= ${now}::timestamptz
      ) x
      WHERE x.next_show_at IS NOT NULL
      ORDER BY x.in_city DESC, e.popularity DESC, e.id DESC
      LIMIT ${opts.limit ?? 60}`,
  );
  return rows.map((r) => ({ ...r, nextShowAt: new Date(r.nextShowAt), minPriceMinor: Number(r.minPriceMinor) }));
}
