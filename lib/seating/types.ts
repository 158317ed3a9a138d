// Shapes shared by the seating domain, the seat map UI and the API.

export type SeatType = "REGULAR" | "PREMIUM" | "VIP" | "RECLINER" | "ACCESSIBLE";
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

/** The static part of a show's seat map: the hall and the prices. Sorted by (row, col). */
export type SeatMapLayout = {
  showId: string;
  currency: string;
  kind: "SCREEN" | "AUDITORIUM" | "STADIUM" | "HALL";
  stageLabel: string; // "SCREEN", "STAGE", "PITCH"…
  rowCount: number;
  colCount: number;
  seats: LayoutSeat[];
};

/** The live part: `status[i]` is the state of `layout.seats[i]`; `version` only grows. */
export type SeatAvailability = { showId: string; version: number; status: string };

/** Most seats one booking may hold at once. */
export const MAX_SEATS_PER_BOOKING = 10;
/** Seats one user may have for one show over all their live bookings (held, being paid, bought). */
export const MAX_SEATS_PER_USER_PER_SHOW = 10;
