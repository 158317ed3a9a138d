// The booking state machine, the only place a booking's status changes (invariant 4):
//
//   INITIATED → LOCKED → PAYMENT_PENDING → CONFIRMED | FAILED   (a declined payment keeps PAYMENT_PENDING)
//   INITIATED | LOCKED → EXPIRED          (the hold lapsed, or its holder let it go)
//   CONFIRMED → CANCELLED → REFUNDED
//
// Every transition is one conditional UPDATE on the expected current state, so two racing
// writers cannot both move the same booking, and nothing ever moves it backwards.
import { eq, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { bookingStatus, bookings } from "@/db/schema";
import { queryRows } from "@/db/rows";
import { AppError, statusWords } from "@/lib/errors";

export const BOOKING_STATUSES = bookingStatus.enumValues;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const TRANSITIONS: Record<BookingStatus, readonly BookingStatus[]> = {
  INITIATED: ["LOCKED", "EXPIRED"],
  // LOCKED → LOCKED: the holder changed the selection (same hold, new seats).
  LOCKED: ["LOCKED", "PAYMENT_PENDING", "EXPIRED"],
  // PAYMENT_PENDING → PAYMENT_PENDING: a declined payment is retried while the hold lasts.
  PAYMENT_PENDING: ["PAYMENT_PENDING", "CONFIRMED", "FAILED"],
  CONFIRMED: ["CANCELLED"],
  FAILED: [],
  EXPIRED: [],
  CANCELLED: ["REFUNDED"],
  REFUNDED: [],
};

/** Statuses in which a booking holds (or may come to hold) seats. */
export const ACTIVE_HOLD_STATUSES = ["INITIATED", "LOCKED"] as const satisfies readonly BookingStatus[];

export function canTransition(from: BookingStatus, to: BookingStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export type TransitionedBooking = { id: string; status: BookingStatus; version: number };

/**
 * The conditional UPDATE that moves booking `id` (or every booking a subquery selects) from one
 * of `from` to `to` (with `set` columns
 * and any extra `where` guard), returning `id, status, version` — for callers that must run it
 * inside a larger statement. Asking for a transition the machine does not allow throws.
 */
export function transitionSql(id: string | SQL, from: readonly BookingStatus[], to: BookingStatus, set: SQL[] = [], where?: SQL): SQL {
  for (const f of from) {
    if (!canTransition(f, to)) throw new Error(`Booking transition ${f} → ${to} is not allowed`);
  }
  const assignments = [sql`status = ${to}`, sql`version = version + 1`, sql`updated_at = now()`, ...set];
  return sql`UPDATE bookings SET ${sql.join(assignments, sql`, `)}
    WHERE ${typeof id === "string" ? sql`id = ${id}::uuid` : sql`id IN (${id})`} AND status IN (${sql.join(
      from.map((f) => sql`${f}`),
      sql`, `,
    )})${where ? sql` AND (${where})` : sql``}
    RETURNING id, status, version`;
}

/**
 * Moves booking `id` from one of `from` to `to`, setting `set` columns alongside, and answers
 * the updated row, or null when the booking was not in any of `from` (someone else moved it
 * first). Asking for a transition the machine does not allow is a programming error.
 */
export async function transition(
  ex: Executor,
  id: string,
  from: readonly BookingStatus[],
  to: BookingStatus,
  set: SQL[] = [],
): Promise<TransitionedBooking | null> {
  const [row] = await queryRows<TransitionedBooking>(ex, transitionSql(id, from, to, set));
  return row ?? null;
}

/** As transition(), but a booking in another state is a 409 INVALID_STATE naming it. */
export async function mustTransition(
  ex: Executor,
  id: string,
  from: readonly BookingStatus[],
  to: BookingStatus,
  set: SQL[] = [],
): Promise<TransitionedBooking> {
  const row = await transition(ex, id, from, to, set);
  if (row) return row;
  const [current] = await ex.select({ status: bookings.status }).from(bookings).where(eq(bookings.id, id));
  throw new AppError("INVALID_STATE", `This booking is ${current ? statusWords(current.status) : "gone"} and cannot become ${to.toLowerCase()}.`, {
    details: { status: current?.status ?? null, expected: from },
  });
}
