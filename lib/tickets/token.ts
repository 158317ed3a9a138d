// Signs and verifies e-ticket tokens on the server (format: ./token-format.ts).
import "server-only";
import { createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { ticketKeyId, ticketSigningKey } from "./keys";
import {
  checkTicketTimes,
  encodeTicketSigningInput,
  joinTicketToken,
  parseTicketToken,
  type TicketPayload,
  type TicketTimeOptions,
  type TicketVerifyResult,
} from "./token-format";

/** Hours after a show ends that its tickets still verify (late re-entry, overruns, slow clocks). */
export const TICKET_VALID_HOURS_AFTER_END = 6;

/** What the caller supplies; `v` and `kid` come from the signing key, `iat` defaults to now. */
export type TicketClaims = Omit<TicketPayload, "v" | "kid" | "iat"> & { iat?: number };

const toSeconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** `exp` for a show ending at `endsAt`: the end plus TICKET_VALID_HOURS_AFTER_END. */
export function ticketExpiry(endsAt: Date): number {
  return toSeconds(endsAt) + TICKET_VALID_HOURS_AFTER_END * 3600;
}

/** Signs a ticket with the current key. Throws on an invalid payload (empty ids or seats). */
export function signTicket(claims: TicketClaims): string {
  const key = ticketSigningKey();
  const signingInput = encodeTicketSigningInput({ ...claims, v: 1, kid: key.kid, iat: claims.iat ?? toSeconds(new Date()) });
  return joinTicketToken(signingInput, sign(null, Buffer.from(signingInput, "ascii"), key.privateKey));
}

function resolvePublicKey(given: KeyObject | string | undefined): { key: KeyObject; kid: string } {
  if (given === undefined) {
    const current = ticketSigningKey();
    return { key: current.publicKey, kid: current.kid };
  }
  // createPublicKey also accepts a private key (PEM or KeyObject) and derives its public half.
  const key = typeof given === "string" || given.type === "private" ? createPublicKey(given) : given;
  if (key.asymmetricKeyType !== "ed25519") throw new Error("verifyTicket needs an Ed25519 public key");
  return { key, kid: ticketKeyId(key) };
}

/**
 * Checks a token's signature and validity window; never throws on a bad token. Verifies with this
 * server's current key unless given another public key (KeyObject or SPKI PEM); a token naming a
 * different kid is UNKNOWN_KEY. A public key that cannot be parsed does throw.
 */
export function verifyTicket(token: string, publicKey?: KeyObject | string, options: TicketTimeOptions = {}): TicketVerifyResult {
  const parsed = parseTicketToken(token);
  if (!parsed) return { ok: false, reason: "MALFORMED" };
  const { key, kid } = resolvePublicKey(publicKey);
  if (parsed.payload.kid !== kid) return { ok: false, reason: "UNKNOWN_KEY" };
  let valid: boolean;
  try {
    valid = verify(null, parsed.signingInput, key, parsed.signature);
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: "BAD_SIGNATURE" };
  const late = checkTicketTimes(parsed.payload, options);
  return late ? { ok: false, reason: late } : { ok: true, payload: parsed.payload };
}
