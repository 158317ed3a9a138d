import "server-only";
import { jwtVerify, SignJWT } from "jose";
import { authSecret } from "./secret";

const ISSUER = "marquee";
const AUDIENCE = "marquee-api";
export const API_TOKEN_TTL_SECONDS = 60 * 60;

const key = () => new TextEncoder().encode(`api:${authSecret()}`);

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
    .sign(key());
  return { token, expiresAt };
}

/** The user id a valid token names, or null for anything expired, forged or malformed. */
export async function verifyApiToken(token: string): Promise<string | null> {
  try {
    const { payload } = await jwtVerify(token, key(), { issuer: ISSUER, audience: AUDIENCE, algorithms: ["HS256"] });
    return typeof payload.sub === "string" ? payload.sub : null;
  } catch {
    return null;
  }
}
