// Small pieces that raw SQL written with drizzle's `sql` template repeats: an id list as a uuid[]
// parameter, the staff venue-scope filter, and a booking's seat labels.
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
 * A booking's seat labels in hall order ("A1", "A2", …), as a scalar subquery: NULL when it has
 * none. `bookingId` is the expression naming the booking, e.g. sql`b.id`.
 */
export function seatLabelsOf(bookingId: SQL): SQL {
  return sql`(SELECT array_agg(st.label ORDER BY st.row_index, st.col_index) FROM booking_seats bs JOIN seats st ON st.id = bs.seat_id WHERE bs.booking_id = ${bookingId})`;
}
