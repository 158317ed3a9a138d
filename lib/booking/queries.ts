// Reads of a booking and its seats, built on the schema's columns: a renamed or retyped column
// breaks the type check here, and the row types below are the schema's own.
import "server-only";
import { and, asc, desc, eq, gt, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { bookingSeats, bookings, events, payments, seats, shows, zones } from "@/db/schema";
import { notFound } from "@/lib/errors";
import type { HeldSeat } from "@/lib/seating/acquire";
import { ACTIVE_HOLD_STATUSES } from "./state";

type BookingColumns = typeof bookings.$inferSelect;

/** A booking as its holder and the API see it, without its seats. */
export type BookingRecord = Pick<BookingColumns, "id" | "reference" | "userId" | "showId" | "status" | "currency" | "subtotalMinor" | "totalMinor" | "expiresAt" | "createdAt"> & {
  /** Past expires_at by the database clock (a LOCKED booking whose hold lapsed). */
  expired: boolean;
};

/** A booking with the seats it holds or bought, in hall order. */
export type BookingWithSeats = BookingRecord & { seats: HeldSeat[] };

/** `expired` is decided by the database's clock, not this process's. */
export const expiredSql = sql<boolean>`(${bookings.expiresAt} IS NOT NULL AND ${bookings.expiresAt} <= now())`.mapWith(Boolean);

export const bookingFields = {
  id: bookings.id,
  reference: bookings.reference,
  userId: bookings.userId,
  showId: bookings.showId,
  status: bookings.status,
  currency: bookings.currency,
  subtotalMinor: bookings.subtotalMinor,
  totalMinor: bookings.totalMinor,
  expiresAt: bookings.expiresAt,
  createdAt: bookings.createdAt,
  expired: expiredSql,
};

/** This user's booking (anyone else's is not found). */
export async function findBooking(userId: string, bookingId: string, ex: Executor = db): Promise<BookingRecord | undefined> {
  const [row] = await ex.select(bookingFields).from(bookings).where(and(eq(bookings.id, bookingId), eq(bookings.userId, userId)));
  return row;
}

/** This user's booking, or 404. */
export async function getBookingRecord(userId: string, bookingId: string, ex: Executor = db): Promise<BookingRecord> {
  const row = await findBooking(userId, bookingId, ex);
  if (!row) throw notFound("Booking");
  return row;
}

/** The user's open booking of a show (INITIATED or LOCKED; a unique index allows one), lapsed or not. */
export async function findOpenBooking(userId: string, showId: string, ex: Executor = db): Promise<BookingRecord | undefined> {
  const [row] = await ex
    .select(bookingFields)
    .from(bookings)
    .where(and(eq(bookings.userId, userId), eq(bookings.showId, showId), inArray(bookings.status, [...ACTIVE_HOLD_STATUSES])));
  return row;
}

/** The user's booking of a show that can still take seats: INITIATED, or LOCKED and not lapsed. */
export async function findActiveHoldRecord(userId: string, showId: string, ex: Executor = db): Promise<BookingRecord | undefined> {
  const [row] = await ex
    .select(bookingFields)
    .from(bookings)
    .where(
      and(
        eq(bookings.userId, userId),
        eq(bookings.showId, showId),
        or(eq(bookings.status, "INITIATED"), and(eq(bookings.status, "LOCKED"), gt(bookings.expiresAt, sql`now()`))),
      ),
    )
    .orderBy(desc(bookings.createdAt))
    .limit(1);
  return row;
}

/** A booking's seats with their hall labels, in hall order, at the prices the booking fixed. */
export function seatsOfBooking(bookingId: string, ex: Executor = db): Promise<HeldSeat[]> {
  return ex
    .select({
      seatId: bookingSeats.seatId,
      showSeatId: bookingSeats.showSeatId,
      // A zone's place is shown by its zone's name ("Fan Pit"), as acquireSeats answers it.
      label: sql<string>`coalesce(${zones.name}, ${seats.label})`,
      type: sql<string>`CASE WHEN ${seats.zoneId} IS NULL THEN ${seats.type}::text ELSE 'GA' END`,
      priceMinor: bookingSeats.priceMinor,
      zoneId: seats.zoneId,
    })
    .from(bookingSeats)
    .innerJoin(seats, eq(seats.id, bookingSeats.seatId))
    .leftJoin(zones, eq(zones.id, seats.zoneId))
    .where(eq(bookingSeats.bookingId, bookingId))
    .orderBy(sql`${seats.zoneId} NULLS FIRST`, asc(seats.rowIndex), asc(seats.colIndex));
}

/** The priced lines of a booking (seat type and price), for quotes and payment. */
export function pricedSeatsOfBooking(bookingId: string, ex: Executor = db): Promise<{ type: string; priceMinor: number }[]> {
  return ex
    .select({ type: seats.type, priceMinor: bookingSeats.priceMinor })
    .from(bookingSeats)
    .innerJoin(seats, eq(seats.id, bookingSeats.seatId))
    .where(eq(bookingSeats.bookingId, bookingId));
}

export async function withSeats(booking: BookingRecord, ex: Executor = db): Promise<BookingWithSeats> {
  return { ...booking, seats: await seatsOfBooking(booking.id, ex) };
}

/** This user's booking with its seats, or 404. */
export async function getBooking(userId: string, bookingId: string, ex: Executor = db): Promise<BookingWithSeats> {
  return withSeats(await getBookingRecord(userId, bookingId, ex), ex);
}

/** The booking of this user with what deciding a hold needs: its show's sale state and pricing. */
export async function findBookingForHold(userId: string, bookingId: string, ex: Executor = db) {
  const [row] = await ex
    .select({
      ...bookingFields,
      onSale: sql<boolean>`(${shows.status} = 'SCHEDULED' AND ${shows.startsAt} > now() AND ${events.status} = 'PUBLISHED')`.mapWith(Boolean),
      showStatus: shows.status,
      pricingStrategy: shows.pricingStrategy,
      pricingConfig: shows.pricingConfig,
      startsAt: shows.startsAt,
    })
    .from(bookings)
    .innerJoin(shows, eq(shows.id, bookings.showId))
    .innerJoin(events, eq(events.id, shows.eventId))
    .where(and(eq(bookings.id, bookingId), eq(bookings.userId, userId)));
  return row;
}

/** A show as initiating a booking needs it: whether it is on sale now, and if not why. */
export async function findShowForSale(showId: string, ex: Executor = db) {
  const [row] = await ex
    .select({
      id: shows.id,
      status: shows.status,
      onSale: sql<boolean>`(${shows.status} = 'SCHEDULED' AND ${shows.startsAt} > now())`.mapWith(Boolean),
    })
    .from(shows)
    .innerJoin(events, eq(events.id, shows.eventId))
    .where(and(eq(shows.id, showId), eq(events.status, "PUBLISHED")));
  return row;
}

/** A booking's current status, whoever it belongs to (undefined: no such booking). */
export async function bookingStatusOf(bookingId: string, ex: Executor = db): Promise<BookingColumns["status"] | undefined> {
  const [row] = await ex.select({ status: bookings.status }).from(bookings).where(eq(bookings.id, bookingId));
  return row?.status;
}

/** Whether a payment of the booking may still succeed (and so may still claim its seats). */
export async function hasLivePayment(bookingId: string, ex: Executor = db): Promise<boolean> {
  const [row] = await ex
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.bookingId, bookingId), inArray(payments.status, ["INITIATED", "PENDING", "SUCCEEDED"])))
    .limit(1);
  return Boolean(row);
}

