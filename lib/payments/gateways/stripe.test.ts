// The Stripe adapter against a local fake of Stripe's API (there is no network in tests): what it
// sends, how it maps what comes back, idempotent retries, and webhook signature checks.
import { randomUUID } from "node:crypto";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebhookSignatureError, type CreatePaymentInput, type PaymentGateway } from "./gateway";
import { STRIPE_API_VERSION, StripeGatewayError, createStripeGateway } from "./stripe";
import { startFakeStripe, type FakeStripe } from "@/lib/testing/stripe-fake";

const SECRET = "sk_test_51MarqueeFakeSecretKeyThatMustNeverLeak";
const WHSEC = "whsec_marqueeFakeWebhookSecret";
let fake: FakeStripe;
let gateway: PaymentGateway;
let customerId: string;

const gatewayFor = (secretKey: string) => createStripeGateway({ secretKey, webhookSecret: WHSEC, host: fake.host, port: fake.port, protocol: fake.protocol });

beforeAll(async () => {
  fake = await startFakeStripe();
  gateway = gatewayFor(SECRET);
  customerId = await gateway.ensureCustomer({ id: "user-saved", email: "saved@example.test", name: "Saved Cards" });
  fake.attachPaymentMethod(customerId, "pm_card_visa");
});
afterAll(() => fake.close());

let n = 0;
/** A fresh payment each call: its own ids and idempotency key. */
function payment(over: Partial<CreatePaymentInput> = {}): CreatePaymentInput {
  n++;
  return { paymentId: `pay-${n}`, bookingId: `book-${n}`, userId: "user-1", amountMinor: 47_080, currency: "INR", idempotencyKey: `pay-${n}`, description: "Marquee booking", ...over };
}
const lastRequest = () => fake.requests.at(-1)!;
const intentRequests = () => fake.requests.filter((r) => r.method === "POST" && r.path === "/v1/payment_intents");

