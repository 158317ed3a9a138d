import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db/client";
import { events, sections, showPrices, shows, venues } from "@/db/schema";
import { queryRows } from "@/db/rows";
import { notFound } from "@/lib/errors";

export const showIdParams = z.object({ showId: z.uuid("must be a show id (UUID)") });

export type ShowPrice = { seatType: string; priceMinor: number; seats: number; available: number };

/** A show with its event, venue, section and per-seat-type prices and availability. */
export async function getShow(showId: string, ex: Executor = db) {
  const [row] = await ex
    .select({ show: shows, event: events, venue: venues, section: sections })
    .from(shows)
    .innerJoin(events, eq(events.id, shows.eventId))
    .innerJoin(venues, eq(venues.id, shows.venueId))
    .innerJoin(sections, eq(sections.id, shows.sectionId))
    .where(eq(shows.id, showId))
    .limit(1);
  if (!row || row.event.status !== "PUBLISHED") throw notFound("Show");
  const { searchVector: _omit, ...event } = row.event;
  // Tickets are sold until the show starts.
  const onSale = row.show.status === "SCHEDULED" && row.show.startsAt.getTime() > Date.now();
  return { ...row, event, onSale, prices: await getShowPricing(showId, ex) };
}

/** Prices per seat type with how many of those seats exist and are free right now. */
export async function getShowPricing(showId: string, ex: Executor = db): Promise<ShowPrice[]> {
  const rows = await queryRows<ShowPrice>(
    ex,
    sql`
      SELECT p.seat_type AS "seatType", p.price_minor AS "priceMinor",
             count(st.id)::int AS seats,
             -- Seats not materialised for this show yet are free.
             count(st.id) FILTER (WHERE ss.id IS NULL OR ss.status = 'AVAILABLE'
                                  OR (ss.status = 'LOCKED' AND ss.lock_expiry < now()))::int AS available
      FROM ${showPrices} p
      JOIN ${shows} s ON s.id = p.show_id
      LEFT JOIN seats st ON st.section_id = s.section_id AND st.type = p.seat_type
      LEFT JOIN show_seats ss ON ss.show_id = p.show_id AND ss.seat_id = st.id
      WHERE p.show_id = ${showId}::uuid
      GROUP BY p.seat_type, p.price_minor
      ORDER BY p.price_minor DESC`,
  );
  return rows;
}
