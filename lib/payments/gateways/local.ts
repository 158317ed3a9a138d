// The local gateway: the embedded default when no Stripe key is set. It behaves like Stripe test
// mode — payment intents with idempotency keys, documented test values that succeed, decline or
// succeed after a delay, refunds — and sends Stripe-shaped events, signed with Stripe's scheme,
// to the same webhook route Stripe would call. So the demo and the tests run the real
// confirmation path. Its books live in its own tables (local_gateway_*).
import "server-only";
import { createHash, createHmac, randomBytes } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { sql } from "drizzle-orm";
import Stripe from "stripe";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { authSecret } from "@/lib/auth/secret";
import { env, envVar } from "@/lib/env.js";
import {
  WebhookSignatureError,
  type CreatePaymentInput,
  type GatewayPayment,
  type GatewayPaymentMethod,
  type GatewayPaymentStatus,
  type GatewayWebhookEvent,
  type PaymentGateway,
} from "./gateway";
import { DELAYED_SETTLE_MS, type StoredMethod } from "./local-methods";
import { log } from "@/lib/telemetry/log.mjs";

const logger = log("local-gateway");

const signer = new Stripe("sk_test_local_gateway_signer", { telemetry: false });

/** The secret the local gateway signs webhooks with (derived from AUTH_SECRET, shared by instances). */
export function localWebhookSecret(): string {
  return `whsec_local_${createHmac("sha256", authSecret()).update("marquee local gateway webhooks").digest("base64url")}`;
}

type Deliver = (rawBody: string, signature: string) => Promise<{ status: number }>;

/**
 * The app's own webhook URL: LOCAL_GATEWAY_WEBHOOK_URL when set (several instances behind one
 * address); else this server's port on loopback when the launcher told us the port (so
 * `PORT=3300 npm run demo` works without setting APP_URL), else APP_URL.
 */
function webhookUrl(): URL {
  const configured = envVar("LOCAL_GATEWAY_WEBHOOK_URL");
  if (configured) return new URL(configured);
  const port = envVar("PORT"); // at each call: the launcher sets it after start-up
  return new URL("/api/v1/payments/webhook", port && /^\d+$/.test(port) ? `http://127.0.0.1:${port}` : env().APP_URL);
}

// Deliveries go over node:http with kept-alive sockets rather than fetch: inside the server,
// fetch is Next's instrumented one, and each call would also carry its own timeout signal.
// `timeout` also makes the agents honour the app's `Keep-Alive: timeout=N` for idle sockets.
const DELIVERY_TIMEOUT_MS = 10_000;
const agentOptions = { keepAlive: true, maxSockets: 32, timeout: DELIVERY_TIMEOUT_MS };
const agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };

async function deliverOverHttp(rawBody: string, signature: string): Promise<{ status: number }> {
  try {
    return await postOnce(rawBody, signature);
  } catch (err) {
    // A kept-alive socket the app closed as we reused it: send again on a new one (the webhook
    // handler applies an event id once, so a second copy is harmless).
    if (err instanceof ReusedSocketError) return postOnce(rawBody, signature);
    throw err;
  }
}

class ReusedSocketError extends Error {}