describe("createPayment", () => {
  it("creates a PaymentIntent with the amount, currency, booking metadata and our idempotency key", async () => {
    const input = payment();
    const p = await gateway.createPayment(input);
    expect(p).toMatchObject({ status: "requires_payment_method", amountMinor: 47_080, currency: "INR" });
    expect(p.providerPaymentId).toMatch(/^pi_/);
    expect(p.clientSecret).toMatch(new RegExp(`^${p.providerPaymentId}_secret_`));

    const sent = lastRequest();
    expect(sent).toMatchObject({ method: "POST", path: "/v1/payment_intents" });
    expect(sent.body).toEqual({
      amount: "47080",
      currency: "inr",
      description: "Marquee booking",
      metadata: { bookingId: input.bookingId, paymentId: input.paymentId, userId: "user-1" },
      automatic_payment_methods: { enabled: "true" },
    });
    expect(sent.headers["idempotency-key"]).toBe(input.idempotencyKey);
    expect(sent.headers["stripe-version"]).toBe(STRIPE_API_VERSION);
    expect(sent.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(fake.intents.get(p.providerPaymentId)).toMatchObject({ amount: 47_080, currency: "inr", metadata: { bookingId: input.bookingId } });
  });

  it("pins the API version the installed SDK is built for", () => {
    expect(STRIPE_API_VERSION).toBe(Stripe.API_VERSION);
  });

  it("a retry with the same key answers the same intent and creates no second one; another body with it is refused", async () => {
    const input = payment();
    const first = await gateway.createPayment(input);
    const intentsBefore = fake.intents.size;
    const again = await gateway.createPayment(input);
    expect(again.providerPaymentId).toBe(first.providerPaymentId);
    expect(again.clientSecret).toBe(first.clientSecret);
    expect(fake.intents.size).toBe(intentsBefore);

    const misuse = await gateway.createPayment({ ...input, amountMinor: 100 }).catch((e: unknown) => e);
    expect(misuse).toBeInstanceOf(StripeGatewayError);
    expect(misuse).toMatchObject({ type: "idempotency_error", statusCode: 400 });
    expect(fake.intents.size).toBe(intentsBefore);
  });

  it("an answer lost on the network is retried by the SDK with the same key, so the payment is created once", async () => {
    const input = payment();
    const before = fake.intents.size;
    const sentBefore = intentRequests().length;
    fake.dropNextResponse();
    const p = await gateway.createPayment(input);
    const attempts = intentRequests().slice(sentBefore);
    expect(attempts).toHaveLength(2);
    expect(attempts.map((r) => r.headers["idempotency-key"])).toEqual([input.idempotencyKey, input.idempotencyKey]);
    expect(fake.intents.size).toBe(before + 1);
    expect(fake.intents.has(p.providerPaymentId)).toBe(true);
  });

  it("retries a transient conflict twice before giving up", async () => {
    const input = payment();
    const sentBefore = intentRequests().length;
    fake.failNextWithLockTimeout(2);
    const p = await gateway.createPayment(input);
    expect(intentRequests().length - sentBefore).toBe(3);
    expect(fake.intents.has(p.providerPaymentId)).toBe(true);

    fake.failNextWithLockTimeout(3);
    try {
      await expect(gateway.createPayment(payment())).rejects.toMatchObject({ code: "lock_timeout", statusCode: 409 });
    } finally {
      fake.failNextWithLockTimeout(0);
    }
  });

  it("asks Stripe to save the method for next time when the payer opts in", async () => {
    await gateway.createPayment(payment({ customerId, savePaymentMethod: true }));
    expect(lastRequest().body).toMatchObject({ customer: customerId, setup_future_usage: "on_session", automatic_payment_methods: { enabled: "true" } });
  });

  it("rejects a non-integer or non-positive amount before calling Stripe", async () => {
    const sent = fake.requests.length;
    await expect(gateway.createPayment(payment({ amountMinor: 470.8 }))).rejects.toThrow(RangeError);
    await expect(gateway.createPayment(payment({ amountMinor: 0 }))).rejects.toThrow(RangeError);
    expect(fake.requests.length).toBe(sent);
  });
});

describe("saved methods charged off-session", () => {
  it("confirms the saved card at once", async () => {
    const p = await gateway.createPayment(payment({ customerId, savedMethodId: "pm_card_visa" }));
    expect(p).toMatchObject({ status: "succeeded", amountMinor: 47_080, currency: "INR" });
    const body = lastRequest().body;
    expect(body).toMatchObject({ customer: customerId, payment_method: "pm_card_visa", confirm: "true", off_session: "true" });
    expect(body).not.toHaveProperty("automatic_payment_methods");
    expect(body).not.toHaveProperty("setup_future_usage");
  });

  it("maps a decline to a failed payment on the intent Stripe created, with the decline code", async () => {
    const input = payment({ customerId, savedMethodId: "pm_card_chargeDeclined" });
    const p = await gateway.createPayment(input);
    expect(p).toMatchObject({ status: "failed", failureCode: "generic_decline", failureMessage: "Your card was declined.", amountMinor: 47_080, currency: "INR" });
    expect(p.providerPaymentId).toMatch(/^pi_/);
    expect(fake.intents.get(p.providerPaymentId)).toMatchObject({ status: "requires_payment_method" });
    expect(p.paymentMethod).toMatchObject({ id: "pm_card_chargeDeclined", kind: "CARD", last4: "0002" });

    // Stripe replays the 402 for the same key: the same failed intent, no second attempt.
    const intents = fake.intents.size;
    const replay = await gateway.createPayment(input);
    expect(replay).toMatchObject({ providerPaymentId: p.providerPaymentId, status: "failed", failureCode: "generic_decline" });
    expect(fake.intents.size).toBe(intents);
  });

  it("reports the issuer's reason (insufficient funds) and a bank asking for authentication as failures", async () => {
    fake.setNextCardDecline("insufficient_funds");
    const poor = await gateway.createPayment(payment({ customerId, savedMethodId: "pm_card_visa" }));
    expect(poor).toMatchObject({ status: "failed", failureCode: "insufficient_funds" });

    const sca = await gateway.createPayment(payment({ customerId, savedMethodId: "pm_card_authenticationRequired" }));
    expect(sca).toMatchObject({ status: "failed", failureCode: "authentication_required" });
    expect(fake.intents.get(sca.providerPaymentId)).toMatchObject({ status: "requires_action" });
  });

  it("a method Stripe does not know is an error, not a decline", async () => {
    const err = await gateway.createPayment(payment({ customerId, savedMethodId: "pm_gone" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StripeGatewayError);
    expect(err).toMatchObject({ code: "resource_missing", statusCode: 400 });
  });
});

describe("retrievePayment", () => {
  it("expands the payment method and maps the card", async () => {
    const created = await gateway.createPayment(payment());
    expect((await gateway.retrievePayment(created.providerPaymentId)).status).toBe("requires_payment_method");
    expect(lastRequest()).toMatchObject({ method: "GET", path: `/v1/payment_intents/${created.providerPaymentId}`, body: { expand: ["payment_method"] } });

    fake.succeed(created.providerPaymentId, "pm_card_mastercard");
    expect(await gateway.retrievePayment(created.providerPaymentId)).toEqual({
      providerPaymentId: created.providerPaymentId,
      status: "succeeded",
      amountMinor: 47_080,
      currency: "INR",
      clientSecret: created.clientSecret,
      paymentMethod: { id: "pm_card_mastercard", kind: "CARD", brand: "mastercard", last4: "4444", expMonth: 12, expYear: 2034 },
    });
  });

  it("reads a failed off-session attempt back as failed with its code", async () => {
    const declined = await gateway.createPayment(payment({ customerId, savedMethodId: "pm_card_chargeDeclinedInsufficientFunds" }));
    expect(await gateway.retrievePayment(declined.providerPaymentId)).toMatchObject({ status: "failed", failureCode: "insufficient_funds" });
  });
});

describe("findPayment", () => {
  it("finds the intent by our payment id in its metadata, and answers null when Stripe has none", async () => {
    const input = payment({ paymentId: randomUUID() });
    const created = await gateway.createPayment(input);
    fake.succeed(created.providerPaymentId, "pm_card_visa");
    expect(await gateway.findPayment(input.paymentId)).toMatchObject({ providerPaymentId: created.providerPaymentId, status: "succeeded", amountMinor: 47_080 });
    expect(lastRequest()).toMatchObject({ method: "GET", path: "/v1/payment_intents/search", body: { query: `metadata['paymentId']:'${input.paymentId}'`, limit: "1" } });
    expect(await gateway.findPayment(randomUUID())).toBeNull();
  });

  it("an unreachable Stripe is an error, not \"no such payment\"", async () => {
    const down = createStripeGateway({ secretKey: SECRET, webhookSecret: WHSEC, host: "127.0.0.1", port: 9, protocol: "http" });
    await expect(down.findPayment(randomUUID())).rejects.toBeInstanceOf(StripeGatewayError);
  });
});

describe("refund", () => {
  it("refunds a payment once per idempotency key, with the booking in metadata", async () => {
    const p = await gateway.createPayment(payment({ customerId, savedMethodId: "pm_card_visa" }));
    const req = { providerPaymentId: p.providerPaymentId, amountMinor: 20_000, idempotencyKey: "refund-book-x-1", bookingId: "book-x", reason: "cancelled by customer" };
    const r1 = await gateway.refund(req);
    expect(r1).toMatchObject({ status: "succeeded", amountMinor: 20_000 });
    expect(r1.refundId).toMatch(/^re_/);
    expect(lastRequest().body).toEqual({
      payment_intent: p.providerPaymentId,
      amount: "20000",
      reason: "requested_by_customer",
      metadata: { bookingId: "book-x", reason: "cancelled by customer" },
    });
    expect(lastRequest().headers["idempotency-key"]).toBe("refund-book-x-1");

    const r2 = await gateway.refund(req);
    expect(r2.refundId).toBe(r1.refundId);
    expect([...fake.refunds.values()].filter((r) => r.payment_intent === p.providerPaymentId)).toHaveLength(1);

    // A second key is a second refund: Stripe then holds the total to what was paid.
    await expect(gateway.refund({ ...req, idempotencyKey: "refund-book-x-2", amountMinor: 27_081 })).rejects.toMatchObject({ code: "amount_too_large" });
    expect(await gateway.refund({ ...req, idempotencyKey: "refund-book-x-3", amountMinor: 27_080 })).toMatchObject({ status: "succeeded", amountMinor: 27_080 });
  });

  it("cannot refund an intent that was never paid", async () => {
    const p = await gateway.createPayment(payment());
    await expect(gateway.refund({ providerPaymentId: p.providerPaymentId, amountMinor: 100, idempotencyKey: "refund-unpaid", bookingId: "b" })).rejects.toMatchObject({
      code: "charge_not_refundable",
    });
  });
});

describe("customers and saved cards", () => {
  it("creates one Customer per user even when asked twice, and reuses a stored id without a call", async () => {
    const user = { id: "user-9", email: "u9@example.test", name: "U Nine" };
    const customersBefore = fake.customers.size;
    const a = await gateway.ensureCustomer(user);
    expect(lastRequest()).toMatchObject({ path: "/v1/customers", body: { email: user.email, name: user.name, metadata: { userId: "user-9" } } });
    expect(lastRequest().headers["idempotency-key"]).toBe("customer-user-9");
    const b = await gateway.ensureCustomer(user);
    expect(b).toBe(a);
    expect(fake.customers.size).toBe(customersBefore + 1);

    const sent = fake.requests.length;
    expect(await gateway.ensureCustomer({ ...user, existingCustomerId: "cus_existing" })).toBe("cus_existing");
    expect(fake.requests.length).toBe(sent);
  });

  it("lists the cards Stripe saved for the customer", async () => {
    const cus = await gateway.ensureCustomer({ id: "user-10", email: "u10@example.test", name: "U Ten" });
    expect(await gateway.listSavedMethods(cus)).toEqual([]);
    expect(lastRequest()).toMatchObject({ method: "GET", path: `/v1/customers/${cus}/payment_methods`, body: { type: "card" } });

    const p = await gateway.createPayment(payment({ customerId: cus, savePaymentMethod: true }));
    fake.succeed(p.providerPaymentId, "pm_card_mastercard");
    expect(await gateway.listSavedMethods(cus)).toEqual([{ id: "pm_card_mastercard", kind: "CARD", brand: "mastercard", last4: "4444", expMonth: 12, expYear: 2034 }]);
  });
});

describe("parseWebhook", () => {
  const payload = JSON.stringify({
    id: "evt_1",
    object: "event",
    type: "payment_intent.succeeded",
    created: 1_760_000_000,
    data: { object: { id: "pi_1", object: "payment_intent", amount: 47080, metadata: { bookingId: "book-1" } } },
  });
  const sign = (body: string, secret = WHSEC, timestamp?: number) => Stripe.webhooks.generateTestHeaderString({ payload: body, secret, ...(timestamp ? { timestamp } : {}) });

  it("accepts a correctly signed raw body and returns the event with data.object", () => {
    expect(gateway.parseWebhook(payload, sign(payload))).toEqual({
      id: "evt_1",
      type: "payment_intent.succeeded",
      created: 1_760_000_000,
      object: { id: "pi_1", object: "payment_intent", amount: 47080, metadata: { bookingId: "book-1" } },
    });
    const { payload: body, signature, event } = fake.signedEvent("charge.refunded", { id: "ch_1", payment_intent: "pi_1" }, WHSEC);
    expect(gateway.parseWebhook(body, signature)).toMatchObject({ id: event.id, type: "charge.refunded", object: { payment_intent: "pi_1" } });
  });

  it("rejects a tampered body, another secret, a stale timestamp and a missing header", () => {
    const header = sign(payload);
    expect(() => gateway.parseWebhook(payload.replace("47080", "1"), header)).toThrow(WebhookSignatureError);
    expect(() => gateway.parseWebhook(payload, sign(payload, "whsec_someoneElse"))).toThrow(WebhookSignatureError);
    expect(() => gateway.parseWebhook(payload, sign(payload, WHSEC, Math.floor(Date.now() / 1000) - 310))).toThrow(WebhookSignatureError);
    expect(() => gateway.parseWebhook(payload, null)).toThrow(WebhookSignatureError);
    expect(() => gateway.parseWebhook(payload, "")).toThrow(WebhookSignatureError);
    expect(() => gateway.parseWebhook(payload, "t=1,v1=deadbeef")).toThrow(WebhookSignatureError);
    // Still inside the 300 s tolerance: accepted.
    expect(gateway.parseWebhook(payload, sign(payload, WHSEC, Math.floor(Date.now() / 1000) - 240)).id).toBe("evt_1");
  });

  it("a signed body that is not an event is a bad request, not a forgery", () => {
    const notJson = "{not json";
    expect(() => gateway.parseWebhook(notJson, sign(notJson))).toThrow("not a valid Stripe event");
    expect(() => gateway.parseWebhook(notJson, sign(notJson))).not.toThrow(WebhookSignatureError);
    const noObject = JSON.stringify({ id: "evt_2", type: "x", created: 1, data: {} });
    expect(() => gateway.parseWebhook(noObject, sign(noObject))).toThrow("not a valid Stripe event");
  });
});

describe("secrets", () => {
  it("no error carries the secret key, even when the API echoes it back", async () => {
    const revoked = "sk_test_51RevokedKeyThatTheFakeEchoesInItsMessage";
    fake.revokeKey(revoked);
    const err = await gatewayFor(revoked).retrievePayment("pi_anything").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StripeGatewayError);
    expect(err).toMatchObject({ statusCode: 401 });
    const e = err as StripeGatewayError;
    expect(e.message).toContain("Invalid API Key provided: [redacted]");
    expect(`${e.message}\n${e.stack}\n${JSON.stringify(e)}`).not.toContain(revoked);

    const missing = (await gateway.retrievePayment("pi_missing").catch((x: unknown) => x)) as StripeGatewayError;
    expect(missing).toBeInstanceOf(StripeGatewayError);
    expect(missing).toMatchObject({ code: "resource_missing", statusCode: 404 });
    expect(`${missing.message}\n${missing.stack}\n${JSON.stringify(missing)}`).not.toContain(SECRET);
  });
});
