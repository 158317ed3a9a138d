// Small pieces that raw SQL written with drizzle's `sql` template repeats: an id list as a uuid[]
// parameter, the staff venue-scope filter, and a booking's places (seat labels, zone names).
import { sql, type SQL } from "drizzle-orm";

/**
 * A list of ids as one uuid[] parameter. postgres.js and PGlite both take the text form of an
 * array, which keeps the statement's shape (and so its prepared plan) the same for any length.
 */
export function uuidArray(ids: readonly string[]): SQL {
  return sql`${`{${ids.join(",")}}`}::uuid[]`;
}

/**
 * `AND <venueColumn> = ANY(scope)` for staff, who see only their venues; nothing for admins
 * (scope null). `venueColumn` is the expression naming the venue, e.g. sql`s.venue_id`.
 */
export function inVenueScope(venueColumn: SQL, scope: readonly string[] | null): SQL {
  return scope ? sql`AND ${venueColumn} = ANY(${uuidArray(scope)})` : sql``;
}

/**
 * A place's name as a booking shows it: a seat's label ("A1"), a zone place's zone name ("Fan Pit",
 * never the unit's "Fan Pit #12": units are interchangeable). Needs `st` (seats) and `z` (zones,
 * LEFT JOINed on st.zone_id) in scope. lib/format/places.ts groups the repeats for people.
 */
export const PLACE_NAME = sql`coalesce(z.name, st.label)`;

/** Hall order for places: reserved seats by row and column, then each zone's places. Same scope as PLACE_NAME. */
export const PLACE_ORDER = sql`st.zone_id IS NOT NULL, z.sort_order, z.name, st.row_index, st.col_index`;

/**
 * A booking's places, one name per person in hall order ("A1", "A2", "Fan Pit", "Fan Pit"), as a
 * scalar subquery: NULL when it has none. `bookingId` is the expression naming the booking, e.g.
 * sql`b.id`. The ticket token's `seats` claim is the same list.
 */
export function seatLabelsOf(bookingId: SQL): SQL {
  return sql`(SELECT array_agg(${PLACE_NAME} ORDER BY ${PLACE_ORDER}) FROM booking_seats bs JOIN seats st ON st.id = bs.seat_id LEFT JOIN zones z ON z.id = st.zone_id WHERE bs.booking_id = ${bookingId})`;
}
