// Opening a booking for a show: INITIATED, no seats yet; seats come with hold.ts.
import "server-only";
import { sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { queryRows } from "@/db/rows";
import { AppError, notFound } from "@/lib/errors";
import { BOOKING_RETURNING, bookingFromRow, findOpenBooking, findShowForSale, seatsOfBooking, type BookingRecord, type BookingWithSeats } from "./queries";
import { newBookingReference } from "./reference";
import { expireBookings } from "./release";
import { notOnSale } from "./rules";

/**
 * Opens a booking for a show. A user has at most one open booking per show (a unique index says
 * so): if one is open it is answered instead (`created: false`); one whose hold lapsed is expired
 * first.
 */
export async function initiateBooking(
  userId: string,
  showId: string,
  ex: Executor = db,
  opts: { /** The partner key booking on the user's behalf, recorded on the booking. */ apiKeyId?: string | null } = {},
): Promise<BookingWithSeats & { created: boolean }> {
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      // The fast path is this one statement: it inserts only for a show on sale.
      const [row] = await queryRows<Record<keyof BookingRecord, unknown>>(
        ex,
        sql`INSERT INTO bookings (reference, user_id, show_id, status, currency, api_key_id)
            SELECT ${newBookingReference()}, ${userId}::uuid, s.id, 'INITIATED', s.currency, ${opts.apiKeyId ?? null}::uuid
            FROM shows s JOIN events e ON e.id = s.event_id
            WHERE s.id = ${showId}::uuid AND e.status = 'PUBLISHED' AND s.status = 'SCHEDULED' AND s.starts_at > now()
            ON CONFLICT (user_id, show_id) WHERE status IN ('INITIATED', 'LOCKED') DO NOTHING
            RETURNING ${BOOKING_RETURNING}`,
      );
      if (row) return { ...bookingFromRow(row), seats: [], created: true };
    } catch (err) {
      // A reference collision (about one in 10^12) gets a new reference.
      if (isUniqueViolation(err, "bookings_reference_unique")) continue;
      throw err;
    }
    // Not inserted: say why if the show is the reason.
    const show = await findShowForSale(showId, ex);
    if (!show) throw notFound("Show");
    if (!show.onSale) throw notOnSale(show.status);
    const open = await findOpenBooking(userId, showId, ex);
    if (!open) continue; // it closed in the meantime: insert again
    if (!open.expired) return { ...open, seats: await seatsOfBooking(open.id, ex), created: false };
    await expireBookings(ex, [open.id]);
  }
  throw new AppError("CONFLICT", "Could not open a booking for this show; please try again.");
}
