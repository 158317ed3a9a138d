// Bookings for venue staff: find one by reference, email or phone; see everything that happened
// to it; cancel and refund it with a reason.
import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { User } from "@/lib/auth/accounts";
import { venueScope } from "@/lib/auth/authorize";
import { cancelAndRefund } from "@/lib/payments/cancellation";
import { AppError, notFound, statusWords } from "@/lib/errors";
import { audit } from "./audit";
import { inVenueScope, seatLabelsOf } from "@/db/sql";

export const bookingSearchSchema = z.object({ q: z.string().trim().min(3, "Type at least 3 characters").max(100) });

export type StaffBookingRow = { id: string; reference: string; status: string; name: string; email: string; phone: string | null; title: string; startsAt: Date; timeZone: string; venue: string; totalMinor: number; currency: string; createdAt: Date };

const ROW = sql`b.id, b.reference, b.status, u.name, u.email, u.phone, e.title, s.starts_at AS "startsAt", v.time_zone AS "timeZone", v.name AS venue,
  b.total_minor AS "totalMinor", b.currency, b.created_at AS "createdAt"`;
const FROM = sql`FROM bookings b JOIN users u ON u.id = b.user_id JOIN shows s ON s.id = b.show_id JOIN events e ON e.id = s.event_id JOIN venues v ON v.id = s.venue_id`;
const dated = (r: StaffBookingRow): StaffBookingRow => ({ ...r, startsAt: new Date(r.startsAt), createdAt: new Date(r.createdAt) });

export const BOOKINGS_PAGE_SIZE = 30;

