// A local fake of the Stripe API endpoints the adapter calls, for tests (there is no network):
// PaymentIntents, refunds, Customers and their cards, with Stripe's rules where they matter to
// us — idempotency keys (same key and body: the first response replayed; same key, other body:
// 400 idempotency_error), test card ids that decline, 402 card errors carrying the intent,
// `expand`, refund limits, bearer-key authentication. Point the SDK at it with host/port/protocol.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

type Json = Record<string, unknown>;
export type FakeStripeRequest = { method: string; path: string; body: Json; headers: IncomingHttpHeaders };

/** Form or query text in the SDK's bracket notation → nested objects: `a[b]=1&e[0]=x` → { a: { b: "1" }, e: ["x"] }. */
export function unbracket(form: string): Json {
  const out: Json = {};
  for (const [name, value] of new URLSearchParams(form)) {
    const keys = name.replace(/\]/g, "").split("[");
    let node: Json = out;
    keys.forEach((key, i) => {
      if (i === keys.length - 1) node[key] = value;
      else node = (node[key] ??= /^\d+$/.test(keys[i + 1]!) ? [] : {}) as Json;
    });
  }
  return out;
}

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

const card = (id: string, brand: string, last4: string): Json => ({
  id,
  object: "payment_method",
  type: "card",
  card: { brand, last4, exp_month: 12, exp_year: 2034, country: "IN", funding: "credit" },
  customer: null,
  livemode: false,
});

/** Stripe's test payment methods (https://docs.stripe.com/testing): which succeed and which decline, and how. */
const TEST_METHODS = {
  pm_card_visa: { pm: card("pm_card_visa", "visa", "4242") },
  pm_card_mastercard: { pm: card("pm_card_mastercard", "mastercard", "4444") },
  pm_card_chargeDeclined: { pm: card("pm_card_chargeDeclined", "visa", "0002"), decline: "generic_decline" },
  pm_card_chargeDeclinedInsufficientFunds: { pm: card("pm_card_chargeDeclinedInsufficientFunds", "visa", "9995"), decline: "insufficient_funds" },
  pm_card_authenticationRequired: { pm: card("pm_card_authenticationRequired", "visa", "3184"), decline: "authentication_required" },
} satisfies Record<string, { pm: Json; decline?: string }>;

export type FakeTestMethodId = keyof typeof TEST_METHODS;
const testMethod = (id: unknown): { pm: Json; decline?: string } | undefined =>
  typeof id === "string" && Object.hasOwn(TEST_METHODS, id) ? TEST_METHODS[id as FakeTestMethodId] : undefined;

type Reply = { status: number; json: Json };

export type FakeStripe = Awaited<ReturnType<typeof startFakeStripe>>;

