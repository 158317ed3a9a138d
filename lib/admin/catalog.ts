import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { User } from "@/lib/auth/accounts";
import { venueScope } from "@/lib/auth/authorize";
import { uuidArray } from "@/db/sql";

export type HallZoneOption = { id: string; name: string; kind: "STANDING" | "TIMED_ENTRY"; capacity: number };
export type HallOption = { id: string; name: string; venue: string; timeZone: string; seatTypes: string[]; seats: number; zones: HallZoneOption[] };

/** Halls the user may schedule in, with the seat types each has (every one needs a price) and its zones (priced or left off sale). */
export async function hallsFor(user: User): Promise<HallOption[]> {
  const scope = await venueScope(user);
  if (scope && scope.length === 0) return [];
  const rows = await queryRows<HallOption>(
    db,
    sql`SELECT sec.id, sec.name, v.name AS venue, v.time_zone AS "timeZone",
               (SELECT array_agg(DISTINCT st.type) FROM seats st WHERE st.section_id = sec.id AND st.zone_id IS NULL) AS "seatTypes",
               (SELECT count(*) FROM seats st WHERE st.section_id = sec.id AND st.zone_id IS NULL)::int AS seats,
               coalesce((SELECT json_agg(json_build_object('id', z.id, 'name', z.name, 'kind', z.kind, 'capacity', z.capacity) ORDER BY z.sort_order, z.name)
                         FROM zones z WHERE z.section_id = sec.id), '[]'::json) AS zones
        FROM sections sec JOIN venues v ON v.id = sec.venue_id
        ${scope ? sql`WHERE v.id = ANY(${uuidArray(scope)})` : sql``}
        ORDER BY v.name, sec.name`,
  );
  return rows.map((h) => ({ ...h, seatTypes: h.seatTypes ?? [] }));
}

export async function eventOptions(): Promise<{ id: string; title: string; category: string; durationMinutes: number }[]> {
  return queryRows(db, sql`SELECT id, title, category, duration_minutes AS "durationMinutes" FROM events WHERE status = 'PUBLISHED' ORDER BY popularity DESC, title LIMIT 500`);
}
