// The e-ticket token a QR code carries (DESIGN invariant 7): which booking, show and seats, signed
// with Ed25519 so a scanner can check it without the database.
//
//   MQT1.<base64url(JSON payload)>.<base64url(64-byte Ed25519 signature over ASCII "MQT1.<payload part>")>
//
// No Node imports: the offline check-in page parses and verifies tokens in the browser with
// WebCrypto; lib/tickets/token.ts signs and verifies on the server with node:crypto.

export const TICKET_TOKEN_PREFIX = "MQT1";

/**
 * Whether a scanned or typed code is a ticket token ("MQT<version>.<payload>.<signature>") rather
 * than a booking reference. A reference is "MQ" and letters and digits, so it can itself start
 * with "MQT" (about one in 31 does); only a token has the version and the dot.
 */
export function looksLikeTicketToken(code: string): boolean {
  return /^MQT\d+\./.test(code);
}

/** Longer than any real ticket (a 10-seat token is ~450 chars); bounds the work done on junk input. */
export const MAX_TICKET_TOKEN_LENGTH = 2048;

/**
 * Scanner clocks drift; a token this many seconds before `nbf` or after `exp` still passes.
 * Small next to the hours of grace `exp` already carries.
 */
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 120;

export type TicketPayload = {
  v: 1;
  /** Id of the public key that verifies the signature (see ticketPublicKey()). */
  kid: string;
  /** Booking id. */
  bid: string;
  /** Booking reference, printed on the ticket. */
  ref: string;
  /** Show id. */
  sid: string;
  /** Seat labels, e.g. ["F11", "F12"]. */
  seats: string[];
  /** Issued at, seconds since the epoch. */
  iat: number;
  /** Not valid before / not valid after, seconds since the epoch. */
  nbf?: number;
  exp?: number;
};

export type TicketVerifyFailure = "MALFORMED" | "BAD_SIGNATURE" | "UNKNOWN_KEY" | "EXPIRED" | "NOT_YET_VALID";

export type TicketVerifyResult = { ok: true; payload: TicketPayload } | { ok: false; reason: TicketVerifyFailure };

/** Ed25519 public key as a JWK (RFC 8037), with the kid tokens name it by. */
export type TicketPublicJwk = { kty: "OKP"; crv: "Ed25519"; x: string; kid: string; alg?: "EdDSA"; use?: "sig" };

export type TicketTimeOptions = {
  /** Defaults to the current time. */
  now?: Date | number;
  /** Defaults to DEFAULT_CLOCK_TOLERANCE_SECONDS. */
  clockToleranceSeconds?: number;
};

export type ParsedTicketToken = {
  payload: TicketPayload;
  /** The bytes the signature covers: ASCII "MQT1.<payload part>". */
  signingInput: Uint8Array<ArrayBuffer>;
  signature: Uint8Array<ArrayBuffer>;
};

const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function base64urlEncode(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Decodes unpadded base64url; null unless the text is its canonical encoding (one token, one spelling). */
export function base64urlDecode(text: string): Uint8Array<ArrayBuffer> | null {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return null;
  let binary: string;
  try {
    binary = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4));
  } catch {
    return null;
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return base64urlEncode(bytes) === text ? bytes : null;
}

const isNonEmptyString = (x: unknown): x is string => typeof x === "string" && x.length > 0;
const isSeconds = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;

/** The payload with its keys in a fixed order and nothing else: what gets signed. */
function canonicalPayload(p: TicketPayload): TicketPayload {
  return {
    v: 1,
    kid: p.kid,
    bid: p.bid,
    ref: p.ref,
    sid: p.sid,
    seats: [...p.seats],
    iat: p.iat,
    ...(p.nbf === undefined ? {} : { nbf: p.nbf }),
    ...(p.exp === undefined ? {} : { exp: p.exp }),
  };
}

