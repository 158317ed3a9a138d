"use server";
import { z } from "zod";
import { cancelAndRefund } from "@/lib/payments/cancellation";
import { quoteBooking } from "@/lib/booking/quote";
import { action } from "@/lib/http/action";
import { getPayment, idempotencyKeySchema, processPayment, processSchema } from "@/lib/payments/process";
import { getTicket } from "@/lib/tickets/ticket";

/** The price lines with a promo code applied, or the reason it does not apply. */
export const quoteAction = action({
  input: z.object({ bookingId: z.uuid(), promoCode: z.string().trim().max(40).optional() }),
  auth: "user",
  rateLimit: { policy: "promo", key: ({ promoCode }, user) => (promoCode ? `user:${user.id}` : null) },
  run: ({ bookingId, promoCode }, { user }) => quoteBooking(user.id, bookingId, promoCode),
});

/** Pay: the same domain function as POST /api/v1/payments/process, keyed by the attempt's idempotency key. */
export const payAction = action({
  input: z.object({ idempotencyKey: idempotencyKeySchema, payment: processSchema }),
  auth: "user",
  rateLimit: [
    { policy: "payments", key: (_input, user) => `user:${user.id}` },
    { policy: "promo", key: ({ payment }, user) => (payment.promoCode ? `user:${user.id}` : null) },
  ],
  run: ({ idempotencyKey, payment }, { user }) => processPayment(user, payment, idempotencyKey),
});

/** Where a payment (and its booking) stands, for the "confirming your payment" screen. */
export const paymentStatusAction = action({
  input: z.object({ paymentId: z.uuid() }),
  auth: "user",
  run: ({ paymentId }, { user }) => getPayment(user.id, paymentId),
});

/** Cancel a confirmed booking under the show's refund policy. */
export const cancelBookingAction = action({
  input: z.object({ bookingId: z.uuid() }),
  auth: "user",
  run: async ({ bookingId }, { user }) => {
    await cancelAndRefund(bookingId, { userId: user.id });
    const t = await getTicket(user.id, bookingId);
    return { status: t.status };
  },
});