/** Whether another payment than `paymentId` already paid for the booking. */
export async function paidByAnotherPayment(bookingId: string, paymentId: string, ex: Executor = db): Promise<boolean> {
  const [row] = await ex
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.bookingId, bookingId), inArray(payments.status, ["SUCCEEDED", "REFUNDED"]), ne(payments.id, paymentId)))
    .limit(1);
  return Boolean(row);
}

/** Raw-SQL callers (a RETURNING of bookings inside a larger statement) map their row with this. */
export const BOOKING_RETURNING: SQL = sql`id, reference, user_id AS "userId", show_id AS "showId", status, currency, subtotal_minor AS "subtotalMinor",
  total_minor AS "totalMinor", expires_at AS "expiresAt", created_at AS "createdAt", (expires_at IS NOT NULL AND expires_at <= now()) AS expired`;

export function bookingFromRow(r: Record<keyof BookingRecord, unknown>): BookingRecord {
  return {
    id: String(r.id),
    reference: String(r.reference),
    userId: String(r.userId),
    showId: String(r.showId),
    status: r.status as BookingRecord["status"],
    currency: String(r.currency),
    subtotalMinor: Number(r.subtotalMinor),
    totalMinor: Number(r.totalMinor),
    expiresAt: r.expiresAt ? new Date(r.expiresAt as string) : null,
    expired: Boolean(r.expired),
    createdAt: new Date(r.createdAt as string),
  };
}
