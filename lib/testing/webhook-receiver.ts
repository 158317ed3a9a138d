// A partner's webhook receiver, for tests: a real HTTP server on an ephemeral local port that
// verifies each delivery's signature the way a partner would (lib/webhooks/verify.ts) and records
// it. What it answers is up to the test (`respond`). Relative imports only: e2e tests use it too.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhookSignature, type VerifyResult } from "../webhooks/verify";

export type Received = { headers: IncomingHttpHeaders; raw: string; body: { id: string; type: string; created: string; data: Record<string, unknown> }; verified: VerifyResult; at: number };

export type Receiver = {
  url: string;
  received: Received[];
  /** The secret to verify with (set it once the endpoint exists). */
  secret: string;
  /** What to answer a delivery: a status, optionally a body, optionally after a delay. */
  respond: (r: Received) => { status: number; body?: string; delayMs?: number };
  /** Deliveries whose signature verified, by event type. */
  ofType: (type: string) => Received[];
  close: () => Promise<void>;
};

export async function startWebhookReceiver(path = "/hooks"): Promise<Receiver> {
  const receiver: Receiver = {
    url: "",
    received: [],
    secret: "",
    respond: () => ({ status: 200, body: "ok" }),
    ofType: (type) => receiver.received.filter((r) => r.verified.ok && r.body.type === type),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: Received["body"];
      try {
        body = JSON.parse(raw);
      } catch {
        body = { id: "", type: "", created: "", data: {} };
      }
      const got: Received = { headers: req.headers, raw, body, verified: verifyWebhookSignature(raw, req.headers["marquee-signature"] as string | undefined, receiver.secret), at: Date.now() };
      receiver.received.push(got);
      const answer = got.verified.ok ? receiver.respond(got) : { status: 400, body: `bad signature: ${got.verified.reason}` };
      const send = () => {
        res.writeHead(answer.status, { "content-type": "text/plain" });
        res.end(answer.body ?? "");
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return receiver;
}