/** The bookings list's view and page as the page reads them; anything unreadable falls back to the default. */
export const bookingListSchema = z.object({
  view: z.enum(["upcoming", "recent"]).catch("upcoming"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/**
 * Bookings at the actor's venues, a page at a time. "upcoming": bookings that still admit someone
 * (CONFIRMED, so never cancelled or refunded ones) to a show not over yet, soonest show first.
 * "recent": every booking that got past starting, newest first. The id breaks ties so pages never overlap.
 */
export async function listBookings(
  user: User,
  opts: z.output<typeof bookingListSchema>,
  pageSize = BOOKINGS_PAGE_SIZE,
): Promise<{ rows: StaffBookingRow[]; total: number; page: number; pageCount: number }> {
  const scope = await venueScope(user);
  if (scope && scope.length === 0) return { rows: [], total: 0, page: 1, pageCount: 1 };
  const where =
    opts.view === "upcoming"
      ? sql`WHERE b.status = 'CONFIRMED' AND s.ends_at > now() ${inVenueScope(sql`s.venue_id`, scope)}`
      : sql`WHERE b.status NOT IN ('INITIATED') ${inVenueScope(sql`s.venue_id`, scope)}`;
  const order = opts.view === "upcoming" ? sql`s.starts_at, b.created_at, b.id` : sql`b.created_at DESC, b.id DESC`;
  const [count] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM bookings b JOIN shows s ON s.id = b.show_id ${where}`);
  const pageCount = Math.max(1, Math.ceil(count!.n / pageSize));
  const page = Math.min(opts.page, pageCount);
  const rows = await queryRows<StaffBookingRow>(db, sql`SELECT ${ROW} ${FROM} ${where} ORDER BY ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
  return { rows: rows.map(dated), total: count!.n, page, pageCount };
}

export async function searchBookings(user: User, q: string): Promise<StaffBookingRow[]> {
  const scope = await venueScope(user);
  if (scope && scope.length === 0) return [];
  const term = q.trim();
  const digits = term.replace(/\D/g, "");
  const rows = await queryRows<StaffBookingRow>(
    db,
    sql`SELECT ${ROW} ${FROM}
        WHERE (b.reference = ${term.toUpperCase()} OR lower(u.email) = ${term.toLowerCase()}
               ${digits.length >= 6 ? sql`OR regexp_replace(coalesce(u.phone, ''), '\\D', '', 'g') LIKE ${`%${digits}`}` : sql``})
          AND b.status NOT IN ('INITIATED')
          ${inVenueScope(sql`s.venue_id`, scope)}
        ORDER BY b.created_at DESC, b.id DESC LIMIT 50`,
  );
  return rows.map(dated);
}

export type HistoryItem = { at: Date; kind: string; what: string };

/** One booking with its whole story: holds, payments, webhook events, refunds, scans, staff actions. */
export async function bookingHistory(user: User, bookingId: string) {
  const [b] = await queryRows<StaffBookingRow & { venueId: string; showId: string; seats: string[] | null; confirmedAt: Date | null; cancelledAt: Date | null; viaKey: string | null }>(
    db,
    sql`SELECT ${ROW}, s.venue_id AS "venueId", s.id AS "showId", b.confirmed_at AS "confirmedAt", b.cancelled_at AS "cancelledAt",
               ${seatLabelsOf(sql`b.id`)} AS seats, (SELECT k.name FROM api_keys k WHERE k.id = b.api_key_id) AS "viaKey"
        ${FROM}
        WHERE b.id = ${bookingId}::uuid`,
  );
  const scope = await venueScope(user);
  if (!b || (scope && !scope.includes(b.venueId))) throw notFound("Booking");
  const history = await queryRows<HistoryItem>(
    db,
    sql`SELECT * FROM (
          SELECT b.created_at AS at, 'booking' AS kind, 'Booking started (' || b.reference || ')' || coalesce(' via API key ' || k.name, '') AS what FROM bookings b LEFT JOIN api_keys k ON k.id = b.api_key_id WHERE b.id = ${bookingId}::uuid
          UNION ALL SELECT confirmed_at, 'booking', 'Confirmed' FROM bookings WHERE id = ${bookingId}::uuid AND confirmed_at IS NOT NULL
          UNION ALL SELECT cancelled_at, 'booking', 'Cancelled / released' FROM bookings WHERE id = ${bookingId}::uuid AND cancelled_at IS NOT NULL
          UNION ALL SELECT created_at, 'payment', method || ' payment ' || lower(status::text) || ' — ' || to_char(amount_minor / 100.0, 'FM999999990.00') || ' ' || currency || coalesce(' (' || failure_code || ')', '') FROM payments WHERE booking_id = ${bookingId}::uuid
          UNION ALL SELECT received_at, 'webhook', type || ': ' || outcome FROM payment_events WHERE booking_id = ${bookingId}::uuid
          UNION ALL SELECT created_at, 'refund', 'Refund ' || lower(status::text) || ' — ' || to_char(amount_minor / 100.0, 'FM999999990.00') || ' ' || currency || ' (' || reason || ')' FROM refunds WHERE booking_id = ${bookingId}::uuid
          UNION ALL SELECT created_at, 'scan', result::text || ' on ' || device_id || coalesce(' — ' || reason, '') FROM scan_log WHERE booking_id = ${bookingId}::uuid
          UNION ALL SELECT a.created_at, 'staff', a.action || ' by ' || u.email || coalesce(' — ' || (a.details->>'reason'), '') FROM audit_log a JOIN users u ON u.id = a.user_id WHERE a.entity_id = ${bookingId}
        ) h ORDER BY at`,
  );
  return { booking: b, history: history.map((h) => ({ ...h, at: new Date(h.at) })) };
}

export const staffCancelSchema = z.object({ reason: z.string().trim().min(3, "Give a reason").max(300) });

/** What cancelling a booking would do, for the confirm step: the payment refunded in full and the places freed. */
export type RefundPreview = { status: string; refundMinor: number; currency: string; places: number };

export async function refundPreview(user: User, bookingId: string): Promise<RefundPreview> {
  const { booking } = await bookingHistory(user, bookingId); // scope check: 404 outside the actor's venues
  // The same payment lib/payments/cancellation.ts refunds: the first successful one, in full.
  const [paid] = await queryRows<{ amountMinor: number; currency: string }>(
    db,
    sql`SELECT amount_minor AS "amountMinor", currency FROM payments WHERE booking_id = ${bookingId}::uuid AND status = 'SUCCEEDED' ORDER BY created_at LIMIT 1`,
  );
  return { status: booking.status, refundMinor: paid?.amountMinor ?? 0, currency: paid?.currency ?? booking.currency, places: booking.seats?.length ?? 0 };
}

/**
 * Staff cancel and refund a confirmed booking (no cutoff: the venue decides), with a reason in the
 * audit log. `expectRefundMinor` is the amount the confirm step showed: if the booking would now
 * refund something else (or is no longer confirmed), nothing happens and the caller reviews again.
 */
export async function staffCancelBooking(user: User, bookingId: string, reason: string, expectRefundMinor?: number) {
  const preview = await refundPreview(user, bookingId);
  if (preview.status !== "CONFIRMED") throw new AppError("INVALID_STATE", `This booking is ${statusWords(preview.status)}: there is nothing to cancel.`, { details: { status: preview.status } });
  if (expectRefundMinor !== undefined && expectRefundMinor !== preview.refundMinor) {
    throw new AppError("CONFLICT", "The refund amount changed since you reviewed it. Review it again.", { details: { refundMinor: preview.refundMinor, expected: expectRefundMinor } });
  }
  const result = await cancelAndRefund(bookingId, { asStaff: true, reason: "staff", note: reason });
  await audit(db, user, "bookings.refund", "booking", bookingId, { reason });
  return result;
}
