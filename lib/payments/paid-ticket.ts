import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { AppError, statusWords } from "@/lib/errors";
import { syncPayment } from "./reconcile";
import { getTicket, type Ticket } from "@/lib/tickets/ticket";

// The ticket of a paid booking, for the page and API a payer lands on after paying.

/**
 * The ticket of a booking once it is paid (nothing is confirmed here: the gateway's answer is). A payment still pending is first checked with the
 * gateway (its webhook may be late); a booking not paid is 402 PAYMENT_REQUIRED.
 */
export async function paidTicket(userId: string, bookingId: string): Promise<Ticket> {
  const [pending] = await queryRows<{ id: string; bookingId: string; provider: string; providerPaymentId: string }>(
    db,
    sql`SELECT p.id, p.booking_id AS "bookingId", p.provider, p.provider_payment_id AS "providerPaymentId"
        FROM payments p JOIN bookings b ON b.id = p.booking_id
        WHERE b.id = ${bookingId}::uuid AND b.user_id = ${userId}::uuid AND b.status = 'PAYMENT_PENDING'
          AND p.status = 'PENDING' AND p.provider_payment_id IS NOT NULL
        ORDER BY p.created_at DESC LIMIT 1`,
  );
  if (pending) await syncPayment(pending);
  const ticket = await getTicket(userId, bookingId);
  if (ticket.status !== "CONFIRMED") {
    throw new AppError("PAYMENT_REQUIRED", ticket.status === "PAYMENT_PENDING" ? "The payment has not completed yet." : `This booking is ${statusWords(ticket.status)}.`, {
      details: { status: ticket.status },
    });
  }
  return ticket;
}