export async function startFakeStripe() {
  const requests: FakeStripeRequest[] = [];
  const intents = new Map<string, Json>();
  const refunds = new Map<string, Json>();
  const customers = new Map<string, Json & { methods: string[] }>();
  const replays = new Map<string, { fingerprint: string; status: number; response: string }>();
  const revokedKeys = new Set<string>();
  let nextDecline: string | undefined;
  let dropNext = false;
  let transientFailures = 0;

  const fail = (status: number, type: string, message: string, extra: Json = {}): Reply => ({
    status,
    json: { error: { type, message, ...(extra.code ? { doc_url: `https://stripe.com/docs/error-codes/${String(extra.code)}` } : {}), ...extra } },
  });
  const missing = (what: string, id: string) => fail(404, "invalid_request_error", `No such ${what}: '${id}'`, { code: "resource_missing", param: "id" });
  const pmObject = (id: unknown) => testMethod(id)?.pm ?? null;
  const withCustomer = (pmId: string, customerId: unknown): Json => ({ ...testMethod(pmId)!.pm, customer: customerId ?? null });

  function attach(customerId: string, pmId: string) {
    const c = customers.get(customerId);
    if (c && !c.methods.includes(pmId)) c.methods.push(pmId);
  }

  function createIntent(body: Json): Reply {
    const amount = Number(body.amount);
    if (!/^\d+$/.test(String(body.amount ?? "")) || amount < 1) return fail(400, "invalid_request_error", "Invalid integer: amount", { code: "parameter_invalid_integer", param: "amount" });
    if (typeof body.currency !== "string" || !/^[a-z]{3}$/.test(body.currency)) return fail(400, "invalid_request_error", "Invalid currency", { code: "parameter_invalid_empty", param: "currency" });
    if (body.customer !== undefined && !customers.has(String(body.customer))) return missing("customer", String(body.customer));
    if (body.off_session === "true" && body.confirm !== "true") {
      return fail(400, "invalid_request_error", "off_session can only be used when confirm=true.", { code: "parameter_invalid_empty", param: "off_session" });
    }
    const id = newId("pi");
    const pi: Json = {
      id,
      object: "payment_intent",
      amount,
      amount_capturable: 0,
      amount_received: 0,
      automatic_payment_methods: body.automatic_payment_methods ? { enabled: true, allow_redirects: "always" } : null,
      canceled_at: null,
      cancellation_reason: null,
      capture_method: "automatic",
      client_secret: `${id}_secret_${randomBytes(12).toString("hex")}`,
      confirmation_method: "automatic",
      created: now(),
      currency: body.currency,
      customer: body.customer ?? null,
      description: body.description ?? null,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      metadata: body.metadata ?? {},
      next_action: null,
      payment_method: null,
      payment_method_types: ["card"],
      setup_future_usage: body.setup_future_usage ?? null,
      status: "requires_payment_method",
    };
    intents.set(id, pi);
    if (body.confirm !== "true") return { status: 200, json: pi };

    const pmId = String(body.payment_method ?? "");
    const method = testMethod(pmId);
    if (!method) {
      intents.delete(id);
      return fail(400, "invalid_request_error", `No such PaymentMethod: '${pmId}'`, { code: "resource_missing", param: "payment_method" });
    }
    pi.payment_method = pmId;
    const decline = nextDecline ?? method.decline;
    nextDecline = undefined;
    if (decline) {
      // Stripe: a declined confirmation answers 402 and leaves the intent to be retried with
      // another method; one the bank wants authenticated waits for the customer (requires_action).
      const auth = decline === "authentication_required";
      const message = auth ? "Your card was declined. This transaction requires authentication." : "Your card was declined.";
      const code = auth ? "authentication_required" : "card_declined";
      const lastError = { type: "card_error", code, decline_code: decline, message, payment_method: withCustomer(pmId, body.customer) };
      Object.assign(pi, auth
        ? { status: "requires_action", last_payment_error: lastError, next_action: { type: "use_stripe_sdk", use_stripe_sdk: {} } }
        : { status: "requires_payment_method", last_payment_error: lastError, latest_charge: newId("ch") });
      return fail(402, "card_error", message, { code, decline_code: decline, charge: pi.latest_charge ?? undefined, payment_intent: pi, payment_method: withCustomer(pmId, body.customer) });
    }
    Object.assign(pi, { status: "succeeded", amount_received: amount, latest_charge: newId("ch") });
    if (typeof body.customer === "string" && body.setup_future_usage) attach(body.customer, pmId);
    return { status: 200, json: pi };
  }

  function createRefund(body: Json): Reply {
    const piId = String(body.payment_intent ?? "");
    const pi = intents.get(piId);
    if (!pi) return missing("payment_intent", piId);
    if (pi.status !== "succeeded") {
      return fail(400, "invalid_request_error", `This PaymentIntent (${piId}) does not have a successful charge to refund.`, { code: "charge_not_refundable", param: "payment_intent" });
    }
    const refunded = [...refunds.values()].filter((r) => r.payment_intent === piId).reduce((sum, r) => sum + Number(r.amount), 0);
    const amount = body.amount === undefined ? Number(pi.amount) - refunded : Number(body.amount);
    if (!Number.isInteger(amount) || amount < 1) return fail(400, "invalid_request_error", "Invalid integer: amount", { code: "parameter_invalid_integer", param: "amount" });
    if (refunded + amount > Number(pi.amount)) {
      return fail(400, "invalid_request_error", `Refund amount (${amount}) is greater than unrefunded amount on charge (${Number(pi.amount) - refunded})`, { code: "amount_too_large", param: "amount" });
    }
    const refund: Json = {
      id: newId("re"),
      object: "refund",
      amount,
      charge: pi.latest_charge,
      created: now(),
      currency: pi.currency,
      metadata: body.metadata ?? {},
      payment_intent: piId,
      reason: body.reason ?? null,
      status: "succeeded",
    };
    refunds.set(refund.id as string, refund);
    return { status: 200, json: refund };
  }

  function handle(method: string, path: string, body: Json): Reply {
    if (method === "POST" && path === "/v1/payment_intents") return createIntent(body);
    if (method === "GET" && path === "/v1/payment_intents/search") {
      const wanted = /^metadata\['paymentId'\]:'([^']*)'$/.exec(String(body.query ?? ""));
      if (!wanted) return fail(400, "invalid_request_error", "This fake searches by metadata['paymentId'] only.");
      const data = [...intents.values()].filter((pi) => (pi.metadata as Record<string, unknown> | undefined)?.paymentId === wanted[1]);
      return { status: 200, json: { object: "search_result", data, has_more: false, next_page: null, url: path } };
    }
    const piPath = /^\/v1\/payment_intents\/([^/]+)$/.exec(path);
    if (method === "GET" && piPath) {
      const pi = intents.get(piPath[1]!);
      if (!pi) return missing("payment_intent", piPath[1]!);
      const expand = Array.isArray(body.expand) ? body.expand : [];
      return { status: 200, json: expand.includes("payment_method") ? { ...pi, payment_method: pmObject(pi.payment_method) } : pi };
    }
    if (method === "POST" && path === "/v1/refunds") return createRefund(body);
    if (method === "POST" && path === "/v1/customers") {
      const c = { id: newId("cus"), object: "customer", created: now(), email: body.email ?? null, name: body.name ?? null, metadata: body.metadata ?? {}, livemode: false, methods: [] as string[] };
      customers.set(c.id, c);
      const { methods: _methods, ...json } = c;
      return { status: 200, json };
    }
    const pmList = /^\/v1\/customers\/([^/]+)\/payment_methods$/.exec(path);
    if (method === "GET" && pmList) {
      const c = customers.get(pmList[1]!);
      if (!c) return missing("customer", pmList[1]!);
      const data = c.methods.map((id) => withCustomer(id, c.id)).filter((pm) => body.type === undefined || pm.type === body.type);
      return { status: 200, json: { object: "list", data, has_more: false, url: path } };
    }
    return fail(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path}).`);
  }

  /** Answers one request as Stripe would, idempotency included; returns the status and JSON text. */
  function respond(method: string, path: string, raw: string, body: Json, headers: IncomingHttpHeaders): { status: number; response: string; replayed: boolean } {
    const auth = /^Bearer (\S+)$/.exec(headers.authorization ?? "")?.[1];
    if (!auth || !/^(sk|rk)_test_/.test(auth) || revokedKeys.has(auth)) {
      // Stripe masks the key it echoes; this fake echoes it whole, so a leak would show in tests.
      return { status: 401, response: JSON.stringify(fail(401, "invalid_request_error", `Invalid API Key provided: ${auth ?? "(none)"}`).json), replayed: false };
    }
    if (transientFailures > 0) {
      // A lock timeout: nothing ran, nothing is saved under the key, and Stripe says to retry.
      transientFailures--;
      return { status: 409, response: JSON.stringify(fail(409, "invalid_request_error", "This object cannot be accessed right now because another API request or Stripe process is currently accessing it.", { code: "lock_timeout" }).json), replayed: false };
    }
    const key = method === "POST" ? headers["idempotency-key"] : undefined;
    const fingerprint = `${method} ${path} ${raw}`;
    const saved = typeof key === "string" ? replays.get(key) : undefined;
    if (saved && saved.fingerprint !== fingerprint) {
      const error = fail(400, "idempotency_error", `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`);
      return { status: 400, response: JSON.stringify(error.json), replayed: false };
    }
    if (saved) return { status: saved.status, response: saved.response, replayed: true };
    const reply = handle(method, path, body);
    const response = JSON.stringify(reply.json);
    // Stripe keeps the result of a request that ran (success or decline), not one rejected up front.
    if (typeof key === "string" && (reply.status < 400 || reply.status === 402)) replays.set(key, { fingerprint, status: reply.status, response });
    return { status: reply.status, response, replayed: false };
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const url = new URL(req.url ?? "/", "http://fake-stripe");
      const method = req.method ?? "GET";
      const body = unbracket(method === "GET" || method === "DELETE" ? url.search.slice(1) : raw);
      requests.push({ method, path: url.pathname, body, headers: req.headers });
      const { status, response, replayed } = respond(method, url.pathname, raw, body, req.headers);
      if (dropNext) {
        // The request was processed but the answer is lost on the way back (a network cut).
        dropNext = false;
        req.socket.destroy();
        return;
      }
      res.writeHead(status, {
        "content-type": "application/json",
        "request-id": newId("req"),
        "stripe-version": String(req.headers["stripe-version"] ?? ""),
        ...(replayed ? { "idempotent-replayed": "true" } : {}),
        ...(typeof req.headers["idempotency-key"] === "string" ? { "idempotency-key": req.headers["idempotency-key"] } : {}),
        // Stripe asks clients not to retry answers that would not change on a retry.
        ...(status >= 400 && status < 500 && status !== 409 && status !== 429 ? { "stripe-should-retry": "false" } : {}),
      });
      res.end(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    host: "127.0.0.1",
    port,
    protocol: "http" as const,
    /** Every request received, in order, with its parsed form/query body and headers. */
    requests,
    intents,
    refunds,
    customers,
    /** The next confirmation declines with this decline code (e.g. "insufficient_funds", "authentication_required"). */
    setNextCardDecline(code: string) {
      nextDecline = code;
    },
    /** The next request is processed, then its connection is cut before the answer is sent. */
    dropNextResponse() {
      dropNext = true;
    },
    /** The next `times` requests answer 409 lock_timeout without running (the SDK retries those). */
    failNextWithLockTimeout(times = 1) {
      transientFailures = times;
    },
    /** Requests with this key now answer 401, like a rolled or revoked key. */
    revokeKey(secretKey: string) {
      revokedKeys.add(secretKey);
    },
    /** What the customer confirming in the browser does: the intent succeeds with this test card (saved when asked to be). */
    succeed(piId: string, paymentMethodId: FakeTestMethodId = "pm_card_visa") {
      const pi = intents.get(piId);
      if (!pi) throw new Error(`fake Stripe: no intent ${piId}`);
      Object.assign(pi, { status: "succeeded", payment_method: paymentMethodId, amount_received: pi.amount, latest_charge: newId("ch"), last_payment_error: null });
      if (typeof pi.customer === "string" && pi.setup_future_usage) attach(pi.customer, paymentMethodId);
      return pi;
    },
    /** Attaches a test card to a customer, as a SetupIntent or the Dashboard would. */
    attachPaymentMethod(customerId: string, paymentMethodId: FakeTestMethodId) {
      if (!customers.has(customerId)) throw new Error(`fake Stripe: no customer ${customerId}`);
      attach(customerId, paymentMethodId);
    },
    /** A Stripe event around `object`, as the raw body and Stripe-Signature header a webhook endpoint receives. */
    signedEvent(type: string, object: Json, webhookSecret: string, timestamp = now()) {
      const event = { id: newId("evt"), object: "event", api_version: Stripe.API_VERSION, created: timestamp, data: { object }, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, type };
      const payload = JSON.stringify(event);
      return { event, payload, signature: Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret, timestamp }) };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
