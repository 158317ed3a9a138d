import "server-only";
import { jwtVerify, SignJWT } from "jose";
import { authSecret } from "./secret";

const ISSUER = "marquee";
const AUDIENCE = "marquee-api";
export const API_TOKEN_TTL_SECONDS = 60 * 60;

// One imported HMAC key for the life of the process (the secret is read once): handed raw bytes,
// jose imports a WebCrypto key on every sign and verify.
let hmacKey: Promise<CryptoKey> | undefined;
const key = () =>
  (hmacKey ??= crypto.subtle.importKey("raw", new TextEncoder().encode(`api:${authSecret()}`), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]));

/** A short-lived signed bearer token for API clients (mobile and partner apps). */
export async function issueApiToken(userId: string): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + API_TOKEN_TTL_SECONDS * 1000);
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(await key());
  return { token, expiresAt };
}

// A client sends the same token with every call; checking its signature each time (WebCrypto
// HMAC) was a visible share of a hold request's CPU. A token that verified is remembered by its
// exact text until it expires (or is evicted); anything that did not verify is checked in full
// every time. Keyed by the whole token, so a changed byte is a different entry. (The secret is
// fixed for the life of the process: authSecret() reads it once.)
const VERIFIED_MAX = 10_000;
const verified = new Map<string, { sub: string; exp: number }>();

/** The user id a valid token names, or null for anything expired, forged or malformed. */
export async function verifyApiToken(token: string): Promise<string | null> {
  const hit = verified.get(token);
  if (hit) {
    if (hit.exp * 1000 > Date.now()) return hit.sub;
    verified.delete(token);
  }
  try {
    const { payload } = await jwtVerify(token, await key(), { issuer: ISSUER, audience: AUDIENCE, algorithms: ["HS256"] });
    if (typeof payload.sub !== "string") return null;
    if (typeof payload.exp === "number") {
      if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
      verified.set(token, { sub: payload.sub, exp: payload.exp });
    }
    return payload.sub;
  } catch {
    return null;
  }
}
