// Payments: pay for a held booking (idempotently), read a payment, and the gateway's webhook. The
// request body is lib/payments' own schema, the one the checkout action validates with too.
import { z } from "zod";
import { paymentMethod } from "@/db/schema";
import { processSchema } from "@/lib/payments/process";
import { op } from "./op";
import { BookingStatus, PaymentStatus, currency, dateTime, minor, uuid } from "./fields";

const TAG = "Payments";

/** A payment as its payer sees it (lib/payments/process.ts's PaymentView). */
export const Payment = z
  .object({
    id: uuid("a payment id"),
    bookingId: uuid("a booking id"),
    status: PaymentStatus,
    provider: z.string().meta({ description: "The gateway: `stripe`, or `local` (the built-in test-mode gateway)." }),
    method: z.enum(paymentMethod.enumValues),
    amountMinor: minor(),
    currency: currency(),
    failureCode: z.string().nullable().meta({ description: "The gateway's reason when FAILED: card_declined, payment_declined, gateway_error…" }),
    failureMessage: z.string().nullable(),
    clientSecret: z.string().optional().meta({ description: "Stripe only, on the answer that created the payment: confirm it with Stripe.js / the Payment Element." }),
    bookingStatus: BookingStatus,
    createdAt: dateTime(),
  })
  .meta({ id: "Payment" });

const paymentAnswer = z.object({ payment: Payment });

export const processPayment = op({
  method: "POST",
  path: "/payments/process",
  operationId: "processPayment",
  summary: "Pay for a held booking",
  description: [
    "`method` is CARD (`card`: number, expMonth, expYear, cvc), UPI (`upi.vpa`), WALLET (`wallet`: provider, phone) or SAVED (`savedMethodId`); with Stripe the card is entered with Stripe.js and `clientSecret` confirms it. `savePaymentMethod` keeps the card for next time; `promoCode` applies a promo.",
    "Charges the booking's quote (`GET /bookings/{bookingId}/quote`, promo code included) for a LOCKED booking whose hold has not lapsed; the booking moves to PAYMENT_PENDING before the gateway is called, and to CONFIRMED when the gateway says paid (the answer may already say so, or say PENDING: poll `GET /payments/{paymentId}/status` or `POST /bookings/{bookingId}/confirm`).",
    "**`Idempotency-Key` is required** (8–100 of `A-Z a-z 0-9 . _ : -`, unique per payment attempt): sending the same key again answers the same payment and never charges twice, even when the first request is still running; the same key with a different body is 409 `IDEMPOTENCY_KEY_REUSED` (`details.paymentId`). Another live payment of the booking is 409 `INVALID_STATE` (`details.paymentId`).",
    "A declined payment is a 200 with `status: FAILED` and `failureCode`; pay again with a new key. A promo code that does not apply is 422 `PROMO_INVALID` (`details.reason`). The hold lapsed: 410 `HOLD_EXPIRED`.",
  ].join("\n\n"),
  tag: TAG,
  body: processSchema,
  headers: { "Idempotency-Key": { description: "A unique value per payment attempt (8–100 of A-Z a-z 0-9 . _ : -); a retry sends the same one.", required: true } },
  auth: "required",
  scope: "bookings:write",
  rateLimit: "payments",
  responses: { 200: { description: "The payment (new, or the one this Idempotency-Key already made).", schema: paymentAnswer } },
  errors: ["NOT_FOUND", "SHOW_NOT_ON_SALE", "INVALID_STATE", "HOLD_EXPIRED", "IDEMPOTENCY_KEY_REUSED", "PROMO_INVALID"],
});

export const getPaymentStatus = op({
  method: "GET",
  path: "/payments/{paymentId}/status",
  operationId: "getPaymentStatus",
  summary: "Get a payment",
  description: "The payment's status and its booking's. Someone else's payment answers 404.",
  tag: TAG,
  params: z.object({ paymentId: uuid("a payment id") }),
  auth: "required",
  scope: "bookings:write",
  responses: { 200: { description: "The payment.", schema: paymentAnswer } },
  errors: ["NOT_FOUND"],
});

export const paymentWebhook = op({
  method: "POST",
  path: "/payments/webhook",
  operationId: "paymentWebhook",
  summary: "Payment gateway webhook (Stripe-signed)",
  description: [
    "Called by the payment gateway, not by partners: Stripe (or the built-in local gateway, which signs the same way) delivers payment_intent and charge events here.",
    "The `Stripe-Signature` header is verified over the **raw body** (so it is read as text, at most 512 KB, not as parsed JSON): a bad or missing signature is 401 `UNAUTHORIZED`; a body that is not an event 400 `VALIDATION_FAILED`.",
    "Each event is applied once (deduplicated by event id in the transaction that applies it); out-of-order events never move a booking backwards. **2xx once applied or already applied** (`outcome` says which: confirmed, pending, payment failed, refunded, duplicate event, ignored: …); a failure answers 5xx so the gateway retries.",
  ].join("\n\n"),
  tag: TAG,
  body: z.object({ id: z.string(), type: z.string() }).loose().meta({ description: "A Stripe event, as Stripe sends it." }),
  headers: { "Stripe-Signature": { description: "Stripe's signature over the raw body (`t=…,v1=…`).", required: true } },
  rateLimit: false,
  responses: {
    200: {
      description: "Applied now, or already applied before.",
      schema: z.object({ received: z.literal(true), outcome: z.string().meta({ description: "What the event did, for the sender's logs; not a closed set." }) }),
    },
  },
  errors: ["UNAUTHORIZED", "PAYLOAD_TOO_LARGE"],
});
