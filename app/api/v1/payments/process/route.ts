import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/http/validation";
import { route } from "@/lib/http/route";
import * as payments from "@/lib/api/contract/payments";
import { enforceRateLimit } from "@/lib/ratelimit";
import { idempotencyKeySchema, processPayment } from "@/lib/payments/process";

/**
 * Pays for a held booking. `Idempotency-Key` is required: the same key answers the same payment
 * (never a second charge); the same key with a different body is 409 IDEMPOTENCY_KEY_REUSED.
 */
export const POST = route(payments.processPayment, async ({ req, user, body }) => {
  const header = req.headers.get("idempotency-key");
  if (!header) throw new AppError("VALIDATION_FAILED", "Send an Idempotency-Key header (a unique value per payment attempt).", { details: { fieldErrors: { "Idempotency-Key": ["required"] } } });
  const key = parseInput(idempotencyKeySchema, header, "Idempotency-Key");
  if (body.promoCode) await enforceRateLimit("promo", `user:${user.id}`);
  return { payment: await processPayment(user, body, key) };
});
