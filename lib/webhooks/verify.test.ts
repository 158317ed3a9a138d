// The partner-facing pieces, pure: the signature a receiver checks, and the published payload
// schemas (which the OpenAPI document turns into JSON Schema, so each must convert).
import { createHmac, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { WEBHOOK_EVENTS, webhookPingSchema } from "./events";
import { signatureHeader, verifyWebhookSignature } from "./verify";
import { VERIFY_SAMPLE } from "./verify-sample";

const body = '{"id":"evt_1","type":"ping","created":"2026-12-06T10:00:00.000Z","apiVersion":"v1","data":{}}';
const t = 1796220000;
const now = new Date(t * 1000);

describe("verifyWebhookSignature", () => {
  it("accepts HMAC-SHA256(secret, '<t>.<body>') as v1, computed independently here", () => {
    const v1 = createHmac("sha256", "whsec_abc").update(`${t}.${body}`).digest("hex");
    expect(signatureHeader(["whsec_abc"], t, body)).toBe(`t=${t},v1=${v1}`);
    expect(verifyWebhookSignature(body, `t=${t},v1=${v1}`, "whsec_abc", { now })).toEqual({ ok: true, timestamp: t });
    expect(verifyWebhookSignature(Buffer.from(body), `t=${t},v1=${v1.toUpperCase()}`, "whsec_abc", { now }).ok).toBe(true);
  });

  it("refuses a changed body, another secret, a stale or future timestamp, and malformed headers", () => {
    const header = signatureHeader(["whsec_abc"], t, body);
    expect(verifyWebhookSignature(body.replace("ping", "pong"), header, "whsec_abc", { now })).toEqual({ ok: false, reason: "NO_MATCHING_SIGNATURE" });
    expect(verifyWebhookSignature(body, header, "whsec_other", { now })).toEqual({ ok: false, reason: "NO_MATCHING_SIGNATURE" });
    // The timestamp is signed: moving it to look fresh breaks the signature.
    expect(verifyWebhookSignature(body, header.replace(`t=${t}`, `t=${t + 600}`), "whsec_abc", { now: new Date((t + 600) * 1000) })).toEqual({ ok: false, reason: "NO_MATCHING_SIGNATURE" });
    expect(verifyWebhookSignature(body, header, "whsec_abc", { now: new Date((t + 301) * 1000) })).toEqual({ ok: false, reason: "TIMESTAMP_OUT_OF_TOLERANCE" });
    expect(verifyWebhookSignature(body, header, "whsec_abc", { now: new Date((t - 301) * 1000) })).toEqual({ ok: false, reason: "TIMESTAMP_OUT_OF_TOLERANCE" });
    expect(verifyWebhookSignature(body, header, "whsec_abc", { now: new Date((t + 300) * 1000) }).ok).toBe(true);
    for (const bad of ["", "v1=abc", `t=${t}`, `t=${t},v1=zz`, `t=soon,v1=${"a".repeat(64)}`]) {
      expect(verifyWebhookSignature(body, bad, "whsec_abc", { now }), bad).toEqual({ ok: false, reason: "MALFORMED_HEADER" });
    }
  });

  it("during a rotation, either secret verifies the two-signature header; unknown schemes are skipped", () => {
    const header = signatureHeader(["whsec_new", "whsec_old"], t, body);
    expect(header.split(",")).toHaveLength(3);
    expect(verifyWebhookSignature(body, header, "whsec_new", { now }).ok).toBe(true);
    expect(verifyWebhookSignature(body, header, "whsec_old", { now }).ok).toBe(true);
    expect(verifyWebhookSignature(body, `${header},v2=whatever`, "whsec_old", { now }).ok).toBe(true);
  });

  it("depends on node:crypto only, so partners can copy the file", () => {
    const source = readFileSync(path.join(import.meta.dirname, "verify.ts"), "utf8");
    expect([...source.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1])).toEqual(["node:crypto"]);
  });
});

describe("WEBHOOK_EVENTS", () => {
  it("lists the five events, each with a summary, a description and a schema that converts to JSON Schema", () => {
    expect(Object.keys(WEBHOOK_EVENTS).sort()).toEqual(["booking.cancelled", "booking.confirmed", "booking.refunded", "checkin.admitted", "show.cancelled"]);
    for (const [type, e] of Object.entries(WEBHOOK_EVENTS)) {
      expect(e.summary.length, type).toBeGreaterThan(5);
      expect(e.description.length, type).toBeGreaterThan(20);
      const json = z.toJSONSchema(e.schema, { io: "output" }) as { properties: Record<string, { const?: string }> };
      expect(json.properties.type!.const, type).toBe(type);
    }
    expect(() => z.toJSONSchema(webhookPingSchema)).not.toThrow();
  });

  it("is a pure module: zod and nothing of the server", () => {
    const source = readFileSync(path.join(import.meta.dirname, "events.ts"), "utf8");
    expect([...source.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1])).toEqual(["zod"]);
  });
});

describe("the verification sample on /developers", () => {
  // The page's code, run as written (its import replaced by the same functions).
  const sample = new Function("createHmac", "timingSafeEqual", `${VERIFY_SAMPLE.replace(/^import .*$/m, "")}\nreturn verify;`)(createHmac, timingSafeEqual) as (
    raw: string,
    header: string,
    secret: string,
  ) => boolean;
  const body = JSON.stringify({ id: "evt_1", type: "ping" });
  const now = Math.floor(Date.now() / 1000);

  it("accepts what the dispatcher signs, with one secret or two during a rotation", () => {
    expect(sample(body, signatureHeader(["whsec_a"], now, body), "whsec_a")).toBe(true);
    expect(sample(body, signatureHeader(["whsec_new", "whsec_old"], now, body), "whsec_old")).toBe(true);
  });

  it("refuses a changed body, another secret and a stale timestamp", () => {
    expect(sample(`${body} `, signatureHeader(["whsec_a"], now, body), "whsec_a")).toBe(false);
    expect(sample(body, signatureHeader(["whsec_a"], now, body), "whsec_b")).toBe(false);
    expect(sample(body, signatureHeader(["whsec_a"], now - 301, body), "whsec_a")).toBe(false);
  });
});