/** Checks a decoded JSON value is a well-formed payload; returns it canonicalised, or null. */
export function toTicketPayload(value: unknown): TicketPayload | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const p = value as Record<string, unknown>;
  const ok =
    p.v === 1 &&
    isNonEmptyString(p.kid) &&
    isNonEmptyString(p.bid) &&
    isNonEmptyString(p.ref) &&
    isNonEmptyString(p.sid) &&
    Array.isArray(p.seats) &&
    p.seats.length > 0 &&
    p.seats.every(isNonEmptyString) &&
    isSeconds(p.iat) &&
    (p.nbf === undefined || isSeconds(p.nbf)) &&
    (p.exp === undefined || isSeconds(p.exp));
  return ok ? canonicalPayload(p as TicketPayload) : null;
}

/** "MQT1.<payload part>": the signing input, and the token minus its signature. Throws on an invalid payload. */
export function encodeTicketSigningInput(payload: TicketPayload): string {
  const p = toTicketPayload(payload);
  if (!p) throw new TypeError("invalid ticket payload");
  return `${TICKET_TOKEN_PREFIX}.${base64urlEncode(new TextEncoder().encode(JSON.stringify(p)))}`;
}

export function joinTicketToken(signingInput: string, signature: Uint8Array): string {
  return `${signingInput}.${base64urlEncode(signature)}`;
}

/** Splits and parses a token without checking its signature; null for anything malformed. Never throws. */
export function parseTicketToken(token: unknown): ParsedTicketToken | null {
  if (typeof token !== "string") return null;
  // Scanners in keyboard-wedge mode often append a newline.
  const text = token.trim();
  if (text.length > MAX_TICKET_TOKEN_LENGTH) return null;
  const parts = text.split(".");
  if (parts.length !== 3) return null;
  const [prefix, body, sig] = parts as [string, string, string];
  if (prefix !== TICKET_TOKEN_PREFIX || body === "") return null;
  const json = base64urlDecode(body);
  const signature = base64urlDecode(sig);
  if (!json || !signature || signature.length !== 64) return null;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(json));
  } catch {
    return null;
  }
  const payload = toTicketPayload(value);
  if (!payload) return null;
  return { payload, signingInput: new TextEncoder().encode(`${prefix}.${body}`), signature };
}

/** EXPIRED / NOT_YET_VALID for a payload whose signature has already been checked, else null. */
export function checkTicketTimes(payload: TicketPayload, options: TicketTimeOptions = {}): "EXPIRED" | "NOT_YET_VALID" | null {
  const nowMs = options.now === undefined ? Date.now() : typeof options.now === "number" ? options.now : options.now.getTime();
  const now = Math.floor(nowMs / 1000);
  const tolerance = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  if (payload.exp !== undefined && now > payload.exp + tolerance) return "EXPIRED";
  if (payload.nbf !== undefined && now < payload.nbf - tolerance) return "NOT_YET_VALID";
  return null;
}

/**
 * Verifies a token with WebCrypto (browsers; Node ≥ 20) against one public key, e.g. the `jwk` of
 * ticketPublicKey() fetched while online. Never throws on a bad token; does throw when the key
 * cannot be imported (a bad JWK, or a browser without Ed25519 in WebCrypto), since that is not the
 * ticket's fault and must not turn valid tickets away as forged.
 */
export async function verifyTicketWithWebCrypto(token: string, jwk: TicketPublicJwk, options: TicketTimeOptions = {}): Promise<TicketVerifyResult> {
  const parsed = parseTicketToken(token);
  if (!parsed) return { ok: false, reason: "MALFORMED" };
  if (parsed.payload.kid !== jwk.kid) return { ok: false, reason: "UNKNOWN_KEY" };
  // Only the key material: implementations differ on which optional JWK members they accept.
  const key = await crypto.subtle.importKey("jwk", { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, { name: "Ed25519" }, false, ["verify"]);
  let valid: boolean;
  try {
    valid = await crypto.subtle.verify({ name: "Ed25519" }, key, parsed.signature, parsed.signingInput);
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: "BAD_SIGNATURE" };
  const late = checkTicketTimes(parsed.payload, options);
  return late ? { ok: false, reason: late } : { ok: true, payload: parsed.payload };
}
