// The e-ticket token carried by the QR code (invariant 7): who may enter which show in which
// seats, signed with Ed25519 so a scanner can check it without the database. No Node imports:
// the offline check-in page verifies tokens in the browser with WebCrypto.
//
//   MQT1.<base64url(JSON payload)>.<base64url(Ed25519 signature over "MQT1.<payload part>")>

export const TOKEN_PREFIX = "MQT1";

export type TicketPayload = {
  v: 1;
  /** Key id: which public key verifies this token. */
  kid: string;
  /** Booking id, reference, show id, seat labels. */
  bid: string;
  ref: string;
  sid: string;
  seats: string[];
  /** Issued at, and not valid after (seconds since the epoch). */
  iat: number;
  exp: number;
};

export type VerifyFailure = "MALFORMED" | "BAD_SIGNATURE" | "UNKNOWN_KEY" | "EXPIRED";
export type VerifyResult = { ok: true; payload: TicketPayload } | { ok: false; reason: VerifyFailure };

export function base64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** Splits and parses a token without checking its signature; null for anything malformed. */
export function parseTicket(token: string): { payload: TicketPayload; signed: Uint8Array; signature: Uint8Array } | null {
  if (typeof token !== "string" || token.length > 2048) return null;
  const parts = token.trim().split(".");
  if (parts.length !== 3 || parts[0] !== TOKEN_PREFIX) return null;
  const json = fromBase64url(parts[1]!);
  const signature = fromBase64url(parts[2]!);
  if (!json || !signature || signature.length !== 64) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder().decode(json));
  } catch {
    return null;
  }
  const p = payload as Partial<TicketPayload>;
  const valid =
    p && p.v === 1 && typeof p.kid === "string" && typeof p.bid === "string" && typeof p.ref === "string" && typeof p.sid === "string" &&
    Array.isArray(p.seats) && p.seats.every((s) => typeof s === "string") && Number.isInteger(p.iat) && Number.isInteger(p.exp);
  if (!valid) return null;
  return { payload: p as TicketPayload, signed: new TextEncoder().encode(`${parts[0]}.${parts[1]}`), signature };
}

export function encodePayload(payload: TicketPayload): string {
  return `${TOKEN_PREFIX}.${base64url(new TextEncoder().encode(JSON.stringify(payload)))}`;
}

/** Verifies with WebCrypto (browsers, and Node ≥ 20) against public keys by kid (JWK, OKP/Ed25519). */
export async function verifyTicketWithWebCrypto(token: string, keys: Record<string, JsonWebKey>, now = Date.now()): Promise<VerifyResult> {
  const parsed = parseTicket(token);
  if (!parsed) return { ok: false, reason: "MALFORMED" };
  const jwk = keys[parsed.payload.kid];
  if (!jwk) return { ok: false, reason: "UNKNOWN_KEY" };
  let valid = false;
  try {
    const key = await crypto.subtle.importKey("jwk", jwk, { name: "Ed25519" }, false, ["verify"]);
    valid = await crypto.subtle.verify({ name: "Ed25519" }, key, parsed.signature as BufferSource, parsed.signed as BufferSource);
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: "BAD_SIGNATURE" };
  if (parsed.payload.exp * 1000 < now) return { ok: false, reason: "EXPIRED" };
  return { ok: true, payload: parsed.payload };
}
