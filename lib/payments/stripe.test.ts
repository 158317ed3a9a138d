import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebhookSignatureError } from "./gateway";
import { createStripeGateway } from "./stripe";
import { startFakeStripe } from "./stripe-fake";

const SECRET = "sk_test_fake_secret_key_never_logged";
const WHSEC = "whsec_fake_webhook_secret";
const signer = new Stripe("sk_test_signer", { telemetry: false });
let fake: Awaited<ReturnType<typeof startFakeStripe>>;
let gateway: ReturnType<typeof createStripeGateway>;

beforeAll(async () => {
  fake = await startFakeStripe();
  gateway = createStripeGateway({ secretKey: SECRET, webhookSecret: WHSEC, host: fake.host, port: fake.port, protocol: fake.protocol });
});
afterAll(() => fake.close());

const input = { paymentId: "pay-1", bookingId: "book-1", userId: "user-1", amountMinor: 47080, currency: "INR", idempotencyKey: "pay-1", description: "Marquee booking" };

describe("Stripe adapter (against a local fake)", () => {
  it("creates a PaymentIntent with the booking in metadata and our idempotency key; a retry gets the same intent", async () => {
    const first = await gateway.createPayment(input);
    expect(first).toMatchObject({ status: "requires_payment_method", amountMinor: 47080, currency: "INR" });
    expect(first.clientSecret).toMatch(/_secret_/);
    const sent = fake.requests.at(-1)!;
    expect(sent).toMatchObject({ method: "POST", path: "/v1/payment_intents" });
    expect(sent.body).toMatchObject({ amount: "47080", currency: "inr", metadata: { bookingId: "book-1", paymentId: "pay-1" }, automatic_payment_methods: { enabled: "true" } });
    expect(sent.headers["idempotency-key"]).toBe("pay-1");
    const again = await gateway.createPayment(input);
    expect(again.providerPaymentId).toBe(first.providerPaymentId);
    expect(fake.intents.size).toBe(1);
    await expect(gateway.createPayment({ ...input, amountMinor: 1 })).rejects.toThrow(/idempotency/i);
  });

  it("charges a saved card off-session, and maps a decline to a failed payment", async () => {
    const ok = await gateway.createPayment({ ...input, paymentId: "pay-2", idempotencyKey: "pay-2", customerId: "cus_x", savedMethodId: "pm_card_visa" });
    expect(ok.status).toBe("succeeded");
    expect(fake.requests.at(-1)!.body).toMatchObject({ confirm: "true", off_session: "true", payment_method: "pm_card_visa" });
    const declined = await gateway.createPayment({ ...input, paymentId: "pay-3", idempotencyKey: "pay-3", customerId: "cus_x", savedMethodId: "pm_card_chargeDeclined" });
    expect(declined).toMatchObject({ status: "failed", failureCode: "generic_decline" });
    const seen = await gateway.retrievePayment(declined.providerPaymentId);
    expect(seen).toMatchObject({ status: "failed", failureCode: "generic_decline" });
  });

  it("retrieves with the card expanded and refunds idempotently", async () => {
    const p = await gateway.createPayment({ ...input, paymentId: "pay-4", idempotencyKey: "pay-4" });
    fake.succeed(p.providerPaymentId);
    const got = await gateway.retrievePayment(p.providerPaymentId);
    expect(got).toMatchObject({ status: "succeeded", paymentMethod: { kind: "CARD", brand: "visa", last4: "4242" } });
    const r1 = await gateway.refund({ providerPaymentId: p.providerPaymentId, amountMinor: 47080, idempotencyKey: "refund-1", bookingId: "book-1" });
    const r2 = await gateway.refund({ providerPaymentId: p.providerPaymentId, amountMinor: 47080, idempotencyKey: "refund-1", bookingId: "book-1" });
    expect(r1).toMatchObject({ status: "succeeded", amountMinor: 47080 });
    expect(r2.refundId).toBe(r1.refundId);
  });

  it("keeps one Customer per user and lists its cards", async () => {
    const user = { id: "user-9", email: "u9@example.test", name: "U Nine" };
    const a = await gateway.ensureCustomer(user);
    const b = await gateway.ensureCustomer(user);
    expect(b).toBe(a);
    expect(await gateway.ensureCustomer({ ...user, existingCustomerId: "cus_existing" })).toBe("cus_existing");
    expect(await gateway.listSavedMethods(a)).toEqual([{ id: "pm_card_visa", kind: "CARD", brand: "visa", last4: "4242", expMonth: 12, expYear: 2034 }]);
  });

  it("verifies webhooks on the raw body: good signature yes; tampered, other secret, stale no", () => {
    const payload = JSON.stringify({ id: "evt_1", object: "event", type: "payment_intent.succeeded", created: 1, data: { object: { id: "pi_1", amount: 100 } } });
    const header = signer.webhooks.generateTestHeaderString({ payload, secret: WHSEC });
    expect(gateway.parseWebhook(payload, header)).toMatchObject({ id: "evt_1", type: "payment_intent.succeeded", object: { id: "pi_1" } });
    expect(() => gateway.parseWebhook(payload.replace("100", "1"), header)).toThrow(WebhookSignatureError);
    expect(() => gateway.parseWebhook(payload, signer.webhooks.generateTestHeaderString({ payload, secret: "whsec_other" }))).toThrow(WebhookSignatureError);
    const stale = signer.webhooks.generateTestHeaderString({ payload, secret: WHSEC, timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect(() => gateway.parseWebhook(payload, stale)).toThrow(WebhookSignatureError);
    expect(() => gateway.parseWebhook(payload, null)).toThrow(WebhookSignatureError);
  });

  it("never puts the secret key in an error", async () => {
    const err = await gateway.retrievePayment("pi_missing").catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect(String((err as Error).message)).toMatch(/resource_missing|No such/);
    expect(JSON.stringify(err) + String((err as Error).stack)).not.toContain(SECRET);
  });
});
