// A booking takes seats: the booking's side of a hold (is it this user's, open, its show on
// sale, when does the hold end), then lib/seating/acquire.ts takes the seats in two phases.
import "server-only";
import { AppError, OUR_FAULT, notFound, statusWords } from "@/lib/errors";
import { acquireSeats, checkSeatRequest } from "@/lib/seating/acquire";
import { assertWaitlistAllows } from "@/lib/seating/waitlist-guard";
import type { ZoneRequest } from "@/lib/seating/zones";
import { requireAdmission } from "@/lib/onsale/room";
import { metrics } from "@/lib/telemetry/metrics.mjs";
import { holdMinutes, notOnSale } from "./rules";
import { findActiveHoldRecord, findBookingForHold, withSeats, type BookingRecord, type BookingWithSeats } from "./queries";
import { canTransition } from "./state";

// marquee_hold_seats (db/migrations/0010) makes the INITIATED|LOCKED -> LOCKED move in SQL, in the
// same statement as the seats; the one state machine must allow it.
for (const from of ["INITIATED", "LOCKED"] as const) {
  if (!canTransition(from, "LOCKED")) throw new Error(`Booking transition ${from} → LOCKED is not allowed, but marquee_hold_seats makes it`);
}

function assertCanHold(b: BookingRecord): void {
  if (b.status === "LOCKED" && b.expired) {
    throw new AppError("HOLD_EXPIRED", "Your hold on these seats ran out. Pick your seats again.");
  }
  if (b.status !== "INITIATED" && b.status !== "LOCKED") {
    throw new AppError("INVALID_STATE", `This booking is ${statusWords(b.status)}; its seats can no longer be changed.`, {
      details: { status: b.status },
    });
  }
}

/**
 * Holds exactly `seatIds` for booking `bookingId` of `userId`: seats the booking held before and
 * no longer asks for are released; the hold keeps its expiry when it already had one (changing
 * seats does not extend it). All or nothing: on any conflict nothing changes and the error
 * names the seats that are taken. Before the show's on-sale nobody holds; while its waiting room is
 * open only a buyer with a valid pass (`queuePass`, lib/onsale/pass.ts; a function of the show id
 * when the caller does not know the show) does.
 */
export async function holdSeats(userId: string, bookingId: string, seatIds: string[], zones: ZoneRequest[] = [], opts: HoldOptions = {}): Promise<BookingWithSeats> {
  const kind = zones.length === 0 ? "seats" : seatIds.length === 0 ? "zone" : "mixed";
  try {
    const held = await hold(userId, bookingId, seatIds, zones, opts);
    metrics.holds.inc({ kind, outcome: "held" });
    return held;
  } catch (err) {
    metrics.holds.inc({ kind, outcome: holdOutcome(err) });
    throw err;
  }
}

type HoldOptions = { queuePass?: string | null | ((showId: string) => string | null) };

/** For marquee_hold_attempts_total: lost a race for places, refused by a rule, or broke. */
function holdOutcome(err: unknown): "conflict" | "refused" | "error" {
  if (!(err instanceof AppError)) return "error";
  if (err.code === "SEATS_UNAVAILABLE" || err.code === "ZONE_SOLD_OUT" || err.code === "WAITLIST_FIRST") return "conflict";
  return OUR_FAULT.has(err.code) ? "error" : "refused";
}

async function hold(userId: string, bookingId: string, seatIds: string[], zones: ZoneRequest[], opts: HoldOptions): Promise<BookingWithSeats> {
  checkSeatRequest(seatIds, zones);
  // One read: the booking (this user's only) and whether its show is still on sale.
  const booking = await findBookingForHold(userId, bookingId);
  if (!booking) throw notFound("Booking");
  assertCanHold(booking);
  if (!booking.onSale) throw notOnSale(booking.showStatus);
  await requireAdmission(userId, booking.showId, typeof opts.queuePass === "function" ? opts.queuePass(booking.showId) : opts.queuePass);
  await assertWaitlistAllows(booking.showId, bookingId, seatIds, zones);

  const expiresAt = booking.status === "LOCKED" && booking.expiresAt ? booking.expiresAt : new Date(Date.now() + holdMinutes() * 60_000);
  const seats = await acquireSeats({
    bookingId,
    showId: booking.showId,
    seatIds,
    zones,
    expiresAt,
    pricing: { pricingStrategy: booking.pricingStrategy, pricingConfig: booking.pricingConfig, startsAt: booking.startsAt },
  });
  const subtotalMinor = seats.reduce((sum, s) => sum + s.priceMinor, 0);
  const { onSale: _onSale, showStatus: _showStatus, pricingStrategy: _ps, pricingConfig: _pc, startsAt: _startsAt, ...record } = booking;
  return { ...record, status: "LOCKED", expiresAt, expired: false, subtotalMinor, totalMinor: subtotalMinor, seats };
}

/** The user's hold on a show that can still take seats (INITIATED, or LOCKED and not lapsed), with its seats. */
export async function findActiveHold(userId: string, showId: string): Promise<BookingWithSeats | null> {
  const row = await findActiveHoldRecord(userId, showId);
  return row ? withSeats(row) : null;
}
