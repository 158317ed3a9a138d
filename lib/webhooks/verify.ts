// Webhook signatures, the way Stripe signs its own: `Marquee-Signature: t=<unix seconds>,v1=<hex>`
// where v1 = HMAC-SHA256(secret, "<t>.<raw body>"). The timestamp is inside what is signed, so a
// captured delivery cannot be replayed later with a fresh `t`; the receiver refuses signatures
// older than the tolerance. During a secret rotation the header carries one v1 per secret, and a
// receiver holding either one accepts it.
//
// This file depends only on node:crypto so partners can copy it as it is.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "Marquee-Signature";

/** The hex HMAC of `<t>.<body>`; the body exactly as sent (never re-serialised JSON). */
export function computeSignature(secret: string, timestamp: number, rawBody: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${rawBody}`, "utf8").digest("hex");
}

/** The header's value for this body, signed with each secret (the current one first). */
export function signatureHeader(secrets: readonly string[], timestamp: number, rawBody: string): string {
  return [`t=${timestamp}`, ...secrets.map((s) => `v1=${computeSignature(s, timestamp, rawBody)}`)].join(",");
}

export type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: "MALFORMED_HEADER" | "NO_MATCHING_SIGNATURE" | "TIMESTAMP_OUT_OF_TOLERANCE" };

/**
 * Checks a delivery: `rawBody` is the request body as received (bytes or the string decoded as
 * UTF-8), `header` the Marquee-Signature value. Answers ok with the signed timestamp, or why not.
 * The comparison is constant-time; a timestamp more than `toleranceSeconds` from `now` (either
 * way) is refused, so a captured request cannot be replayed.
 */
export function verifyWebhookSignature(
  rawBody: string | Uint8Array,
  header: string | null | undefined,
  secret: string,
  { toleranceSeconds = 300, now = new Date() }: { toleranceSeconds?: number; now?: Date } = {},
): VerifyResult {
  if (!header) return { ok: false, reason: "MALFORMED_HEADER" };
  let timestamp: number | null = null;
  const candidates: string[] = [];
  for (const part of header.split(",")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    const key = part.slice(0, i).trim();
    const value = part.slice(i + 1).trim();
    if (key === "t" && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    // Other schemes (a future v2) are skipped, not refused: a receiver keeps working when one is added.
    else if (key === "v1" && /^[0-9a-f]{64}$/i.test(value)) candidates.push(value.toLowerCase());
  }
  if (timestamp === null || candidates.length === 0) return { ok: false, reason: "MALFORMED_HEADER" };
  const body = typeof rawBody === "string" ? rawBody : Buffer.from(rawBody).toString("utf8");
  const expected = Buffer.from(computeSignature(secret, timestamp, body), "hex");
  // Every candidate is compared (no early exit): the time taken does not say which one matched.
  let matched = false;
  for (const c of candidates) matched = timingSafeEqual(expected, Buffer.from(c, "hex")) || matched;
  if (!matched) return { ok: false, reason: "NO_MATCHING_SIGNATURE" };
  if (Math.abs(Math.floor(now.getTime() / 1000) - timestamp) > toleranceSeconds) return { ok: false, reason: "TIMESTAMP_OUT_OF_TOLERANCE" };
  return { ok: true, timestamp };
}