function postOnce(rawBody: string, signature: string): Promise<{ status: number }> {
  const url = webhookUrl();
  const secure = url.protocol === "https:";
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(
      url,
      {
        method: "POST",
        agent: secure ? agents.https : agents.http,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(rawBody), "stripe-signature": signature },
        timeout: DELIVERY_TIMEOUT_MS,
      },
      (res) => {
        res.on("error", reject);
        res.on("end", () => resolve({ status: res.statusCode ?? 0 }));
        res.resume(); // the answer's body is not needed, only that it was read to the end
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${DELIVERY_TIMEOUT_MS / 1000} s`)));
    req.on("error", (err: NodeJS.ErrnoException) => {
      const stale = req.reusedSocket && (err.code === "ECONNRESET" || err.message === "socket hang up");
      reject(stale ? new ReusedSocketError(err.message) : err);
    });
    req.end(rawBody);
  });
}

let deliver: Deliver = deliverOverHttp;
let autoDeliver = true;

/** Tests drive delivery themselves (deliverDueEvents) instead of timers. */
export function setLocalAutoDelivery(on: boolean): void {
  autoDeliver = on;
}

/** Where events go: the app's webhook URL by default; tests hand them to the handler directly. */
export function setLocalWebhookTarget(target: Deliver | null): void {
  deliver = target ?? deliverOverHttp;
}

type IntentRow = {
  id: string;
  idempotencyKey: string;
  requestHash: string;
  amountMinor: number;
  currency: string;
  status: "processing" | "succeeded" | "failed";
  method: StoredMethod & { id?: string };
  metadata: Record<string, string>;
  customerId: string | null;
  failureCode: string | null;
  refundedMinor: number;
  settlesAt: Date;
  settled: boolean;
};

const INTENT = sql`id, idempotency_key AS "idempotencyKey", request_hash AS "requestHash", amount_minor AS "amountMinor", currency, status, method, metadata,
  customer_id AS "customerId", failure_code AS "failureCode", refunded_minor AS "refundedMinor", settles_at AS "settlesAt", settles_at <= now() AS settled`;

const FAILURE_MESSAGE: Record<string, string> = { card_declined: "Your card was declined.", payment_declined: "The payment was declined by your bank or wallet." };

function toPayment(row: IntentRow): GatewayPayment {
  // A delayed payment is "processing" until it settles.
  const status: GatewayPaymentStatus = row.status === "processing" && row.settled ? "succeeded" : row.status;
  const m = row.method;
  return {
    providerPaymentId: row.id,
    status,
    amountMinor: Number(row.amountMinor),
    currency: row.currency,
    clientSecret: `${row.id}_secret_local`,
    ...(row.failureCode ? { failureCode: row.failureCode, failureMessage: FAILURE_MESSAGE[row.failureCode] ?? "The payment failed." } : {}),
    paymentMethod: { id: m.id ?? `pm_local_${row.id.slice(9)}`, kind: m.kind, brand: m.brand, last4: m.last4, expMonth: m.expMonth, expYear: m.expYear },
  };
}

function intentObject(row: IntentRow, status: GatewayPaymentStatus) {
  return {
    id: row.id,
    object: "payment_intent",
    amount: Number(row.amountMinor),
    amount_received: status === "succeeded" ? Number(row.amountMinor) : 0,
    currency: row.currency.toLowerCase(),
    status,
    metadata: row.metadata,
    customer: row.customerId,
    payment_method: toPayment(row).paymentMethod,
    last_payment_error: row.failureCode ? { code: row.failureCode, message: FAILURE_MESSAGE[row.failureCode] } : null,
    livemode: false,
  };
}

async function queueEvent(type: string, object: Record<string, unknown>, at: Date): Promise<void> {
  const id = `evt_local_${randomBytes(12).toString("hex")}`;
  const payload = JSON.stringify({ id, object: "event", api_version: "local", created: Math.floor(at.getTime() / 1000), type, livemode: false, data: { object } });
  await db.execute(sql`INSERT INTO local_gateway_deliveries (id, payload, next_attempt_at) VALUES (${id}, ${payload}, ${at.toISOString()}::timestamptz)`);
  if (!autoDeliver) return;
  const delay = Math.max(0, at.getTime() - Date.now());
  setTimeout(() => void deliverDueEvents().catch((err: unknown) => logger.error({ err }, "webhook delivery failed")), delay).unref?.();
}

/**
 * Sends due webhook events (once each, retried with backoff while the app answers non-2xx).
 * Rows are claimed with SKIP LOCKED so concurrent senders never send one event twice at once.
 */
export async function deliverDueEvents(limit = 25): Promise<{ delivered: number; failed: number }> {
  const due = await queryRows<{ id: string; payload: string; attempts: number }>(
    db,
    sql`UPDATE local_gateway_deliveries SET attempts = attempts + 1, next_attempt_at = now() + interval '30 seconds'
        WHERE id IN (SELECT id FROM local_gateway_deliveries WHERE delivered_at IS NULL AND next_attempt_at <= now()
                     ORDER BY next_attempt_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
        RETURNING id, payload, attempts`,
  );
  let delivered = 0;
  let failed = 0;
  for (const d of due) {
    let error: string | null = null;
    try {
      const signature = signer.webhooks.generateTestHeaderString({ payload: d.payload, secret: localWebhookSecret() });
      const { status } = await deliver(d.payload, signature);
      if (status < 200 || status > 299) error = `HTTP ${status}`;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    if (error === null) {
      delivered++;
      await db.execute(sql`UPDATE local_gateway_deliveries SET delivered_at = now(), last_error = NULL WHERE id = ${d.id}`);
    } else {
      failed++;
      const backoffSeconds = Math.min(3600, 2 ** Math.min(d.attempts, 12));
      await db.execute(
        sql`UPDATE local_gateway_deliveries SET last_error = ${error.slice(0, 500)}, next_attempt_at = now() + make_interval(secs => ${backoffSeconds}) WHERE id = ${d.id}`,
      );
    }
  }
  return { delivered, failed };
}

async function findIntent(id: string): Promise<IntentRow | undefined> {
  const [row] = await queryRows<IntentRow>(db, sql`SELECT ${INTENT} FROM local_gateway_intents WHERE id = ${id}`);
  return row;
}

export class LocalGatewayError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "LocalGatewayError";
  }
}

export function createLocalGateway(): PaymentGateway {
  return {
    name: "local",

    async createPayment(input: CreatePaymentInput): Promise<GatewayPayment> {
      let method: StoredMethod & { id?: string };
      if (input.savedMethodId) {
        const [saved] = await queryRows<{ kind: StoredMethod["kind"]; brand: string; last4: string | null; expMonth: number | null; expYear: number | null }>(
          db,
          sql`SELECT kind, brand, last4, exp_month AS "expMonth", exp_year AS "expYear" FROM saved_payment_methods
              WHERE provider = 'local' AND provider_method_id = ${input.savedMethodId} AND user_id = ${input.userId}::uuid`,
        );
        if (!saved) throw new LocalGatewayError("resource_missing", "No such saved payment method.");
        method = { id: input.savedMethodId, kind: saved.kind, brand: saved.brand, last4: saved.last4 ?? undefined, expMonth: saved.expMonth ?? undefined, expYear: saved.expYear ?? undefined, outcome: "succeeded" };
      } else if (input.localMethod) {
        method = input.localMethod;
      } else {
        throw new LocalGatewayError("parameter_missing", "A payment method is required.");
      }
      const requestHash = createHash("sha256")
        .update(JSON.stringify([input.amountMinor, input.currency, input.bookingId, method.kind, method.brand, method.last4 ?? null, input.savedMethodId ?? null]))
        .digest("hex");
      const id = `pi_local_${randomBytes(12).toString("hex")}`;
      const status = method.outcome === "succeeded" ? "succeeded" : method.outcome === "declined" ? "failed" : "processing";
      const failureCode = method.outcome === "declined" ? (method.kind === "CARD" ? "card_declined" : "payment_declined") : null;
      const settlesAt = new Date(Date.now() + (method.outcome === "delayed" ? DELAYED_SETTLE_MS : 0));
      const metadata = { bookingId: input.bookingId, paymentId: input.paymentId, userId: input.userId, ...(input.savePaymentMethod ? { savePaymentMethod: "true" } : {}) };
      const [created] = await queryRows<IntentRow>(
        db,
        sql`INSERT INTO local_gateway_intents (id, idempotency_key, request_hash, amount_minor, currency, status, method, metadata, customer_id, failure_code, settles_at)
            VALUES (${id}, ${input.idempotencyKey}, ${requestHash}, ${input.amountMinor}, ${input.currency}, ${status}, ${JSON.stringify(method)}::jsonb,
                    ${JSON.stringify(metadata)}::jsonb, ${input.customerId ?? null}, ${failureCode}, ${settlesAt.toISOString()}::timestamptz)
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING ${INTENT}`,
      );
      if (!created) {
        // The same idempotency key again: the same intent, or an error if the request differs.
        const [existing] = await queryRows<IntentRow>(db, sql`SELECT ${INTENT} FROM local_gateway_intents WHERE idempotency_key = ${input.idempotencyKey}`);
        if (!existing || existing.requestHash !== requestHash) {
          throw new LocalGatewayError("idempotency_error", "Keys for idempotent requests can only be used with the same parameters they were first used with.");
        }
        return toPayment(existing);
      }
      if (status === "succeeded") await queueEvent("payment_intent.succeeded", intentObject(created, "succeeded"), new Date());
      else if (status === "failed") await queueEvent("payment_intent.payment_failed", intentObject(created, "failed"), new Date());
      else {
        await queueEvent("payment_intent.processing", intentObject(created, "processing"), new Date());
        await queueEvent("payment_intent.succeeded", intentObject({ ...created, status: "succeeded" }, "succeeded"), settlesAt);
      }
      return toPayment(created);
    },

    async retrievePayment(providerPaymentId: string): Promise<GatewayPayment> {
      const row = await findIntent(providerPaymentId);
      if (!row) throw new LocalGatewayError("resource_missing", `No such payment_intent: ${providerPaymentId}`);
      return toPayment(row);
    },

    async findPayment(paymentId: string): Promise<GatewayPayment | null> {
      const [row] = await queryRows<IntentRow>(db, sql`SELECT ${INTENT} FROM local_gateway_intents WHERE idempotency_key = ${paymentId}`);
      return row ? toPayment(row) : null;
    },

    async refund({ providerPaymentId, amountMinor, idempotencyKey }) {
      const row = await findIntent(providerPaymentId);
      if (!row) throw new LocalGatewayError("resource_missing", `No such payment_intent: ${providerPaymentId}`);
      if (toPayment(row).status !== "succeeded") throw new LocalGatewayError("charge_not_refundable", "This payment has not succeeded; there is nothing to refund.");
      const refundId = `re_local_${createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 24)}`;
      // Idempotent by key: a refund with this id is applied once.
      const [applied] = await queryRows<{ refundedMinor: number }>(
        db,
        sql`UPDATE local_gateway_intents SET refunded_minor = refunded_minor + ${amountMinor},
              metadata = metadata || jsonb_build_object('refund:' || ${refundId}, 'done')
            WHERE id = ${providerPaymentId} AND NOT (metadata ? ('refund:' || ${refundId}))
              AND refunded_minor + ${amountMinor} <= amount_minor
            RETURNING refunded_minor AS "refundedMinor"`,
      );
      if (applied) {
        await queueEvent(
          "charge.refunded",
          { id: `ch_local_${row.id.slice(9)}`, object: "charge", payment_intent: row.id, amount: Number(row.amountMinor), amount_refunded: Number(applied.refundedMinor), refunded: true, currency: row.currency.toLowerCase(), metadata: row.metadata, refund_id: refundId },
          new Date(),
        );
      } else {
        const again = await findIntent(providerPaymentId);
        if (!again?.metadata[`refund:${refundId}`]) throw new LocalGatewayError("amount_too_large", "Refund exceeds the amount paid.");
      }
      return { refundId, status: "succeeded", amountMinor };
    },

    async ensureCustomer(user) {
      return user.existingCustomerId ?? `cus_local_${user.id.replace(/-/g, "")}`;
    },

    async listSavedMethods(customerId: string): Promise<GatewayPaymentMethod[]> {
      const userId = customerId.replace(/^cus_local_/, "").replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5");
      const rows = await queryRows<{ id: string; kind: GatewayPaymentMethod["kind"]; brand: string; last4: string | null; expMonth: number | null; expYear: number | null }>(
        db,
        sql`SELECT provider_method_id AS id, kind, brand, last4, exp_month AS "expMonth", exp_year AS "expYear" FROM saved_payment_methods
            WHERE provider = 'local' AND user_id = ${userId}::uuid ORDER BY created_at DESC`,
      );
      return rows.map((r) => ({ id: r.id, kind: r.kind, brand: r.brand, last4: r.last4 ?? undefined, expMonth: r.expMonth ?? undefined, expYear: r.expYear ?? undefined }));
    },

    parseWebhook(rawBody: string, signatureHeader: string | null): GatewayWebhookEvent {
      if (!signatureHeader) throw new WebhookSignatureError("Missing Stripe-Signature header");
      let event: Stripe.Event;
      try {
        event = signer.webhooks.constructEvent(rawBody, signatureHeader, localWebhookSecret());
      } catch (err) {
        throw new WebhookSignatureError(err instanceof Error ? err.message : "Invalid signature");
      }
      return { id: event.id, type: event.type, created: event.created, object: event.data.object as unknown as Record<string, unknown> };
    },
  };
}
