// The Stripe adapter: PaymentIntents (booking id in metadata, our payment id as the idempotency
// key), refunds, Customers and saved cards, and webhook verification on the raw body.
import "server-only";
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

/**
 * The API version the installed SDK (stripe@23) is generated for. Typed as the SDK's own literal,
 * so upgrading the package fails type-checking here until the pin is moved on purpose.
 */
export const STRIPE_API_VERSION: Stripe.LatestApiVersion = "2026-10-28.endive";

export type StripeGatewayOptions = { secretKey: string; webhookSecret: string; host?: string; port?: number; protocol?: "http" | "https" };

/** A Stripe API failure with what a caller may act on and log; never a key or a request body. */
export class StripeGatewayError extends Error {
  readonly type: string;
  readonly code?: string;
  readonly statusCode?: number;
  readonly requestId?: string;
  constructor(message: string, details: { type: string; code?: string; statusCode?: number; requestId?: string }) {
    super(message);
    this.name = "StripeGatewayError";
    this.type = details.type;
    this.code = details.code;
    this.statusCode = details.statusCode;
    this.requestId = details.requestId;
  }
}

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

function toPayment(pi: Stripe.PaymentIntent, pm: string | Stripe.PaymentMethod | null = pi.payment_method): GatewayPayment {
  const error = pi.last_payment_error;
  // Stripe puts an intent whose attempt failed back at requires_payment_method with the error
  // attached, and sends payment_intent.payment_failed for it: for us that attempt has failed.
  const failed = pi.status === "requires_payment_method" && error;
  const method = methodOf(pm);
  return {
    providerPaymentId: pi.id,
    status: failed ? "failed" : (STATUS[pi.status] ?? "processing"),
    amountMinor: pi.amount,
    currency: pi.currency.toUpperCase(),
    ...(pi.client_secret ? { clientSecret: pi.client_secret } : {}),
    ...(error ? { failureCode: error.decline_code ?? error.code ?? "payment_failed", ...(error.message ? { failureMessage: error.message } : {}) } : {}),
    ...(method ? { paymentMethod: method } : {}),
  };
}

/** Stripe secrets have recognisable shapes; an upstream message must never carry one into our logs. */
function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join("[redacted]");
  return out.replace(/\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9*]+/g, "[redacted]").replace(/\bwhsec_[A-Za-z0-9+/=]+/g, "[redacted]");
}

