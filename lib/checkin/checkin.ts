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
import { env } from "@/lib/env.js";
import { AppError, notFound, statusWords } from "@/lib/errors";
import { verifyTicket } from "@/lib/tickets/token";
import { looksLikeTicketToken } from "@/lib/tickets/token-format";
import { formatInZone } from "@/lib/time/zone";
import { seatLabelsOf, uuidArray } from "@/db/sql";

export type CheckinResult = "OK" | "ALREADY_CHECKED_IN" | "INVALID" | "WRONG_SHOW" | "NOT_CONFIRMED" | "CANCELLED" | "REFUNDED" | "TOO_EARLY" | "TOO_LATE";

/** How far a scanning device's clock may run ahead of the server's. */
const CLOCK_SKEW_MS = 2 * 60_000;
// Anything before this is a device with no idea of the date (or a crafted request), not a scan.
const EARLIEST_SCAN = new Date("2020-01-01T00:00:00Z");

export const checkinSchema = z.object({
  /** The QR code's token, or a booking reference typed by hand. */
  code: z.string().trim().min(4, "Scan a ticket or type its booking reference").max(2048),
  /** The show the door is admitting to: a ticket for another show is WRONG_SHOW. */
  showId: z.uuid().optional(),
  deviceId: z.string().trim().min(1).max(100).default("api"),
  /** When an offline device scanned it (synced later); defaults to now. Checked against the clock, the ticket and the door's window. */
  scannedAt: z.coerce.date().min(EARLIEST_SCAN, "Not a plausible scan time").optional(),
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
  /** When the door admits this ticket's show (for TOO_EARLY / TOO_LATE, and every answer with a ticket). */
  window: CheckinWindow | null;
};

export type CheckinWindow = { opensAt: string; closesAt: string; opensAtLocal: string; closesAtLocal: string };

/** The show's door: from CHECKIN_OPENS_MINUTES_BEFORE its start to CHECKIN_CLOSES_MINUTES_AFTER. */
export function checkinWindow(startsAt: Date, timeZone: string): CheckinWindow {
  const e = env();
  const opens = new Date(startsAt.getTime() - e.CHECKIN_OPENS_MINUTES_BEFORE * 60_000);
  const closes = new Date(startsAt.getTime() + e.CHECKIN_CLOSES_MINUTES_AFTER * 60_000);
  const local = (d: Date) => formatInZone(d, timeZone, { weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit" });
  return { opensAt: opens.toISOString(), closesAt: closes.toISOString(), opensAtLocal: local(opens), closesAtLocal: local(closes) };
}

const scanTimeInvalid = (message: string, details: Record<string, unknown> = {}) => new AppError("SCAN_TIME_INVALID", message, { details: { field: "scannedAt", ...details } });

const REFERENCE = /^MQ[A-Z0-9]{6,14}$/i;

type BookingRow = {
  id: string; reference: string; status: string; showId: string; venueId: string; title: string; startsAt: Date; timeZone: string; venue: string; confirmedAt: Date | null; seats: string[] | null;
};

export async function checkIn(user: User, input: CheckinInput): Promise<CheckinAnswer> {
  const now = new Date();
  const scannedAt = input.scannedAt ?? now;
  // A device that says it scanned in the future has a wrong clock (or is lying): nothing it
  // claims about that scan can be ordered against the others, so it is refused, not logged.
  if (scannedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw scanTimeInvalid("The scan time is in the future; check the device's clock.", { serverTime: now.toISOString() });
  // The door's show must exist and be one of the caller's: the log and the check-in point at it.
  if (input.showId) {
    const [door] = await queryRows<{ venueId: string }>(db, sql`SELECT venue_id AS "venueId" FROM shows WHERE id = ${input.showId}::uuid`);
    const doorScope = door ? await venueScope(user) : null;
    if (!door || (doorScope && !doorScope.includes(door.venueId))) throw notFound("Show");
  }
  const answer = (result: CheckinResult, reason: string | null, ticket: CheckinTicket | null = null, extra: Partial<CheckinAnswer> = {}): CheckinAnswer => ({
    result,
    reason,
    ticket,
    checkedInAt: null,
    checkedInDevice: null,
    window: null,
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
    sql`SELECT b.id, b.reference, b.status, b.show_id AS "showId", s.venue_id AS "venueId", e.title, s.starts_at AS "startsAt", v.time_zone AS "timeZone", v.name AS venue, b.confirmed_at AS "confirmedAt",
               ${seatLabelsOf(sql`b.id`)} AS seats
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
  // A cancelled booking says so wherever it is scanned: "wrong show" would send its holder to another door.
  if (b.status === "REFUNDED") return log(answer("REFUNDED", "This booking was cancelled and refunded", ticket), input.showId ?? b.showId, b.id);
  if (b.status === "CANCELLED") return log(answer("CANCELLED", "This booking was cancelled (refund under way)", ticket), input.showId ?? b.showId, b.id);
  if (input.showId && b.showId !== input.showId) return log(answer("WRONG_SHOW", `This ticket is for ${b.title}, ${ticket.startsAtLocal}`, ticket), input.showId, b.id);
  if (b.status !== "CONFIRMED") return log(answer("NOT_CONFIRMED", `This booking is not paid (${statusWords(b.status)})`, ticket), b.showId, b.id);
  if (claimedSeats && claimedSeats.join(",") !== seats.join(",")) {
    return log(answer("INVALID", "The seats on this ticket no longer match the booking"), b.showId, b.id);
  }

  // The show's day only: a valid ticket for next week does not open the door today.
  const window = checkinWindow(new Date(b.startsAt), b.timeZone);
  if (input.scannedAt) {
    // An offline scan claims the door admitted someone at that moment: it must be a moment the
    // ticket existed and the door was open, or it is a bad clock or a replay, not an admission.
    if (b.confirmedAt && scannedAt.getTime() < new Date(b.confirmedAt).getTime() - CLOCK_SKEW_MS) throw scanTimeInvalid("The scan time is before this ticket was issued.");
    if (scannedAt.toISOString() < window.opensAt || scannedAt.toISOString() > window.closesAt) throw scanTimeInvalid("The scan time is outside this show's check-in window.", { window });
  }
  if (scannedAt.toISOString() < window.opensAt) return log(answer("TOO_EARLY", `Check-in opens ${window.opensAtLocal}`, ticket, { window }), b.showId, b.id);
  if (scannedAt.toISOString() > window.closesAt) return log(answer("TOO_LATE", `Check-in closed ${window.closesAtLocal}`, ticket, { window }), b.showId, b.id);

  // 2. The admission itself: one insert of a row per seat, the unique (booking, seat) decides.
  const [admitted] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO checkins (booking_id, seat_id, show_id, scanned_by, device_id, scanned_at, offline)
        SELECT ${b.id}::uuid, bs.seat_id, ${b.showId}::uuid, ${user.id}::uuid, ${input.deviceId}, ${scannedAt.toISOString()}::timestamptz, ${input.offline}
        FROM booking_seats bs WHERE bs.booking_id = ${b.id}::uuid
        ON CONFLICT (booking_id, seat_id) DO NOTHING RETURNING id`,
  );
  if (admitted) return log(answer("OK", null, ticket, { window }), b.showId, b.id);
  const [first] = await queryRows<{ scannedAt: Date; deviceId: string }>(db, sql`SELECT scanned_at AS "scannedAt", device_id AS "deviceId" FROM checkins WHERE booking_id = ${b.id}::uuid ORDER BY scanned_at LIMIT 1`);
  const at = first ? formatInZone(new Date(first.scannedAt), b.timeZone, { hour: "numeric", minute: "2-digit", second: "2-digit" }) : "";
  return log(
    answer("ALREADY_CHECKED_IN", `Already checked in at ${at}${first?.deviceId ? ` on ${first.deviceId}` : ""}`, ticket, {
      checkedInAt: first ? new Date(first.scannedAt).toISOString() : null,
      checkedInDevice: first?.deviceId ?? null,
      window,
    }),
    b.showId,
    b.id,
  );
}

export type DoorShow = { id: string; title: string; startsAt: string; startsAtLocal: string; venue: string; section: string; today: boolean; window: CheckinWindow; open: boolean };

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
          ${scope ? sql`AND s.venue_id = ANY(${uuidArray(scope)})` : sql``}
        ORDER BY today DESC, s.starts_at LIMIT 100`,
  );
  const now = new Date().toISOString();
  return rows.map((r) => {
    const window = checkinWindow(new Date(r.startsAt), r.timeZone);
    return {
      id: r.id,
      title: r.title,
      startsAt: new Date(r.startsAt).toISOString(),
      startsAtLocal: formatInZone(new Date(r.startsAt), r.timeZone, { weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit" }),
      venue: r.venue,
      section: r.section,
      today: r.today,
      window,
      open: window.opensAt <= now && now <= window.closesAt,
    };
  });
}

export type DoorStats = { admittedBookings: number; admittedPeople: number; soldBookings: number; soldPeople: number; lastScans: { at: string; result: CheckinResult; reason: string | null; reference: string | null; device: string }[] };

/** Live counters for one show's door. */
export async function doorStats(user: User, showId: string): Promise<DoorStats> {
  const [show] = await queryRows<{ venueId: string }>(db, sql`SELECT venue_id AS "venueId" FROM shows WHERE id = ${showId}::uuid`);
  const scope = await venueScope(user);
  if (!show || (scope && !scope.includes(show.venueId))) throw notFound("Show");
  const [c] = await queryRows<{ admittedBookings: number; admittedPeople: number; soldBookings: number; soldPeople: number }>(
    db,
    sql`SELECT (SELECT count(DISTINCT booking_id) FROM checkins WHERE show_id = ${showId}::uuid)::int AS "admittedBookings",
               (SELECT count(*) FROM checkins WHERE show_id = ${showId}::uuid)::int AS "admittedPeople",
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
