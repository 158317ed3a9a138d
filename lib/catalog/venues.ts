import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db/client";
import { queryRows } from "@/db/rows";
import { requireCity } from "./cities";

export type VenueSummary = {
  id: string;
  slug: string;
  name: string;
  address: string;
  cityId: string;
  lat: number;
  lng: number;
  timeZone: string;
  sections: number;
  seats: number;
  distanceKm: number | null;
};

const slug = z.string().trim().toLowerCase().regex(/^[a-z0-9-]{1,64}$/, "must be a slug like 'mumbai'");

/** `?city=` or `?lat=&lng=&radiusKm=` (nearest first); one of the two is required. */
export const venueQuerySchema = z
  .object({
    city: slug.optional().describe("A city id; or give lat and lng."),
    lat: z.coerce.number().min(-90).max(90).optional().describe("Latitude, with lng: venues nearest first."),
    lng: z.coerce.number().min(-180).max(180).optional(),
    radiusKm: z.coerce.number().positive().max(500).default(25).describe("With lat/lng: how far to look."),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((q) => (q.lat === undefined) === (q.lng === undefined), { message: "give both lat and lng", path: ["lat"] })
  .refine((q) => q.city !== undefined || q.lat !== undefined, { message: "give city, or lat and lng", path: ["city"] });

export type VenueQuery = z.output<typeof venueQuerySchema>;

const EARTH_KM = 6371;

export async function listVenues(q: VenueQuery, ex: Executor = db): Promise<VenueSummary[]> {
  const conds: SQL[] = [];
  let distance: SQL = sql`NULL::float8`;
  if (q.city) conds.push(sql`v.city_id = ${(await requireCity(q.city, ex)).id}`);
  if (q.lat !== undefined && q.lng !== undefined) {
    // Haversine distance; the bounding box lets the (lat, lng) index discard far venues first.
    const dLat = (q.radiusKm / EARTH_KM) * (180 / Math.PI);
    const dLng = dLat / Math.max(Math.cos((q.lat * Math.PI) / 180), 0.01);
    distance = sql`(2 * ${EARTH_KM} * asin(sqrt(
      power(sin(radians(v.lat - ${q.lat}) / 2), 2) +
      cos(radians(${q.lat})) * cos(radians(v.lat)) * power(sin(radians(v.lng - ${q.lng}) / 2), 2))))`;
    conds.push(sql`v.lat BETWEEN ${q.lat - dLat} AND ${q.lat + dLat}`);
    conds.push(sql`v.lng BETWEEN ${q.lng - dLng} AND ${q.lng + dLng}`);
  }
  const rows = await queryRows<VenueSummary>(
    ex,
    sql`
      SELECT * FROM (
        SELECT v.id, v.slug, v.name, v.address, v.city_id AS "cityId", v.lat, v.lng, v.time_zone AS "timeZone",
               (SELECT count(*) FROM sections s WHERE s.venue_id = v.id)::int AS sections,
               (SELECT count(*) FROM seats st JOIN sections s ON s.id = st.section_id WHERE s.venue_id = v.id)::int AS seats,
               ${distance} AS "distanceKm"
        FROM venues v
        ${conds.length ? sql`WHERE ${sql.join(conds, sql` AND `)}` : sql``}
      ) x
      ${q.lat !== undefined ? sql`WHERE x."distanceKm" <= ${q.radiusKm}` : sql``}
      ORDER BY x."distanceKm" ASC NULLS LAST, x.name
      LIMIT ${q.limit}`,
  );
  return rows.map((r) => ({ ...r, distanceKm: r.distanceKm === null ? null : Math.round(Number(r.distanceKm) * 10) / 10 }));
}