export function createStripeGateway(opts: StripeGatewayOptions): PaymentGateway {
  const stripe = new Stripe(opts.secretKey, {
    apiVersion: STRIPE_API_VERSION,
    maxNetworkRetries: 2,
    timeout: 10_000,
    telemetry: false,
    ...(opts.host ? { host: opts.host } : {}),
    ...(opts.port ? { port: opts.port } : {}),
    ...(opts.protocol ? { protocol: opts.protocol } : {}),
  });
  const secrets = [opts.secretKey, opts.webhookSecret];

  /** Rebuilds an SDK error from its type and code only: its raw form holds request details. */
  function safeError(err: unknown): StripeGatewayError {
    if (err instanceof Stripe.errors.StripeError) {
      const message = `Stripe ${err.rawType ?? err.type}${err.code ? ` (${err.code})` : ""}: ${err.message}`;
      return new StripeGatewayError(redact(message, secrets), { type: err.rawType ?? err.type, code: err.code, statusCode: err.statusCode, requestId: err.requestId });
    }
    return new StripeGatewayError(redact(err instanceof Error ? err.message : String(err), secrets), { type: "unknown" });
  }

  async function call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      throw safeError(err);
    }
  }

  return {
    name: "stripe",

    async createPayment(input: CreatePaymentInput): Promise<GatewayPayment> {
      if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0) throw new RangeError(`amountMinor must be a positive integer, got ${input.amountMinor}`);
      if (!/^[A-Za-z]{3}$/.test(input.currency)) throw new RangeError(`currency must be an ISO 4217 code, got ${input.currency}`);
      const params: Stripe.PaymentIntentCreateParams = {
        amount: input.amountMinor,
        currency: input.currency.toLowerCase(),
        description: input.description,
        metadata: { bookingId: input.bookingId, paymentId: input.paymentId, userId: input.userId },
        ...(input.customerId ? { customer: input.customerId } : {}),
        ...(input.savedMethodId
          ? { payment_method: input.savedMethodId, confirm: true, off_session: true }
          : { automatic_payment_methods: { enabled: true }, ...(input.savePaymentMethod ? { setup_future_usage: "on_session" as const } : {}) }),
      };
      try {
        return toPayment(await stripe.paymentIntents.create(params, { idempotencyKey: input.idempotencyKey }));
      } catch (err) {
        // A saved card declined off-session is a failed payment, not an outage. Stripe answers
        // 402 with the intent it created (now requires_payment_method, or requires_action when
        // the bank wants the customer present): record that intent as failed with the reason.
        if (err instanceof Stripe.errors.StripeCardError && err.payment_intent) {
          const failure = { failureCode: err.decline_code ?? err.code ?? "card_declined", failureMessage: redact(err.message, secrets) };
          return { ...toPayment(err.payment_intent, err.payment_method ?? err.payment_intent.payment_method), status: "failed", ...failure };
        }
        throw safeError(err);
      }
    },

    retrievePayment(providerPaymentId: string): Promise<GatewayPayment> {
      return call(async () => toPayment(await stripe.paymentIntents.retrieve(providerPaymentId, { expand: ["payment_method"] })));
    },

    findPayment(paymentId: string): Promise<GatewayPayment | null> {
      if (!/^[0-9a-f-]{36}$/i.test(paymentId)) throw new RangeError(`paymentId must be a UUID, got ${paymentId}`);
      // Search is eventually consistent (about a minute); callers ask only about older payments.
      return call(async () => {
        const found = await stripe.paymentIntents.search({ query: `metadata['paymentId']:'${paymentId}'`, limit: 1 });
        return found.data[0] ? toPayment(found.data[0]) : null;
      });
    },

    async refund({ providerPaymentId, amountMinor, idempotencyKey, reason, bookingId }): Promise<GatewayRefund> {
      if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) throw new RangeError(`amountMinor must be a positive integer, got ${amountMinor}`);
      return call(async () => {
        const r = await stripe.refunds.create(
          // Stripe's reason is an enum; ours (policy, lapsed hold…) goes in metadata, capped at its 500 characters.
          { payment_intent: providerPaymentId, amount: amountMinor, reason: "requested_by_customer", metadata: { bookingId, ...(reason ? { reason: reason.slice(0, 500) } : {}) } },
          { idempotencyKey },
        );
        const status = r.status === "succeeded" ? "succeeded" : r.status === "failed" || r.status === "canceled" ? "failed" : "pending";
        return { refundId: r.id, status, amountMinor: r.amount };
      });
    },

    async ensureCustomer(user) {
      if (user.existingCustomerId) return user.existingCustomerId;
      // Keyed by user: two first-time checkouts racing still make one Customer (for 24 hours,
      // Stripe's key lifetime; the caller stores the id long before that).
      return call(async () => (await stripe.customers.create({ email: user.email, name: user.name, metadata: { userId: user.id } }, { idempotencyKey: `customer-${user.id}` })).id);
    },

    listSavedMethods(customerId: string): Promise<GatewayPaymentMethod[]> {
      return call(async () => {
        const list = await stripe.customers.listPaymentMethods(customerId, { type: "card", limit: 100 });
        return list.data.map((pm) => methodOf(pm)).filter((m): m is GatewayPaymentMethod => m !== undefined);
      });
    },

    parseWebhook(rawBody: string, signatureHeader: string | null): GatewayWebhookEvent {
      if (!signatureHeader) throw new WebhookSignatureError("Missing Stripe-Signature header");
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(rawBody, signatureHeader, opts.webhookSecret);
      } catch (err) {
        if (err instanceof Stripe.errors.StripeSignatureVerificationError) throw new WebhookSignatureError(redact(err.message, secrets));
        // Signed by Stripe but not an event we can parse: a bad request, not a forgery.
        throw new Error("The webhook body is not a valid Stripe event");
      }
      const object: unknown = event?.data?.object;
      if (typeof event.id !== "string" || typeof event.type !== "string" || typeof event.created !== "number" || !object || typeof object !== "object") {
        throw new Error("The webhook body is not a valid Stripe event");
      }
      return { id: event.id, type: event.type, created: event.created, object: object as Record<string, unknown> };
    },
  };
}
