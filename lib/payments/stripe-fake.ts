// A local fake of the Stripe endpoints the adapter calls (no network here): payment intents,
// refunds, customers, their payment methods — with Stripe's idempotency semantics (same key and
// body: the same response replayed; same key, different body: 400 idempotency_error).
import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

type Json = Record<string, unknown>;
export type FakeRequest = { method: string; path: string; body: Json; headers: IncomingHttpHeaders };

/** `a[b][c]=1&a[d][0]=x` → { a: { b: { c: "1" }, d: ["x"] } } */
function unbracket(form: string): Json {
  const out: Json = {};
  for (const [k, v] of new URLSearchParams(form)) {
    const keys = k.replace(/\]/g, "").split("[");
    let node: Json = out;
    keys.forEach((key, i) => {
      if (i === keys.length - 1) node[key] = v;
      else node = (node[key] ??= /^\d+$/.test(keys[i + 1]!) ? [] : {}) as Json;
    });
  }
  return out;
}

const id = (prefix: string) => `${prefix}_${randomBytes(10).toString("hex")}`;

export async function startFakeStripe() {
  const requests: FakeRequest[] = [];
  const intents = new Map<string, Json>();
  const customers = new Map<string, Json>();
  const replays = new Map<string, { body: string; status: number; response: string }>();
  const cards: Record<string, Json> = {
    pm_card_visa: { id: "pm_card_visa", object: "payment_method", type: "card", card: { brand: "visa", last4: "4242", exp_month: 12, exp_year: 2034 } },
    pm_card_chargeDeclined: { id: "pm_card_chargeDeclined", object: "payment_method", type: "card", card: { brand: "visa", last4: "0002", exp_month: 12, exp_year: 2034 } },
  };

  function handle(method: string, path: string, body: Json): { status: number; json: Json } {
    const err = (status: number, type: string, message: string, extra: Json = {}) => ({ status, json: { error: { type, message, ...extra } } });
    if (method === "POST" && path === "/v1/payment_intents") {
      const pi: Json = {
        id: id("pi"),
        object: "payment_intent",
        amount: Number(body.amount),
        currency: body.currency,
        status: "requires_payment_method",
        client_secret: "",
        metadata: body.metadata ?? {},
        customer: body.customer ?? null,
        description: body.description ?? null,
        payment_method: null,
        last_payment_error: null,
        setup_future_usage: body.setup_future_usage ?? null,
        livemode: false,
      };
      pi.client_secret = `${pi.id}_secret_${randomBytes(6).toString("hex")}`;
      if (body.confirm === "true" && typeof body.payment_method === "string") {
        const card = cards[body.payment_method];
        pi.payment_method = body.payment_method;
        if (!card || body.payment_method === "pm_card_chargeDeclined") {
          pi.status = "requires_payment_method";
          pi.last_payment_error = { type: "card_error", code: "card_declined", decline_code: "generic_decline", message: "Your card was declined." };
          intents.set(pi.id as string, pi);
          return err(402, "card_error", "Your card was declined.", { code: "card_declined", decline_code: "generic_decline", payment_intent: pi });
        }
        pi.status = "succeeded";
      }
      intents.set(pi.id as string, pi);
      return { status: 200, json: pi };
    }
    const piMatch = /^\/v1\/payment_intents\/([^/]+)$/.exec(path);
    if (method === "GET" && piMatch) {
      const pi = intents.get(piMatch[1]!);
      if (!pi) return err(404, "invalid_request_error", `No such payment_intent: '${piMatch[1]}'`, { code: "resource_missing" });
      const pm = typeof pi.payment_method === "string" ? cards[pi.payment_method] ?? pi.payment_method : pi.payment_method;
      return { status: 200, json: { ...pi, payment_method: pm } };
    }
    if (method === "POST" && path === "/v1/refunds") {
      const pi = intents.get(String(body.payment_intent));
      if (!pi) return err(404, "invalid_request_error", "No such payment_intent", { code: "resource_missing" });
      if (pi.status !== "succeeded") return err(400, "invalid_request_error", "This PaymentIntent does not have a successful charge to refund.", { code: "charge_not_refundable" });
      return { status: 200, json: { id: id("re"), object: "refund", amount: Number(body.amount ?? pi.amount), payment_intent: pi.id, status: "succeeded", metadata: body.metadata ?? {} } };
    }
    if (method === "POST" && path === "/v1/customers") {
      const c = { id: id("cus"), object: "customer", email: body.email, name: body.name, metadata: body.metadata ?? {} };
      customers.set(c.id, c);
      return { status: 200, json: c };
    }
    const pmList = /^\/v1\/customers\/([^/]+)\/payment_methods$/.exec(path);
    if (method === "GET" && pmList) {
      if (!customers.has(pmList[1]!)) return err(404, "invalid_request_error", "No such customer", { code: "resource_missing" });
      return { status: 200, json: { object: "list", data: [cards.pm_card_visa], has_more: false, url: path } };
    }
    return err(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path})`);
  }

  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const body = unbracket(req.method === "GET" ? url.search.slice(1) : raw);
      requests.push({ method: req.method ?? "GET", path: url.pathname, body, headers: req.headers });
      const key = req.headers["idempotency-key"];
      let status: number;
      let response: string;
      const replay = typeof key === "string" ? replays.get(key) : undefined;
      if (replay && replay.body !== raw) {
        status = 400;
        response = JSON.stringify({ error: { type: "idempotency_error", message: "Keys for idempotent requests can only be used with the same parameters they were first used with." } });
      } else if (replay) {
        ({ status, response } = replay);
      } else {
        const r = handle(req.method ?? "GET", url.pathname, body);
        status = r.status;
        response = JSON.stringify(r.json);
        if (typeof key === "string" && req.method === "POST") replays.set(key, { body: raw, status, response });
      }
      res.writeHead(status, { "content-type": "application/json", "request-id": id("req") });
      res.end(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: "127.0.0.1",
    port,
    protocol: "http" as const,
    requests,
    intents,
    /** Marks an intent succeeded (what the customer confirming it in the browser would do). */
    succeed(piId: string) {
      const pi = intents.get(piId);
      if (pi) Object.assign(pi, { status: "succeeded", payment_method: "pm_card_visa" });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
