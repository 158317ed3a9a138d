import "server-only";
import { and, desc, eq, isNotNull } from "drizzle-orm";
import { db } from "@/db/client";
import { bookings, payments } from "@/db/schema";
import { AppError, statusWords } from "@/lib/errors";
import { syncPayment } from "./reconcile";
import { getTicket, type Ticket } from "@/lib/tickets/ticket";

// The ticket of a paid booking, for the page and API a payer lands on after paying.

/**
 * The ticket of a booking once it is paid (nothing is confirmed here: the gateway's answer is). A payment still pending is first checked with the
 * gateway (its webhook may be late); a booking not paid is 402 PAYMENT_REQUIRED.
 */
export async function paidTicket(userId: string, bookingId: string): Promise<Ticket> {
  const [pending] = await db
    .select({ id: payments.id, bookingId: payments.bookingId, provider: payments.provider, providerPaymentId: payments.providerPaymentId })
    .from(payments)
    .innerJoin(bookings, eq(bookings.id, payments.bookingId))
    .where(
      and(eq(bookings.id, bookingId), eq(bookings.userId, userId), eq(bookings.status, "PAYMENT_PENDING"), eq(payments.status, "PENDING"), isNotNull(payments.providerPaymentId)),
    )
    .orderBy(desc(payments.createdAt))
    .limit(1);
  if (pending?.providerPaymentId) await syncPayment({ ...pending, providerPaymentId: pending.providerPaymentId });
  const ticket = await getTicket(userId, bookingId);
  if (ticket.status !== "CONFIRMED") {
    throw new AppError("PAYMENT_REQUIRED", ticket.status === "PAYMENT_PENDING" ? "The payment has not completed yet." : `This booking is ${statusWords(ticket.status)}.`, {
      details: { status: ticket.status },
    });
  }
  return ticket;
}
