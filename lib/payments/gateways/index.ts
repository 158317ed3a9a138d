// The payment gateway in use: Stripe when STRIPE_SECRET_KEY is set, else the local gateway.
import "server-only";
import { env } from "@/lib/env.js";
import type { PaymentGateway } from "./gateway";
import { createLocalGateway } from "./local";
import { createStripeGateway } from "./stripe";

let local: PaymentGateway | undefined;
let stripe: { key: string; gateway: PaymentGateway } | undefined;
let override: PaymentGateway | undefined;

export function activeGatewayName(): "stripe" | "local" {
  return override?.name ?? (env().STRIPE_SECRET_KEY ? "stripe" : "local");
}

/** The gateway for new payments, or the one a stored payment was made with. */
export function getGateway(name: string = activeGatewayName()): PaymentGateway {
  if (override && override.name === name) return override;
  if (name === "stripe") {
    const e = env();
    if (!e.STRIPE_SECRET_KEY || !e.STRIPE_WEBHOOK_SECRET) throw new Error("Stripe is not configured (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET)");
    if (stripe?.key !== e.STRIPE_SECRET_KEY) {
      stripe = {
        key: e.STRIPE_SECRET_KEY,
        gateway: createStripeGateway({
          secretKey: e.STRIPE_SECRET_KEY,
          webhookSecret: e.STRIPE_WEBHOOK_SECRET,
          host: e.STRIPE_API_HOST,
          port: e.STRIPE_API_PORT,
          protocol: e.STRIPE_API_PROTOCOL,
        }),
      };
    }
    return stripe.gateway;
  }
  local ??= createLocalGateway();
  return local;
}

/** Tests: use this gateway (e.g. Stripe pointed at a local fake) until reset with null. */
export function setGatewayForTests(gateway: PaymentGateway | null): void {
  override = gateway ?? undefined;
}
