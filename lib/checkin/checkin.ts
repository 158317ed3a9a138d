// Door check-in (invariant 7): the ticket's signature is verified first, then the admission is
// ONE insert of a row per admitted person (a seat or a zone place of the booking), guarded by the
// unique (booking, seat): however many devices scan the same ticket at the same moment, each
// person is admitted once and never more than the ticket holds. A ticket for N admits N, at once
// or in parts (2 of 4 now, the other 2 on a later scan). Every scan and its answer is logged.
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
import { groupPlaces } from "@/lib/format/places";
import { emitCheckinAdmitted } from "@/lib/webhooks/emit";
import { kickWebhooks } from "@/lib/webhooks/dispatch";

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
  /**
   * How many of the ticket's people to admit now; default everyone not yet admitted. More than
   * are left is ADMIT_EXCEEDS_REMAINING (409) and admits nobody: a green ADMIT must mean everyone
   * the door asked for may go in, so a party bigger than the ticket's places is the door's call.
   */
  admit: z.number().int("Admit a whole number of people").min(1, "Admit at least one person").max(100, "At most 100 people at once").optional(),
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
  /** One name per person: a seat's label, a zone place's zone name (the token's `seats` claim). */
  seats: string[];
  /** The same as people read it: ["A1", "A2"], ["Fan Pit × 3"]. */
  places: string[];
  /** People the ticket admits in all. */
  count: number;
  status: string;
};

export type CheckinAnswer = {
  result: CheckinResult;
  reason: string | null;
  ticket: CheckinTicket | null;
  /** For OK and ALREADY_CHECKED_IN: the ticket's first admission (when, which device), and its latest. */
  checkedInAt: string | null;
  checkedInDevice: string | null;
  lastCheckedInAt: string | null;
  lastCheckedInDevice: string | null;
  /**
   * For OK and ALREADY_CHECKED_IN (else null): people admitted by this scan, admitted so far (this
   * scan included), the ticket's total, and how many may still come.
   */
  admittedNow: number | null;
  admittedSoFar: number | null;
  total: number | null;
  remaining: number | null;
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
  id: string; reference: string; status: string; showId: string; venueId: string; title: string; startsAt: Date; timeZone: string; venue: string; confirmedAt: Date | null;
  seats: string[] | null; unitLabels: string[] | null;
};

/** Same places, order aside: a token lists a booking's places as a multiset of names. */
const samePlaces = (a: readonly string[], b: readonly string[]) => a.length === b.length && JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

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
    lastCheckedInAt: null,
    lastCheckedInDevice: null,
    admittedNow: null,
    admittedSoFar: null,
    total: null,
    remaining: null,
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
               ${seatLabelsOf(sql`b.id`)} AS seats,
               (SELECT array_agg(st.label) FROM booking_seats bs JOIN seats st ON st.id = bs.seat_id WHERE bs.booking_id = b.id) AS "unitLabels"
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
    places: groupPlaces(seats),
    count: seats.length,
    status: b.status,
  };
  // A cancelled booking says so wherever it is scanned: "wrong show" would send its holder to another door.
  if (b.status === "REFUNDED") return log(answer("REFUNDED", "This booking was cancelled and refunded", ticket), input.showId ?? b.showId, b.id);
  if (b.status === "CANCELLED") return log(answer("CANCELLED", "This booking was cancelled (refund under way)", ticket), input.showId ?? b.showId, b.id);
  if (input.showId && b.showId !== input.showId) return log(answer("WRONG_SHOW", `This ticket is for ${b.title}, ${ticket.startsAtLocal}`, ticket), input.showId, b.id);
  if (b.status !== "CONFIRMED") return log(answer("NOT_CONFIRMED", `This booking is not paid (${statusWords(b.status)})`, ticket), b.showId, b.id);
  // Tokens signed before zone places were named by their zone list each unit's own label ("Fan Pit #12"): still the same booking.
  if (claimedSeats && !samePlaces(claimedSeats, seats) && !samePlaces(claimedSeats, b.unitLabels ?? [])) {
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

  // 2. The admission itself.
  const admission = await admitPeople({ bookingId: b.id, showId: b.showId, total: seats.length, want: input.admit ?? null, userId: user.id, input, scannedAt });
  if (admission.admitted > 0 && !admission.replayed) kickWebhooks();
  const admissions = await queryRows<{ scannedAt: Date; deviceId: string }>(
    db,
    sql`SELECT scanned_at AS "scannedAt", device_id AS "deviceId" FROM checkins WHERE booking_id = ${b.id}::uuid ORDER BY scanned_at, created_at`,
  );
  const first = admissions[0];
  const last = admissions[admissions.length - 1];
  const at = (d: Date) => formatInZone(new Date(d), b.timeZone, { hour: "numeric", minute: "2-digit", second: "2-digit" });
  const counts = {
    admittedNow: admission.admitted,
    admittedSoFar: admissions.length,
    total: seats.length,
    remaining: Math.max(0, seats.length - admissions.length),
    checkedInAt: first ? new Date(first.scannedAt).toISOString() : null,
    checkedInDevice: first?.deviceId ?? null,
    lastCheckedInAt: last ? new Date(last.scannedAt).toISOString() : null,
    lastCheckedInDevice: last?.deviceId ?? null,
    window,
  };
  if (admission.admitted > 0) {
    const earlier = admissions.length - admission.admitted;
    const reason = admission.replayed
      ? "This offline scan was recorded before"
      : earlier > 0 && first
        ? `${earlier} admitted earlier, first at ${at(first.scannedAt)} on ${first.deviceId}`
        : null;
    return log(answer("OK", reason, ticket, counts), b.showId, b.id);
  }
  // Nobody left: when the ticket was used, first and (if it came in parts) last.
  const when = (a: { scannedAt: Date; deviceId: string }) => `${at(a.scannedAt)} on ${a.deviceId}`;
  const inParts = first && last && (first.deviceId !== last.deviceId || new Date(first.scannedAt).getTime() !== new Date(last.scannedAt).getTime());
  const reason = first ? `Already checked in at ${when(first)}${inParts ? ` and ${when(last!)} (all ${seats.length} admitted)` : ""}` : "Already checked in";
  return log(answer("ALREADY_CHECKED_IN", reason, ticket, { ...counts, admittedNow: 0, remaining: 0 }), b.showId, b.id);
}

