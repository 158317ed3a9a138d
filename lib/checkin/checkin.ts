// Door check-in (invariant 7): the ticket's signature is verified first, then the admission is
// ONE insert guarded by a unique constraint on the booking — two devices scanning the same ticket
// at the same moment admit it once. Every scan and its answer is logged for the door's screen.
import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { User } from "@/lib/auth/accounts";
import { venueScope } from "@/lib/auth/authorize";
import { AppError, notFound } from "@/lib/http/errors";
import { verifyTicket } from "@/lib/tickets/token";
import { looksLikeTicketToken } from "@/lib/tickets/token-format";
import { formatInZone } from "@/lib/time/zone";

export type CheckinResult = "OK" | "ALREADY_CHECKED_IN" | "INVALID" | "WRONG_SHOW" | "NOT_CONFIRMED";

export const checkinSchema = z.object({
  /** The QR code's token, or a booking reference typed by hand. */
  code: z.string().trim().min(4, "Scan a ticket or type its booking reference").max(2048),
  /** The show the door is admitting to: a ticket for another show is WRONG_SHOW. */
  showId: z.uuid().optional(),
  deviceId: z.string().trim().min(1).max(100).default("api"),
  /** When an offline device scanned it (synced later); defaults to now. */
  scannedAt: z.coerce.date().optional(),
  offline: z.boolean().default(false),
});
export type CheckinInput = z.output<typeof checkinSchema>;

export type CheckinTicket = {
  bookingId: string;
  reference: string;
  showId: string;
  eventTitle: string;
  startsAt: string;
  startsAtLocal: string;
  venue: string;
  seats: string[];
  count: number;
  status: string;
};

export type CheckinAnswer = {
  result: CheckinResult;
  reason: string | null;
  ticket: CheckinTicket | null;
  /** For ALREADY_CHECKED_IN: when and by which device it was admitted. */
  checkedInAt: string | null;
  checkedInDevice: string | null;
};

const REFERENCE = /^MQ[A-Z0-9]{6,14}$/i;

type BookingRow = {
  id: string; reference: string; status: string; showId: string; venueId: string; title: string; startsAt: Date; timeZone: string; venue: string; seats: string[] | null;
};

