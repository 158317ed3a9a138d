import "server-only";
import { AppError } from "@/lib/errors";
import { applyGatewayEvent } from "./apply";
import { WebhookSignatureError } from "./gateways/gateway";
import { activeGatewayName, getGateway } from "./gateways";

/** Verifies and applies one webhook delivery; the same function the route and tests call. */
export async function handleWebhook(rawBody: string, signature: string | null): Promise<string> {
  const gateway = getGateway(activeGatewayName());
  let event;
  try {
    event = gateway.parseWebhook(rawBody, signature);
  } catch (err) {
    if (err instanceof WebhookSignatureError) throw new AppError("UNAUTHORIZED", "Webhook signature verification failed.", { cause: err });
    throw new AppError("VALIDATION_FAILED", "The webhook body is not a valid event.");
  }
  // Stripe names the card by id only; to save it for next time, fetch it (outside any transaction).
  const o = event.object as { id?: unknown; metadata?: Record<string, unknown>; payment_method?: unknown };
  if (event.type === "payment_intent.succeeded" && o.metadata?.savePaymentMethod === "true" && typeof o.payment_method === "string" && typeof o.id === "string") {
    const paid = await gateway.retrievePayment(o.id).catch(() => null);
    if (paid?.paymentMethod) event = { ...event, object: { ...event.object, payment_method: paid.paymentMethod } };
  }
  return applyGatewayEvent(gateway.name, event);
}
