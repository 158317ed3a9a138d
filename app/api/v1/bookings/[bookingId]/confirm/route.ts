import { sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { AppError, notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { syncPayment } from "@/lib/payments/reconcile";
import { getTicket } from "@/lib/tickets/ticket";

const params = z.object({ bookingId: z.uuid("must be a booking id (UUID)") });

/**
 * The confirmed booking and its ticket once paid. A payment still pending is first checked with
 * the gateway (in case its webhook is late); unpaid answers 402.
 */
export const POST = route({ auth: "required", params }, async ({ user, params }) => {
  const [b] = await queryRows<{ status: string }>(db, sql`SELECT status FROM bookings WHERE id = ${params.bookingId}::uuid AND user_id = ${user.id}::uuid`);
  if (!b) throw notFound("Booking");
  if (b.status === "PAYMENT_PENDING") {
    const [p] = await queryRows<{ id: string; bookingId: string; provider: string; providerPaymentId: string }>(
      db,
      sql`SELECT id, booking_id AS "bookingId", provider, provider_payment_id AS "providerPaymentId" FROM payments
          WHERE booking_id = ${params.bookingId}::uuid AND status = 'PENDING' AND provider_payment_id IS NOT NULL ORDER BY created_at DESC LIMIT 1`,
    );
    if (p) await syncPayment(p);
  }
  const ticket = await getTicket(user.id, params.bookingId);
  if (ticket.status !== "CONFIRMED") {
    throw new AppError("PAYMENT_REQUIRED", ticket.status === "PAYMENT_PENDING" ? "The payment has not completed yet." : `This booking is ${ticket.status.toLowerCase().replace("_", " ")}.`, {
      details: { status: ticket.status },
    });
  }
  return { booking: ticket };
});
