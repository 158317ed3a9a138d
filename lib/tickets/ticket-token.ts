import "server-only";
import { sign, verify } from "node:crypto";
import { base64url, encodePayload, parseTicket, type TicketPayload, type VerifyResult } from "./ticket-format";
import { ticketKeys } from "./signing-key";

/** Hours after the show starts that its tickets still verify (late arrivals, long shows). */
const VALID_AFTER_START_HOURS = 12;

export function signTicket(t: { bookingId: string; reference: string; showId: string; seats: string[]; showStartsAt: Date }, now = new Date()): string {
  const k = ticketKeys();
  const payload: TicketPayload = {
    v: 1,
    kid: k.kid,
    bid: t.bookingId,
    ref: t.reference,
    sid: t.showId,
    seats: t.seats,
    iat: Math.floor(now.getTime() / 1000),
    exp: Math.floor(t.showStartsAt.getTime() / 1000) + VALID_AFTER_START_HOURS * 3600,
  };
  const signed = encodePayload(payload);
  return `${signed}.${base64url(sign(null, Buffer.from(signed), k.privateKey))}`;
}

/** Checks a token's signature (with this server's key) and expiry; never throws on bad input. */
export function verifyTicket(token: string, now = Date.now()): VerifyResult {
  const parsed = parseTicket(token);
  if (!parsed) return { ok: false, reason: "MALFORMED" };
  const k = ticketKeys();
  if (parsed.payload.kid !== k.kid) return { ok: false, reason: "UNKNOWN_KEY" };
  if (!verify(null, parsed.signed, k.publicKey, parsed.signature)) return { ok: false, reason: "BAD_SIGNATURE" };
  if (parsed.payload.exp * 1000 < now) return { ok: false, reason: "EXPIRED" };
  return { ok: true, payload: parsed.payload };
}
