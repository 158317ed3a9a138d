// The Stripe adapter: PaymentIntents (booking id in metadata, our payment id as the idempotency
// key), refunds, Customers and saved cards, and webhook verification on the raw body.
import Stripe from "stripe";
import {
  WebhookSignatureError,
  type CreatePaymentInput,
  type GatewayPayment,
  type GatewayPaymentMethod,
  type GatewayPaymentStatus,
  type GatewayRefund,
  type GatewayWebhookEvent,
  type PaymentGateway,
} from "./gateway";

export type StripeGatewayOptions = { secretKey: string; webhookSecret: string; host?: string; port?: number; protocol?: "http" | "https" };

const STATUS: Record<Stripe.PaymentIntent.Status, GatewayPaymentStatus> = {
  requires_payment_method: "requires_payment_method",
  requires_confirmation: "requires_action",
  requires_action: "requires_action",
  processing: "processing",
  requires_capture: "processing",
  canceled: "canceled",
  succeeded: "succeeded",
};

function methodOf(pm: string | Stripe.PaymentMethod | null | undefined): GatewayPaymentMethod | undefined {
  if (!pm || typeof pm === "string") return undefined;
  if (pm.type === "card" && pm.card) return { id: pm.id, kind: "CARD", brand: pm.card.brand, last4: pm.card.last4, expMonth: pm.card.exp_month, expYear: pm.card.exp_year };
  if (pm.type === "upi") return { id: pm.id, kind: "UPI", brand: "upi" };
  return { id: pm.id, kind: "WALLET", brand: pm.type };
}

function toPayment(pi: Stripe.PaymentIntent): GatewayPayment {
  // A PaymentIntent back at requires_payment_method after an attempt has failed.
  const failed = pi.status === "requires_payment_method" && pi.last_payment_error;
  return {
    providerPaymentId: pi.id,
    status: failed ? "failed" : (STATUS[pi.status] ?? "processing"),
    amountMinor: pi.amount,
    currency: pi.currency.toUpperCase(),
    clientSecret: pi.client_secret ?? undefined,
    ...(pi.last_payment_error
      ? { failureCode: pi.last_payment_error.decline_code ?? pi.last_payment_error.code ?? "payment_failed", failureMessage: pi.last_payment_error.message ?? undefined }
      : {}),
    paymentMethod: methodOf(pi.payment_method),
  };
}

/** Stripe's errors carry request details; keep the type and code, never the key. */
function safeError(err: unknown): Error {
  if (err instanceof Stripe.errors.StripeError) return new Error(`Stripe ${err.type}${err.code ? ` (${err.code})` : ""}: ${err.message}`);
  return err instanceof Error ? new Error(err.message) : new Error(String(err));
}

export function createStripeGateway(opts: StripeGatewayOptions): PaymentGateway {
  const stripe = new Stripe(opts.secretKey, {
    apiVersion: "2026-10-28.endive" as Stripe.LatestApiVersion,
    maxNetworkRetries: 2,
    timeout: 10_000,
    telemetry: false,
    ...(opts.host ? { host: opts.host } : {}),
    ...(opts.port ? { port: opts.port } : {}),
    ...(opts.protocol ? { protocol: opts.protocol } : {}),
  });

  return {
    name: "stripe",

    async createPayment(input: CreatePaymentInput): Promise<GatewayPayment> {
      const params: Stripe.PaymentIntentCreateParams = {
        amount: input.amountMinor,
        currency: input.currency.toLowerCase(),
        description: input.description,
        metadata: { bookingId: input.bookingId, paymentId: input.paymentId, userId: input.userId, ...(input.savePaymentMethod ? { savePaymentMethod: "true" } : {}) },
        ...(input.customerId ? { customer: input.customerId } : {}),
      };
      if (input.savedMethodId) {
        Object.assign(params, { payment_method: input.savedMethodId, confirm: true, off_session: true });
      } else {
        Object.assign(params, { automatic_payment_methods: { enabled: true }, ...(input.savePaymentMethod ? { setup_future_usage: "on_session" } : {}) });
      }
      try {
        return toPayment(await stripe.paymentIntents.create(params, { idempotencyKey: input.idempotencyKey }));
      } catch (err) {
        // An off-session charge of a saved card that is declined: a failed payment, not an outage.
        if (err instanceof Stripe.errors.StripeCardError) {
          const pi = (err.raw as { payment_intent?: Stripe.PaymentIntent }).payment_intent;
          return {
            providerPaymentId: pi?.id ?? `declined_${input.paymentId}`,
            status: "failed",
            amountMinor: input.amountMinor,
            currency: input.currency,
            failureCode: err.decline_code ?? err.code ?? "card_declined",
            failureMessage: err.message,
          };
        }
        throw safeError(err);
      }
    },

    async retrievePayment(providerPaymentId: string): Promise<GatewayPayment> {
      try {
        return toPayment(await stripe.paymentIntents.retrieve(providerPaymentId, { expand: ["payment_method"] }));
      } catch (err) {
        throw safeError(err);
      }
    },

    async refund({ providerPaymentId, amountMinor, idempotencyKey, bookingId }): Promise<GatewayRefund> {
      try {
        const r = await stripe.refunds.create(
          { payment_intent: providerPaymentId, amount: amountMinor, reason: "requested_by_customer", metadata: { bookingId } },
          { idempotencyKey },
        );
        const status = r.status === "succeeded" ? "succeeded" : r.status === "failed" || r.status === "canceled" ? "failed" : "pending";
        return { refundId: r.id, status, amountMinor: r.amount };
      } catch (err) {
        throw safeError(err);
      }
    },

    async ensureCustomer(user) {
      if (user.existingCustomerId) return user.existingCustomerId;
      try {
        const c = await stripe.customers.create({ email: user.email, name: user.name, metadata: { userId: user.id } }, { idempotencyKey: `customer-${user.id}` });
        return c.id;
      } catch (err) {
        throw safeError(err);
      }
    },

    async listSavedMethods(customerId: string) {
      try {
        const list = await stripe.customers.listPaymentMethods(customerId, { type: "card" });
        return list.data.map(methodOf).filter((m): m is GatewayPaymentMethod => Boolean(m));
      } catch (err) {
        throw safeError(err);
      }
    },

    parseWebhook(rawBody: string, signatureHeader: string | null): GatewayWebhookEvent {
      if (!signatureHeader) throw new WebhookSignatureError("Missing Stripe-Signature header");
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(rawBody, signatureHeader, opts.webhookSecret);
      } catch (err) {
        throw new WebhookSignatureError(err instanceof Error ? err.message : "Invalid signature");
      }
      return { id: event.id, type: event.type, created: event.created, object: event.data.object as unknown as Record<string, unknown> };
    },
  };
}
