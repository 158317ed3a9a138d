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
import { notFound } from "@/lib/errors";
import { audit } from "./audit";
import { inVenueScope, seatLabelsOf } from "@/db/sql";

export const bookingSearchSchema = z.object({ q: z.string().trim().min(3, "Type at least 3 characters").max(100) });

export type StaffBookingRow = { id: string; reference: string; status: string; name: string; email: string; phone: string | null; title: string; startsAt: Date; venue: string; totalMinor: number; currency: string; createdAt: Date };

export async function searchBookings(user: User, q: string): Promise<StaffBookingRow[]> {
  const scope = await venueScope(user);
  if (scope && scope.length === 0) return [];
  const term = q.trim();
  const digits = term.replace(/\D/g, "");
  return queryRows<StaffBookingRow>(
    db,
    sql`SELECT b.id, b.reference, b.status, u.name, u.email, u.phone, e.title, s.starts_at AS "startsAt", v.name AS venue, b.total_minor AS "totalMinor", b.currency, b.created_at AS "createdAt"
        FROM bookings b JOIN users u ON u.id = b.user_id JOIN shows s ON s.id = b.show_id JOIN events e ON e.id = s.event_id JOIN venues v ON v.id = s.venue_id
        WHERE (b.reference = ${term.toUpperCase()} OR lower(u.email) = ${term.toLowerCase()}
               ${digits.length >= 6 ? sql`OR regexp_replace(coalesce(u.phone, ''), '\\D', '', 'g') LIKE ${`%${digits}`}` : sql``})
          AND b.status NOT IN ('INITIATED')
          ${inVenueScope(sql`s.venue_id`, scope)}
        ORDER BY b.created_at DESC LIMIT 50`,
  );
}

export type HistoryItem = { at: Date; kind: string; what: string };

/** One booking with its whole story: holds, payments, webhook events, refunds, scans, staff actions. */
export async function bookingHistory(user: User, bookingId: string) {
  const [b] = await queryRows<StaffBookingRow & { venueId: string; showId: string; seats: string[] | null; confirmedAt: Date | null; cancelledAt: Date | null }>(
    db,
    sql`SELECT b.id, b.reference, b.status, u.name, u.email, u.phone, e.title, s.starts_at AS "startsAt", v.name AS venue, s.venue_id AS "venueId", s.id AS "showId",
               b.total_minor AS "totalMinor", b.currency, b.created_at AS "createdAt", b.confirmed_at AS "confirmedAt", b.cancelled_at AS "cancelledAt",
               ${seatLabelsOf(sql`b.id`)} AS seats
        FROM bookings b JOIN users u ON u.id = b.user_id JOIN shows s ON s.id = b.show_id JOIN events e ON e.id = s.event_id JOIN venues v ON v.id = s.venue_id
        WHERE b.id = ${bookingId}::uuid`,
  );
  const scope = await venueScope(user);
  if (!b || (scope && !scope.includes(b.venueId))) throw notFound("Booking");
  const history = await queryRows<HistoryItem>(
    db,
    sql`SELECT * FROM (
          SELECT created_at AS at, 'booking' AS kind, 'Booking started (' || reference || ')' AS what FROM bookings WHERE id = ${bookingId}::uuid
          UNION ALL SELECT confirmed_at, 'booking', 'Confirmed' FROM bookings WHERE id = ${bookingId}::uuid AND confirmed_at IS NOT NULL
          UNION ALL SELECT cancelled_at, 'booking', 'Cancelled / released' FROM bookings WHERE id = ${bookingId}::uuid AND cancelled_at IS NOT NULL
          UNION ALL SELECT created_at, 'payment', method || ' payment ' || lower(status::text) || ' — ' || amount_minor / 100.0 || ' ' || currency || coalesce(' (' || failure_code || ')', '') FROM payments WHERE booking_id = ${bookingId}::uuid
          UNION ALL SELECT received_at, 'webhook', type || ': ' || outcome FROM payment_events WHERE booking_id = ${bookingId}::uuid
          UNION ALL SELECT created_at, 'refund', 'Refund ' || lower(status::text) || ' — ' || amount_minor / 100.0 || ' ' || currency || ' (' || reason || ')' FROM refunds WHERE booking_id = ${bookingId}::uuid
          UNION ALL SELECT created_at, 'scan', result::text || ' on ' || device_id || coalesce(' — ' || reason, '') FROM scan_log WHERE booking_id = ${bookingId}::uuid
          UNION ALL SELECT a.created_at, 'staff', a.action || ' by ' || u.email || coalesce(' — ' || (a.details->>'reason'), '') FROM audit_log a JOIN users u ON u.id = a.user_id WHERE a.entity_id = ${bookingId}
        ) h ORDER BY at`,
  );
  return { booking: b, history: history.map((h) => ({ ...h, at: new Date(h.at) })) };
}

export const staffCancelSchema = z.object({ reason: z.string().trim().min(3, "Give a reason").max(300) });

/** Staff cancel and refund a confirmed booking (no cutoff: the venue decides), with a reason in the audit log. */
export async function staffCancelBooking(user: User, bookingId: string, reason: string) {
  await bookingHistory(user, bookingId); // scope check: 404 outside the actor's venues
  const result = await cancelAndRefund(bookingId, { asStaff: true, reason: "staff", note: reason });
  await audit(db, user, "bookings.refund", "booking", bookingId, { reason });
  return result;
}
