import "server-only";
import { cache } from "react";
import { getUserById, type User } from "./accounts";
import { looksLikeApiKey } from "./api-key-format";
import { verifyApiKey, type ApiKeyPrincipal } from "./api-keys";
import { verifyApiToken } from "./api-token";
import { auth } from "./index";
import { setRequestUser } from "@/lib/telemetry/context.mjs";

const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token(?:\.\d+)?=/;

/** The token of a well-formed `Authorization: Bearer <token>` header, else null. */
export function bearerToken(req: Request): string | null {
  const header = req.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

export const hasSessionCookie = (req: Request) => SESSION_COOKIE.test(req.headers.get("cookie") ?? "");

/**
 * The signed-in user of a page render (session cookie), loaded fresh once per request. A session
 * issued before the user's last sign-out or password reset (an older token version) is no session.
 */
export const sessionUser = cache(async (): Promise<User | null> => {
  const session = await auth();
  const id = session?.user?.id;
  const user = id ? await getUserById(id) : undefined;
  const current = user && user.tokenVersion === (session!.user.tokenVersion ?? 0) ? user : null;
  // The access log names who the request was from.
  if (current) setRequestUser(current.id);
  return current;
});

/** Whether the request presents a partner API key (`Bearer mqk_…`), good or not. */
export function sendsApiKey(req: Request): boolean {
  const token = bearerToken(req);
  return token !== null && looksLikeApiKey(token);
}

export type RequestCaller = { user: User | null; via: "token" | "session" | "key" | null; badToken: boolean; apiKey?: ApiKeyPrincipal };

/**
 * The caller of a route handler: a Bearer token (API clients), a partner API key (`Bearer
 * mqk_…`: `apiKey`, and no user yet: whom it acts as depends on the route, see
 * lib/auth/api-keys.ts `keyActor`) or the Auth.js session cookie (the browser). Once an
 * Authorization header is sent it is the only credential looked at: a malformed one, or an
 * invalid, expired or revoked token or key, is a 401 (`badToken`), never a quiet fall back to the
 * cookie (which would skip the cookie's origin check).
 */
export async function requestUser(req: Request): Promise<RequestCaller> {
  if (req.headers.has("authorization")) {
    const token = bearerToken(req);
    if (token && looksLikeApiKey(token)) {
      const apiKey = await verifyApiKey(token);
      return apiKey ? { user: null, via: "key", badToken: false, apiKey } : { user: null, via: null, badToken: true };
    }
    const claims = token ? await verifyApiToken(token) : null;
    const user = claims ? await tokenUser(claims.userId) : undefined;
    // A token issued before the user's last sign-out or password reset is revoked.
    const current = user && user.tokenVersion === claims!.version ? user : null;
    if (current) setRequestUser(current.id);
    return { user: current, via: current ? "token" : null, badToken: !current };
  }
  if (hasSessionCookie(req)) {
    const user = await sessionUser();
    return { user, via: user ? "session" : null, badToken: false };
  }
  return { user: null, via: null, badToken: false };
}

// API clients send a token with every request; their user row is kept for a moment so a burst
// of calls does not read it each time. A role change, deletion or revocation (sign-out, password
// reset) takes effect within this.
const TOKEN_USER_TTL_MS = 2_000;
const tokenUsers = new Map<string, { at: number; user: Promise<User | undefined> }>();

function tokenUser(id: string): Promise<User | undefined> {
  const now = Date.now();
  const hit = tokenUsers.get(id);
  if (hit && now - hit.at < TOKEN_USER_TTL_MS) return hit.user;
  const user = getUserById(id);
  user.catch(() => tokenUsers.delete(id));
  if (tokenUsers.size >= 10_000) tokenUsers.delete(tokenUsers.keys().next().value!);
  tokenUsers.set(id, { at: now, user });
  return user;
}
