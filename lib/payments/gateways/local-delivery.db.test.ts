// The local gateway's webhooks over real HTTP: what reaches the app's webhook URL, and what a
// refusal or an unreachable app leaves behind (the other payment tests deliver in-process).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { deliverDueEvents, localWebhookSecret, setLocalAutoDelivery } from "./local";

const signer = new Stripe("sk_test_signer", { telemetry: false });
type Received = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };

let server: http.Server;
let received: Received[] = [];
let answer = 200;
const savedPort = process.env.PORT;

beforeAll(async () => {
  setLocalAutoDelivery(false);
  server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (body += c));
    req.on("end", () => {
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      res.writeHead(answer, { "content-type": "application/json" }).end(JSON.stringify({ received: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.PORT = String((server.address() as AddressInfo).port); // the launcher's port: webhooks go there
});

afterAll(async () => {
  setLocalAutoDelivery(true);
  if (savedPort === undefined) delete process.env.PORT;
  else process.env.PORT = savedPort;
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(async () => {
  received = [];
  answer = 200;
  await db.execute(sql`DELETE FROM local_gateway_deliveries`);
});
afterEach(() => server.closeIdleConnections());

async function queue(id: string): Promise<string> {
  const payload = JSON.stringify({ id, object: "event", type: "payment_intent.succeeded", created: 1, data: { object: { id: "pi_local_x" } } });
  await db.execute(sql`INSERT INTO local_gateway_deliveries (id, payload, next_attempt_at) VALUES (${id}, ${payload}, now())`);
  return payload;
}
const row = async (id: string) =>
  (await queryRows<{ delivered: boolean; attempts: number; lastError: string | null }>(
    db,
    sql`SELECT delivered_at IS NOT NULL AS delivered, attempts, last_error AS "lastError" FROM local_gateway_deliveries WHERE id = ${id}`,
  ))[0]!;

describe("local gateway webhooks over HTTP", () => {
  it("posts each due event once, signed, as the exact JSON body, to the app's webhook route", async () => {
    const payloads = [await queue("evt_local_http_1"), await queue("evt_local_http_2")];
    expect(await deliverDueEvents()).toEqual({ delivered: 2, failed: 0 });
    expect(received.map((r) => [r.method, r.url])).toEqual([
      ["POST", "/api/v1/payments/webhook"],
      ["POST", "/api/v1/payments/webhook"],
    ]);
    expect(received.map((r) => r.body).sort()).toEqual([...payloads].sort());
    for (const r of received) {
      expect(r.headers["content-type"]).toBe("application/json");
      expect(Number(r.headers["content-length"])).toBe(Buffer.byteLength(r.body));
      // What the webhook route does with it: the signature holds for this body and the local secret.
      expect(signer.webhooks.constructEvent(r.body, r.headers["stripe-signature"] as string, localWebhookSecret()).id).toMatch(/^evt_local_http_/);
    }
    expect(await row("evt_local_http_1")).toEqual({ delivered: true, attempts: 1, lastError: null });
    expect(await deliverDueEvents()).toEqual({ delivered: 0, failed: 0 }); // nothing is sent twice
    expect(received).toHaveLength(2);
  });

  it("a kept-alive connection the app has closed is not a failed delivery: it goes again on a new one", async () => {
    await queue("evt_local_http_a");
    expect(await deliverDueEvents()).toEqual({ delivered: 1, failed: 0 });
    server.closeIdleConnections(); // as the app's keep-alive timeout would
    await queue("evt_local_http_b");
    expect(await deliverDueEvents()).toEqual({ delivered: 1, failed: 0 });
    expect(await row("evt_local_http_b")).toEqual({ delivered: true, attempts: 1, lastError: null });
    expect(received.map((r) => JSON.parse(r.body).id)).toEqual(["evt_local_http_a", "evt_local_http_b"]);
  });

  it("an answer other than 2xx is a failure, kept for a later attempt with the status as its error", async () => {
    answer = 503;
    await queue("evt_local_http_503");
    expect(await deliverDueEvents()).toEqual({ delivered: 0, failed: 1 });
    expect(await row("evt_local_http_503")).toEqual({ delivered: false, attempts: 1, lastError: "HTTP 503" });
  });

  it("an app that is not listening is a failure too, never a crash", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    process.env.PORT = String(port);
    try {
      await queue("evt_local_http_down");
      expect(await deliverDueEvents()).toEqual({ delivered: 0, failed: 1 });
      const r = await row("evt_local_http_down");
      expect(r).toMatchObject({ delivered: false, attempts: 1 });
      expect(r.lastError).toMatch(/ECONNREFUSED/);
    } finally {
      process.env.PORT = String((server.address() as AddressInfo).port);
    }
    expect(received).toHaveLength(0);
  });
});
