// Shapes shared by the seating domain, the seat map UI and the API.

/**
 * ACCESSIBLE is a wheelchair space; COMPANION a seat beside one, sold only with it (the rule is
 * lib/seating/companions.ts).
 */
export type SeatType = "REGULAR" | "PREMIUM" | "VIP" | "RECLINER" | "ACCESSIBLE" | "COMPANION";
export type SeatStatus = "AVAILABLE" | "LOCKED" | "BOOKED" | "BLOCKED";

/**
 * One character per seat, in the order of `SeatMapLayout.seats`:
 *   "A" available (including a hold that has lapsed), "H" held by a booking (LOCKED, not
 *   expired), "B" booked, "X" blocked by the venue.
 * A 2,000-seat hall's availability is a 2,000-byte string: cheap to poll and to diff.
 */
export type StatusCode = "A" | "H" | "B" | "X";

export const STATUS_CODE: Record<SeatStatus, StatusCode> = { AVAILABLE: "A", LOCKED: "H", BOOKED: "B", BLOCKED: "X" };

/** A seat as drawn: grid position (0-based row/col on the section's grid), label, type, price. */
export type LayoutSeat = {
  id: string;
  label: string; // "A12"
  rowLabel: string; // "A"
  row: number;
  col: number;
  type: SeatType;
  priceMinor: number;
};

export type ZoneKind = "STANDING" | "TIMED_ENTRY";

/**
 * A general admission zone as sold at a show: a capacity and a price, taken by quantity. Its
 * units are `SeatMapLayout.units[unitStart .. unitStart + capacity)`.
 */
export type LayoutZone = {
  id: string;
  name: string; // "Fan Pit", "Gold standing", "Entry"
  kind: ZoneKind;
  capacity: number;
  /** -1 when the show does not sell this zone. */
  priceMinor: number;
  unitStart: number;
};

/** One place of a zone: a row in seats and show_seats, never drawn. */
export type LayoutUnit = { id: string; zoneId: string; priceMinor: number };

/** The static part of a show's seat map: the hall and the prices. Sorted by (row, col). */
export type SeatMapLayout = {
  showId: string;
  currency: string;
  kind: "SCREEN" | "AUDITORIUM" | "STADIUM" | "HALL";
  stageLabel: string; // "SCREEN", "STAGE", "PITCH"…
  rowCount: number;
  colCount: number;
  seats: LayoutSeat[];
  /** General admission zones, in display order (none for a purely seated hall). */
  zones: LayoutZone[];
  /** The zones' units, zone after zone. */
  units: LayoutUnit[];
};

/**
 * The live part: `status[i]` is the state of `layout.seats[i]`, and `status[seats.length + j]`
 * that of `layout.units[j]`; `version` only grows.
 */
export type SeatAvailability = { showId: string; version: number; status: string };

/** A zone's live counts at a show. */
export type ZoneAvailability = { zoneId: string; capacity: number; available: number; held: number; sold: number };

/** "Filling fast" below this share of a zone left; the UI and the API say so. */
export const FILLING_FAST_SHARE = 0.2;

/** Most seats one booking may hold at once. */
export const MAX_SEATS_PER_BOOKING = 10;
/** Seats one user may have for one show over all their live bookings (held, being paid, bought). */
export const MAX_SEATS_PER_USER_PER_SHOW = 10;