export async function checkIn(user: User, input: CheckinInput): Promise<CheckinAnswer> {
  const scannedAt = input.scannedAt ?? new Date();
  const answer = (result: CheckinResult, reason: string | null, ticket: CheckinTicket | null = null, extra: Partial<CheckinAnswer> = {}): CheckinAnswer => ({
    result,
    reason,
    ticket,
    checkedInAt: null,
    checkedInDevice: null,
    ...extra,
  });
  const log = async (a: CheckinAnswer, showId: string | null, bookingId: string | null) => {
    await db.execute(
      sql`INSERT INTO scan_log (show_id, booking_id, result, reason, device_id, user_id, scanned_at)
          VALUES (${showId}::uuid, ${bookingId}::uuid, ${a.result}, ${a.reason}, ${input.deviceId}, ${user.id}::uuid, ${scannedAt.toISOString()}::timestamptz)`,
    );
    return a;
  };

  // 1. Who is this ticket for: a signed token (checked before anything else), or a typed reference.
  let where;
  let claimedSeats: string[] | null = null;
  const code = input.code.trim();
  if (looksLikeTicketToken(code)) {
    const verified = verifyTicket(code);
    if (!verified.ok) {
      const why = { MALFORMED: "Not a Marquee ticket", BAD_SIGNATURE: "Invalid signature — this ticket was altered or forged", UNKNOWN_KEY: "Signed by an unknown key", EXPIRED: "This ticket has expired", NOT_YET_VALID: "This ticket is not valid yet" }[verified.reason];
      return log(answer("INVALID", why), input.showId ?? null, null);
    }
    where = sql`b.id = ${verified.payload.bid}::uuid AND b.reference = ${verified.payload.ref}`;
    claimedSeats = verified.payload.seats;
  } else if (REFERENCE.test(code)) {
    where = sql`b.reference = ${code.toUpperCase()}`;
  } else {
    return log(answer("INVALID", "Not a Marquee ticket or booking reference"), input.showId ?? null, null);
  }

  const [b] = await queryRows<BookingRow>(
    db,
    sql`SELECT b.id, b.reference, b.status, b.show_id AS "showId", s.venue_id AS "venueId", e.title, s.starts_at AS "startsAt", v.time_zone AS "timeZone", v.name AS venue,
               (SELECT array_agg(st.label ORDER BY st.row_index, st.col_index) FROM booking_seats bs JOIN seats st ON st.id = bs.seat_id WHERE bs.booking_id = b.id) AS seats
        FROM bookings b JOIN shows s ON s.id = b.show_id JOIN events e ON e.id = s.event_id JOIN venues v ON v.id = s.venue_id
        WHERE ${where}`,
  );
  if (!b) return log(answer("INVALID", "No booking with this reference"), input.showId ?? null, null);

  // Door staff see only their venues' tickets.
  const scope = await venueScope(user);
  if (scope && !scope.includes(b.venueId)) return log(answer("WRONG_SHOW", "This ticket is for another venue"), input.showId ?? null, b.id);

  const seats = b.seats ?? [];
  const ticket: CheckinTicket = {
    bookingId: b.id,
    reference: b.reference,
    showId: b.showId,
    eventTitle: b.title,
    startsAt: new Date(b.startsAt).toISOString(),
    startsAtLocal: formatInZone(new Date(b.startsAt), b.timeZone, { weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit" }),
    venue: b.venue,
    seats,
    count: seats.length,
    status: b.status,
  };
  if (input.showId && b.showId !== input.showId) return log(answer("WRONG_SHOW", `This ticket is for ${b.title}, ${ticket.startsAtLocal}`, ticket), input.showId, b.id);
  if (b.status !== "CONFIRMED") {
    const why = b.status === "CANCELLED" || b.status === "REFUNDED" ? "This booking was cancelled and refunded" : `This booking is not paid (${b.status.toLowerCase().replace("_", " ")})`;
    return log(answer("NOT_CONFIRMED", why, ticket), b.showId, b.id);
  }
  if (claimedSeats && claimedSeats.join(",") !== seats.join(",")) {
    return log(answer("INVALID", "The seats on this ticket no longer match the booking"), b.showId, b.id);
  }

  // 2. The admission itself: one insert, the unique booking_id decides.
  const [admitted] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO checkins (booking_id, show_id, scanned_by, device_id, scanned_at, offline)
        VALUES (${b.id}::uuid, ${b.showId}::uuid, ${user.id}::uuid, ${input.deviceId}, ${scannedAt.toISOString()}::timestamptz, ${input.offline})
        ON CONFLICT (booking_id) DO NOTHING RETURNING id`,
  );
  if (admitted) return log(answer("OK", null, ticket), b.showId, b.id);
  const [first] = await queryRows<{ scannedAt: Date; deviceId: string }>(db, sql`SELECT scanned_at AS "scannedAt", device_id AS "deviceId" FROM checkins WHERE booking_id = ${b.id}::uuid`);
  const at = first ? formatInZone(new Date(first.scannedAt), b.timeZone, { hour: "numeric", minute: "2-digit", second: "2-digit" }) : "";
  return log(
    answer("ALREADY_CHECKED_IN", `Already checked in at ${at}${first?.deviceId ? ` on ${first.deviceId}` : ""}`, ticket, {
      checkedInAt: first ? new Date(first.scannedAt).toISOString() : null,
      checkedInDevice: first?.deviceId ?? null,
    }),
    b.showId,
    b.id,
  );
}

export type DoorShow = { id: string; title: string; startsAt: string; startsAtLocal: string; venue: string; section: string; today: boolean };

/** Shows the caller can admit to: today's at their venues first, then the next two days. */
export async function doorShows(user: User): Promise<DoorShow[]> {
  const scope = await venueScope(user);
  if (scope && scope.length === 0) return [];
  const rows = await queryRows<{ id: string; title: string; startsAt: Date; venue: string; section: string; timeZone: string; today: boolean }>(
    db,
    sql`SELECT s.id, e.title, s.starts_at AS "startsAt", v.name AS venue, sec.name AS section, v.time_zone AS "timeZone",
               (s.starts_at AT TIME ZONE v.time_zone)::date = (now() AT TIME ZONE v.time_zone)::date AS today
        FROM shows s JOIN events e ON e.id = s.event_id JOIN venues v ON v.id = s.venue_id JOIN sections sec ON sec.id = s.section_id
        WHERE s.status = 'SCHEDULED' AND s.ends_at > now() - interval '1 hour' AND s.starts_at < now() + interval '2 days'
          ${scope ? sql`AND s.venue_id = ANY(${`{${scope.join(",")}}`}::uuid[])` : sql``}
        ORDER BY today DESC, s.starts_at LIMIT 100`,
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    startsAt: new Date(r.startsAt).toISOString(),
    startsAtLocal: formatInZone(new Date(r.startsAt), r.timeZone, { weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit" }),
    venue: r.venue,
    section: r.section,
    today: r.today,
  }));
}

export type DoorStats = { admittedBookings: number; admittedPeople: number; soldBookings: number; soldPeople: number; lastScans: { at: string; result: CheckinResult; reason: string | null; reference: string | null; device: string }[] };

/** Live counters for one show's door. */
export async function doorStats(user: User, showId: string): Promise<DoorStats> {
  const [show] = await queryRows<{ venueId: string }>(db, sql`SELECT venue_id AS "venueId" FROM shows WHERE id = ${showId}::uuid`);
  const scope = await venueScope(user);
  if (!show || (scope && !scope.includes(show.venueId))) throw notFound("Show");
  const [c] = await queryRows<{ admittedBookings: number; admittedPeople: number; soldBookings: number; soldPeople: number }>(
    db,
    sql`SELECT (SELECT count(*) FROM checkins WHERE show_id = ${showId}::uuid)::int AS "admittedBookings",
               (SELECT count(*) FROM checkins c JOIN booking_seats bs ON bs.booking_id = c.booking_id WHERE c.show_id = ${showId}::uuid)::int AS "admittedPeople",
               (SELECT count(*) FROM bookings WHERE show_id = ${showId}::uuid AND status = 'CONFIRMED')::int AS "soldBookings",
               (SELECT count(*) FROM bookings b JOIN booking_seats bs ON bs.booking_id = b.id WHERE b.show_id = ${showId}::uuid AND b.status = 'CONFIRMED')::int AS "soldPeople"`,
  );
  const last = await queryRows<{ at: Date; result: CheckinResult; reason: string | null; reference: string | null; device: string }>(
    db,
    sql`SELECT l.created_at AS at, l.result, l.reason, b.reference, l.device_id AS device FROM scan_log l LEFT JOIN bookings b ON b.id = l.booking_id
        WHERE l.show_id = ${showId}::uuid ORDER BY l.created_at DESC LIMIT 8`,
  );
  return { ...c!, lastScans: last.map((l) => ({ ...l, at: new Date(l.at).toISOString() })) };
}

export function assertDoorRole(user: User): void {
  if (!["scanner", "staff", "admin"].includes(user.role)) throw new AppError("FORBIDDEN", "Check-in is for door staff.");
}
