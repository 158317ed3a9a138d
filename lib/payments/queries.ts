// Reads of a payment, built on the schema's columns; the row type is the schema's own.
import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { bookings, events, paymentCustomers, payments, savedPaymentMethods, shows } from "@/db/schema";

type PaymentColumns = typeof payments.$inferSelect;

/** A payment with its booking's status, as paying and answering about a payment need it. */
export type PaymentRow = Pick<
  PaymentColumns,
  "id" | "bookingId" | "userId" | "status" | "provider" | "providerPaymentId" | "method" | "amountMinor" | "currency" | "failureCode" | "requestHash" | "createdAt"
> & { bookingStatus: (typeof bookings.$inferSelect)["status"] };

const paymentFields = {
  id: payments.id,
  bookingId: payments.bookingId,
  userId: payments.userId,
  status: payments.status,
  provider: payments.provider,
  providerPaymentId: payments.providerPaymentId,
  method: payments.method,
  amountMinor: payments.amountMinor,
  currency: payments.currency,
  failureCode: payments.failureCode,
  requestHash: payments.requestHash,
  createdAt: payments.createdAt,
  bookingStatus: bookings.status,
};

function findPaymentWhere(where: SQL | undefined, ex: Executor): Promise<PaymentRow | undefined> {
  return ex
    .select(paymentFields)
    .from(payments)
    .innerJoin(bookings, eq(bookings.id, payments.bookingId))
    .where(where)
    .then((rows) => rows[0]);
}

/** The user's payment made with this Idempotency-Key. */
export function paymentByKey(userId: string, key: string, ex: Executor = db): Promise<PaymentRow | undefined> {
  return findPaymentWhere(and(eq(payments.userId, userId), eq(payments.idempotencyKey, key)), ex);
}

/** The user's payment (anyone else's is not found). */
export function findUserPayment(userId: string, paymentId: string, ex: Executor = db): Promise<PaymentRow | undefined> {
  return findPaymentWhere(and(eq(payments.id, paymentId), eq(payments.userId, userId)), ex);
}

/**
 * The columns of PaymentRow for raw statements that answer a payment `p` joined to its booking
 * `b` (a UNION, a CTE around an INSERT or UPDATE); map their rows with paymentFromRow.
 */
export const PAYMENT_COLUMNS: SQL = sql`p.id, p.booking_id AS "bookingId", p.user_id AS "userId", p.status, p.provider, p.provider_payment_id AS "providerPaymentId", p.method,
  p.amount_minor AS "amountMinor", p.currency, p.failure_code AS "failureCode", p.request_hash AS "requestHash", b.status AS "bookingStatus", p.created_at AS "createdAt"`;

/** A raw row of PAYMENT_COLUMNS as PaymentRow (drivers answer timestamps as text, integers may be strings). */
export function paymentFromRow(r: Record<keyof PaymentRow, unknown>): PaymentRow {
  return {
    id: String(r.id),
    bookingId: String(r.bookingId),
    userId: String(r.userId),
    status: r.status as PaymentRow["status"],
    provider: String(r.provider),
    providerPaymentId: r.providerPaymentId == null ? null : String(r.providerPaymentId),
    method: r.method as PaymentRow["method"],
    amountMinor: Number(r.amountMinor),
    currency: String(r.currency),
    failureCode: r.failureCode == null ? null : String(r.failureCode),
    requestHash: String(r.requestHash),
    bookingStatus: r.bookingStatus as PaymentRow["bookingStatus"],
    createdAt: new Date(r.createdAt as string),
  };
}

/** A saved payment method of this user. */
export async function findSavedMethod(userId: string, id: string, ex: Executor = db) {
  const [row] = await ex
    .select({ providerMethodId: savedPaymentMethods.providerMethodId, kind: savedPaymentMethods.kind, provider: savedPaymentMethods.provider })
    .from(savedPaymentMethods)
    .where(and(eq(savedPaymentMethods.id, id), eq(savedPaymentMethods.userId, userId)));
  return row;
}

/** The gateway's customer id for this user, if we have one. */
export async function findCustomerId(userId: string, provider: string, ex: Executor = db): Promise<string | undefined> {
  const [row] = await ex
    .select({ customerId: paymentCustomers.customerId })
    .from(paymentCustomers)
    .where(and(eq(paymentCustomers.userId, userId), eq(paymentCustomers.provider, provider)));
  return row?.customerId;
}

/**
 * The user's booking as paying for it needs it (its money, its event for promo rules, whether its
 * hold lapsed by the database clock), row-locked: requests to pay one booking run one at a time.
 */
export function bookingForPayment(userId: string, bookingId: string, tx: Executor) {
  return tx
    .select({
      id: bookings.id,
      status: bookings.status,
      expired: sql<boolean>`(${bookings.expiresAt} IS NULL OR ${bookings.expiresAt} <= now())`.mapWith(Boolean),
      currency: bookings.currency,
      subtotalMinor: bookings.subtotalMinor,
      eventId: events.id,
      category: events.category,
      cityId: shows.cityId,
      title: events.title,
      reference: bookings.reference,
      showStatus: shows.status,
    })
    .from(bookings)
    .innerJoin(shows, eq(shows.id, bookings.showId))
    .innerJoin(events, eq(events.id, shows.eventId))
    .where(and(eq(bookings.id, bookingId), eq(bookings.userId, userId)))
    .for("update", { of: bookings });
}
