// One interface for every payment gateway: Stripe in production, the local gateway in the demo
// and tests. Amounts are integer minor units with a currency (invariant 6).

export type GatewayName = "local" | "stripe";
export type PaymentMethodKind = "CARD" | "UPI" | "WALLET" | "NET_BANKING";
export type GatewayPaymentStatus = "requires_payment_method" | "requires_action" | "processing" | "succeeded" | "failed" | "canceled";

export type CreatePaymentInput = {
  paymentId: string; // our payments.id
  bookingId: string;
  userId: string;
  amountMinor: number;
  currency: string; // "INR"
  idempotencyKey: string; // sent to the gateway as its idempotency key
  description: string;
  customerId?: string; // gateway customer (for saving / reusing methods)
  savedMethodId?: string; // a saved method's gateway id to charge (off-session confirm)
  savePaymentMethod?: boolean;
  /** The local gateway only: the payer's method as entered on our checkout form (no secrets). */
  localMethod?: import("./local-methods").StoredMethod;
};

export type GatewayPaymentMethod = { id: string; kind: PaymentMethodKind; brand: string; last4?: string; expMonth?: number; expYear?: number };

export type GatewayPayment = {
  providerPaymentId: string;
  status: GatewayPaymentStatus;
  amountMinor: number;
  currency: string;
  clientSecret?: string;
  failureCode?: string;
  failureMessage?: string;
  paymentMethod?: GatewayPaymentMethod;
};

export type GatewayRefund = { refundId: string; status: "pending" | "succeeded" | "failed"; amountMinor: number };

/** A verified webhook event; `object` is the event's data.object. */
export type GatewayWebhookEvent = { id: string; type: string; created: number; object: Record<string, unknown> };

export class WebhookSignatureError extends Error {
  constructor(message = "Webhook signature verification failed") {
    super(message);
    this.name = "WebhookSignatureError";
  }
}

export interface PaymentGateway {
  readonly name: GatewayName;
  createPayment(input: CreatePaymentInput): Promise<GatewayPayment>;
  retrievePayment(providerPaymentId: string): Promise<GatewayPayment>;
  /** The gateway's payment for our payment id (sent as metadata and idempotency key), or null when it has none; throws when it cannot say. */
  findPayment(paymentId: string): Promise<GatewayPayment | null>;
  refund(input: { providerPaymentId: string; amountMinor: number; idempotencyKey: string; reason?: string; bookingId: string }): Promise<GatewayRefund>;
  ensureCustomer(user: { id: string; email: string; name: string; existingCustomerId?: string | null }): Promise<string>;
  listSavedMethods(customerId: string): Promise<GatewayPaymentMethod[]>;
  /** Verifies a webhook's signature over the raw body and parses it; throws WebhookSignatureError when invalid. */
  parseWebhook(rawBody: string, signatureHeader: string | null): GatewayWebhookEvent;
}
