// Paying for a held booking (POST /api/v1/payments/process and the checkout page). Invariant 5:
// the Idempotency-Key makes a retried request answer the same payment and never charge twice
// (unique per user in the database, and our payment id is the gateway's idempotency key); a
// booking has at most one live payment; the booking's money is decided (promo, fees, tax) and
// it moves to PAYMENT_PENDING before the gateway is called.
import "server-only";
import { createHmac } from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { queryRows } from "@/db/rows";
import { pricedSeatsOfBooking } from "@/lib/booking/queries";
import { bookingForPayment, findCustomerId, findSavedMethod, findUserPayment, paymentByKey, paymentFromRow, PAYMENT_COLUMNS, type PaymentRow } from "./queries";
import { transitionSql } from "@/lib/booking/state";
import { authSecret } from "@/lib/auth/secret";
import { AppError, notFound, statusWords } from "@/lib/errors";
import { priceBreakdown } from "@/lib/pricing/breakdown";
import { checkPromo, normalizeCode, promoError } from "@/lib/pricing/promo";
import { applyGatewayEvent } from "./apply";
import type { PaymentMethodKind } from "./gateways/gateway";
import { getGateway } from "./gateways";
import { cardSchema, describeCard, describeUpi, describeWallet, upiSchema, walletSchema, type StoredMethod } from "./gateways/local-methods";
import { log } from "@/lib/telemetry/log.mjs";

const logger = log("payments");

export const idempotencyKeySchema = z
  .string()
  .trim()
  .min(8, "Idempotency-Key must be 8–100 characters")
  .max(100, "Idempotency-Key must be 8–100 characters")
  .regex(/^[A-Za-z0-9._:-]+$/, "Idempotency-Key may use letters, digits and . _ : -");

export const processSchema = z
  .object({
    bookingId: z.uuid("must be a booking id (UUID)"),
    method: z.enum(["CARD", "UPI", "WALLET", "SAVED"]),
    card: cardSchema.optional(),
    upi: upiSchema.optional(),
    wallet: walletSchema.optional(),
    savedMethodId: z.uuid().optional(),
    savePaymentMethod: z.boolean().optional(),
    promoCode: z.string().trim().max(40).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.method === "SAVED" && !v.savedMethodId) ctx.addIssue({ code: "custom", path: ["savedMethodId"], message: "Choose a saved payment method" });
  });

export type ProcessInput = z.output<typeof processSchema>;

export type PaymentView = {
  id: string;
  bookingId: string;
  status: "INITIATED" | "PENDING" | "SUCCEEDED" | "FAILED" | "REFUNDED";
  provider: string;
  method: PaymentMethodKind;
  amountMinor: number;
  currency: string;
  failureCode: string | null;
  failureMessage: string | null;
  clientSecret?: string;
  bookingStatus: string;
  createdAt: string;
};


const FAILURE_MESSAGE: Record<string, string> = {
  card_declined: "Your card was declined. Try another card or payment method.",
  payment_declined: "The payment was declined. Try another payment method.",
  gateway_error: "We could not reach the payment provider. Nothing was charged; please try again.",
};


function view(p: PaymentRow, clientSecret?: string): PaymentView {
  return {
    id: p.id,
    bookingId: p.bookingId,
    status: p.status,
    provider: p.provider,
    method: p.method,
    amountMinor: p.amountMinor,
    currency: p.currency,
    failureCode: p.failureCode,
    failureMessage: p.failureCode ? (FAILURE_MESSAGE[p.failureCode] ?? "The payment failed.") : null,
    ...(clientSecret ? { clientSecret } : {}),
    bookingStatus: p.bookingStatus,
    createdAt: p.createdAt.toISOString(),
  };
}

/** A user's payment (others' answer 404). */
export async function getPayment(userId: string, paymentId: string): Promise<PaymentView> {
  const row = await findUserPayment(userId, paymentId);
  if (!row) throw notFound("Payment");
  return view(row);
}

/**
 * What identifies a request for idempotency: the whole body, card number included (two cards can
 * share their last four), never the CVC. Keyed, because a card number has too few possibilities
 * for a plain hash of it to be kept.
 */
function requestHash(input: ProcessInput): string {
  const card = input.card ? { number: input.card.number, expMonth: input.card.expMonth, expYear: input.card.expYear } : null;
  const canonical = [input.bookingId, input.method, card, input.upi?.vpa ?? null, input.wallet ?? null, input.savedMethodId ?? null, Boolean(input.savePaymentMethod), input.promoCode ? normalizeCode(input.promoCode) : null];
  return createHmac("sha256", `payments-request:${authSecret()}`).update(JSON.stringify(canonical)).digest("hex");
}

