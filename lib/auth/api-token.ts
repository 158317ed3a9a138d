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

export type ApiTokenClaims = { userId: string; version: number };

/**
 * A short-lived signed bearer token for API clients (mobile and partner apps). `version` is the
 * user's token_version: the token stops working when sign-out or a password reset moves it on.
 */
export async function issueApiToken(userId: string, version = 0): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + API_TOKEN_TTL_SECONDS * 1000);
  const token = await new SignJWT({ ver: version })
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
// fixed for the life of the process: authSecret() reads it once.) Only the signature is remembered:
// whether the token was revoked is the caller's check against the user's current token_version.
const VERIFIED_MAX = 10_000;
const verified = new Map<string, ApiTokenClaims & { exp: number }>();

/** The user id and token version a valid token names, or null for anything expired, forged or malformed. */
export async function verifyApiToken(token: string): Promise<ApiTokenClaims | null> {
  const hit = verified.get(token);
  if (hit) {
    if (hit.exp * 1000 > Date.now()) return { userId: hit.userId, version: hit.version };
    verified.delete(token);
  }
  try {
    const { payload } = await jwtVerify(token, await key(), { issuer: ISSUER, audience: AUDIENCE, algorithms: ["HS256"] });
    if (typeof payload.sub !== "string") return null;
    // Tokens from before versions existed are version 0, like every account's first.
    const claims = { userId: payload.sub, version: typeof payload.ver === "number" ? payload.ver : 0 };
    if (typeof payload.exp === "number") {
      if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
      verified.set(token, { ...claims, exp: payload.exp });
    }
    return claims;
  } catch {
    return null;
  }
}
