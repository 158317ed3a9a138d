"use server";
import { z } from "zod";
import { cancelAndRefund } from "@/lib/payments/cancellation";
import { quoteBooking } from "@/lib/booking/quote";
import { sessionUser } from "@/lib/auth/current-user";
import { action } from "@/lib/http/action";
import { AppError } from "@/lib/errors";
import { getPayment, idempotencyKeySchema, processPayment, processSchema } from "@/lib/payments/process";
import { enforceRateLimit } from "@/lib/ratelimit";
import { getTicket } from "@/lib/tickets/ticket";

async function signedIn() {
  const user = await sessionUser();
  if (!user) throw new AppError("UNAUTHORIZED", "Sign in to continue.");
  return user;
}

/** The price lines with a promo code applied, or the reason it does not apply. */
export const quoteAction = action(z.object({ bookingId: z.uuid(), promoCode: z.string().trim().max(40).optional() }), async ({ bookingId, promoCode }) => {
  const user = await signedIn();
  if (promoCode) await enforceRateLimit("promo", `user:${user.id}`);
  return quoteBooking(user.id, bookingId, promoCode);
});

/** Pay: the same domain function as POST /api/v1/payments/process, keyed by the attempt's idempotency key. */
export const payAction = action(z.object({ idempotencyKey: idempotencyKeySchema, payment: processSchema }), async ({ idempotencyKey, payment }) => {
  const user = await signedIn();
  await enforceRateLimit("payments", `user:${user.id}`);
  if (payment.promoCode) await enforceRateLimit("promo", `user:${user.id}`);
  return processPayment(user, payment, idempotencyKey);
});

/** Where a payment (and its booking) stands, for the "confirming your payment" screen. */
export const paymentStatusAction = action(z.object({ paymentId: z.uuid() }), async ({ paymentId }) => {
  const user = await signedIn();
  return getPayment(user.id, paymentId);
});

/** Cancel a confirmed booking under the show's refund policy. */
export const cancelBookingAction = action(z.object({ bookingId: z.uuid() }), async ({ bookingId }) => {
  const user = await signedIn();
  await cancelAndRefund(bookingId, { userId: user.id });
  const t = await getTicket(user.id, bookingId);
  return { status: t.status };
});