function replay(existing: PaymentRow, hash: string): PaymentView {
  if (existing.requestHash !== hash) {
    throw new AppError("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was already used with a different request.", { details: { paymentId: existing.id } });
  }
  return view(existing);
}


export async function processPayment(user: { id: string; email: string; name: string }, input: ProcessInput, idempotencyKey: string): Promise<PaymentView> {
  const hash = requestHash(input);
  const existing = await paymentByKey(user.id, idempotencyKey);
  if (existing) return replay(existing, hash);

  const gateway = getGateway();
  let localMethod: StoredMethod | undefined;
  let savedMethodId: string | undefined;
  let kind: PaymentMethodKind;
  if (input.method === "SAVED") {
    const saved = await findSavedMethod(user.id, input.savedMethodId!);
    if (!saved || saved.provider !== gateway.name) throw notFound("Saved payment method");
    savedMethodId = saved.providerMethodId;
    kind = saved.kind;
  } else {
    kind = input.method;
    if (gateway.name === "local") {
      const missing = (field: string, what: string) =>
        new AppError("VALIDATION_FAILED", `Enter your ${what}.`, { details: { fieldErrors: { [field]: [`Enter your ${what}`] } } });
      if (input.method === "CARD") {
        if (!input.card) throw missing("card", "card details");
        localMethod = describeCard(input.card);
      } else if (input.method === "UPI") {
        if (!input.upi) throw missing("upi", "UPI ID");
        localMethod = describeUpi(input.upi);
      } else {
        if (!input.wallet) throw missing("wallet", "wallet");
        localMethod = describeWallet(input.wallet);
      }
    }
  }

  // Phase A: the booking's final amount, PAYMENT_PENDING, and our payment row — one transaction.
  let payment: PaymentRow;
  try {
    const decided = await db.transaction(async (tx): Promise<{ replay: PaymentRow } | { created: PaymentRow }> => {
      const [b] = await bookingForPayment(user.id, input.bookingId, tx);
      if (!b) throw notFound("Booking");
      if (b.showStatus === "CANCELLED") throw new AppError("SHOW_NOT_ON_SALE", "This show has been cancelled.");
      if (b.status === "CONFIRMED") throw new AppError("INVALID_STATE", "This booking is already paid.", { details: { status: b.status } });
      if (b.status !== "LOCKED" && b.status !== "PAYMENT_PENDING") {
        throw new AppError("INVALID_STATE", `This booking is ${statusWords(b.status)}; it cannot be paid.`, { details: { status: b.status } });
      }
      if (b.expired) throw new AppError("HOLD_EXPIRED", "Your hold on these seats ran out before payment. Pick your seats again.");
      // Requests for one booking are serialised by its row lock: a retry of the same key that
      // raced in behind the first finds the first's payment here and answers it.
      // (One statement: this key's payment, else any live payment of the booking.)
      const [foundRow] = await queryRows<Record<keyof PaymentRow | "live", unknown>>(
        tx,
        sql`(SELECT ${PAYMENT_COLUMNS}, false AS live FROM payments p JOIN bookings b ON b.id = p.booking_id WHERE p.user_id = ${user.id}::uuid AND p.idempotency_key = ${idempotencyKey})
            UNION ALL
            (SELECT ${PAYMENT_COLUMNS}, true AS live FROM payments p JOIN bookings b ON b.id = p.booking_id WHERE p.booking_id = ${b.id}::uuid AND p.status IN ('INITIATED', 'PENDING', 'SUCCEEDED') LIMIT 1)
            ORDER BY live LIMIT 1`,
      );
      const found = foundRow ? { ...paymentFromRow(foundRow), live: Boolean(foundRow.live) } : undefined;
      if (found && !found.live) return { replay: found } as const;
      if (found) throw new AppError("INVALID_STATE", "A payment for this booking is already in progress.", { details: { paymentId: found.id } });

      const seats = await pricedSeatsOfBooking(b.id, tx);
      const subtotal = seats.reduce((sum, s) => sum + Number(s.priceMinor), 0);
      let discount = 0;
      let promoId: string | null = null;
      if (input.promoCode) {
        const result = await checkPromo(
          tx,
          input.promoCode,
          { userId: user.id, bookingId: b.id, eventId: b.eventId, category: b.category, cityId: b.cityId, currency: b.currency, seats: seats.map((s) => ({ type: s.type, priceMinor: Number(s.priceMinor) })) },
          { lock: true },
        );
        if (!result.ok) throw promoError(result);
        discount = result.discountMinor;
        promoId = result.promo.id;
      }
      const price = priceBreakdown(subtotal, seats.length, discount);
      const [moved] = await queryRows<{ id: string }>(
        tx,
        transitionSql(b.id, ["LOCKED", "PAYMENT_PENDING"], "PAYMENT_PENDING", [
          sql`subtotal_minor = ${price.subtotalMinor}`,
          sql`discount_minor = ${price.discountMinor}`,
          sql`fees_minor = ${price.feesMinor}`,
          sql`tax_minor = ${price.taxMinor}`,
          sql`total_minor = ${price.totalMinor}`,
          sql`promo_code_id = ${promoId}::uuid`,
        ]),
      );
      if (!moved) throw new AppError("INVALID_STATE", "This booking changed while paying; please try again.");
      const [row] = await queryRows<Record<keyof PaymentRow, unknown>>(
        tx,
        sql`WITH p AS (
              INSERT INTO payments (booking_id, user_id, provider, method, status, amount_minor, currency, idempotency_key, request_hash)
              VALUES (${b.id}::uuid, ${user.id}::uuid, ${gateway.name}, ${kind}, 'INITIATED', ${price.totalMinor}, ${b.currency}, ${idempotencyKey}, ${hash})
              RETURNING *
            )
            SELECT ${PAYMENT_COLUMNS} FROM p JOIN bookings b ON b.id = p.booking_id`,
      );
      return { created: { ...paymentFromRow(row!), bookingStatus: "PAYMENT_PENDING" } };
    });
    if ("replay" in decided) return replay(decided.replay, hash);
    payment = decided.created;
  } catch (err) {
    // The same key raced in from another request: answer what that one answers.
    if (isUniqueViolation(err, "payments_idempotency_key")) {
      const winner = await paymentByKey(user.id, idempotencyKey);
      if (winner) return replay(winner, hash);
    }
    throw err;
  }

  // Phase B: the gateway, outside any transaction; our payment id is its idempotency key.
  let result;
  try {
    const customerId = input.savePaymentMethod || savedMethodId ? await customerFor(user, gateway.name) : undefined;
    result = await gateway.createPayment({
      paymentId: payment.id,
      bookingId: payment.bookingId,
      userId: user.id,
      amountMinor: payment.amountMinor,
      currency: payment.currency,
      idempotencyKey: payment.id,
      description: `Marquee booking`,
      customerId,
      savedMethodId,
      savePaymentMethod: input.savePaymentMethod,
      localMethod,
    });
  } catch (err) {
    logger.error({ err }, "gateway createPayment failed");
    await db.execute(sql`UPDATE payments SET status = 'FAILED', failure_code = 'gateway_error', updated_at = now() WHERE id = ${payment.id}::uuid AND status = 'INITIATED'`);
    return getPayment(user.id, payment.id);
  }
  const [updatedRow] = await queryRows<Record<keyof PaymentRow, unknown>>(
    db,
    sql`WITH p AS (
          UPDATE payments SET provider_payment_id = coalesce(provider_payment_id, ${result.providerPaymentId}), status = CASE WHEN status = 'INITIATED' THEN 'PENDING'::payment_status ELSE status END, updated_at = now()
          WHERE id = ${payment.id}::uuid
          RETURNING *
        )
        SELECT ${PAYMENT_COLUMNS} FROM p JOIN bookings b ON b.id = p.booking_id`,
  );
  const updated = updatedRow ? paymentFromRow(updatedRow) : undefined;
  // A decline known at once is applied now (the same transition its webhook would make, which
  // will then find nothing to do), so the payer sees it straight away.
  if (result.status === "failed") {
    await applyGatewayEvent(gateway.name, {
      id: `sync:${result.providerPaymentId}:failed`,
      type: "payment_intent.payment_failed",
      created: Math.floor(Date.now() / 1000),
      object: { id: result.providerPaymentId, amount: result.amountMinor, metadata: { paymentId: payment.id, bookingId: payment.bookingId }, last_payment_error: { code: result.failureCode ?? "payment_declined" } },
    });
  }
  // After a decline its transition is read back; otherwise the update above already answered.
  const fresh = result.status === "failed" || !updated ? await getPayment(user.id, payment.id) : view(updated);
  return result.clientSecret && gateway.name === "stripe" ? { ...fresh, clientSecret: result.clientSecret } : fresh;
}

async function customerFor(user: { id: string; email: string; name: string }, provider: string): Promise<string> {
  const known = await findCustomerId(user.id, provider);
  if (known) return known;
  const customerId = await getGateway(provider).ensureCustomer({ id: user.id, email: user.email, name: user.name });
  await db.execute(sql`INSERT INTO payment_customers (user_id, provider, customer_id) VALUES (${user.id}::uuid, ${provider}, ${customerId}) ON CONFLICT DO NOTHING`);
  return customerId;
}