/**
 * Admits `want` of the booking's people not yet admitted (all of them when null), in one
 * transaction: answers how many this scan admitted (0: nobody was left). Each pass is ONE
 * INSERT … SELECT of the booking's not-yet-admitted places, ON CONFLICT (booking, seat) DO
 * NOTHING: a place another device admits in the same instant is skipped, never admitted twice.
 * Skipping can leave this scan short while others are still free (its snapshot picked the same
 * ones), so it looks again; every retry means another device admitted someone, so the passes
 * are bounded by the ticket's size. Short of `want` with nobody else left: ADMIT_EXCEEDS_REMAINING,
 * rolled back, so the door admits the party it asked for or nobody.
 */
async function admitPeople(a: {
  bookingId: string; showId: string; total: number; want: number | null; userId: string; input: CheckinInput; scannedAt: Date;
}): Promise<{ admitted: number; replayed: boolean }> {
  const { bookingId, want, input } = a;
  const at = a.scannedAt.toISOString();
  const notAdmitted = sql`bs.booking_id = ${bookingId}::uuid AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.booking_id = ${bookingId}::uuid AND c.seat_id = bs.seat_id)`;
  return db.transaction(async (tx) => {
    // A queued offline scan sent twice (its answer was lost on a flaky network) is the same
    // admission, answered again: re-inserting it would admit people who never came.
    if (input.offline && input.scannedAt) {
      const [seen] = await queryRows<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM checkins WHERE booking_id = ${bookingId}::uuid AND device_id = ${input.deviceId} AND scanned_at = ${at}::timestamptz AND offline`,
      );
      if (seen!.n > 0) return { admitted: seen!.n, replayed: true };
    }
    let admitted = 0;
    let left = 0;
    const seatIds: string[] = [];
    // Announced in the admission's transaction: an admission rolled back (ADMIT_EXCEEDS_REMAINING) sends nothing.
    const admittedNow = async () => {
      await emitCheckinAdmitted(tx, { bookingId, showId: a.showId, seatIds, total: a.total, deviceId: input.deviceId, scannedAt: a.scannedAt, offline: input.offline });
      return { admitted, replayed: false };
    };
    for (let pass = 0; pass <= a.total; pass++) {
      const rows = await queryRows<{ seatId: string }>(
        tx,
        // In seat order everywhere, so two devices wait on each other's rows in the same order (no deadlock).
        sql`INSERT INTO checkins (booking_id, seat_id, show_id, scanned_by, device_id, scanned_at, offline)
            SELECT ${bookingId}::uuid, bs.seat_id, ${a.showId}::uuid, ${a.userId}::uuid, ${input.deviceId}, ${at}::timestamptz, ${input.offline}
            FROM booking_seats bs WHERE ${notAdmitted}
            ORDER BY bs.seat_id ${want === null ? sql`` : sql`LIMIT ${want - admitted}`}
            ON CONFLICT (booking_id, seat_id) DO NOTHING RETURNING seat_id AS "seatId"`,
      );
      admitted += rows.length;
      seatIds.push(...rows.map((r) => r.seatId));
      if (want === null ? admitted > 0 : admitted === want) return admittedNow();
      const [still] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM booking_seats bs WHERE ${notAdmitted}`);
      left = still!.n;
      if (left === 0) break;
    }
    if (want !== null && admitted + left > 0) {
      // Rolled back: what this scan took is free again.
      const remaining = admitted + left;
      throw new AppError("ADMIT_EXCEEDS_REMAINING", `Only ${remaining} of this ticket's ${a.total} ${remaining === 1 ? "is" : "are"} left to admit, not ${want}. Nobody was admitted.`, {
        details: { field: "admit", asked: want, remaining, total: a.total, admittedSoFar: a.total - remaining },
      });
    }
    return admittedNow();
  });
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
