/**
 * CSRF protection for cookie-authenticated route handlers. A browser attaches the session cookie
 * to cross-site requests too, but it always says where they come from: `Origin` on every
 * cross-origin (and same-origin non-GET) request, `Referer` as the older fallback. Server
 * actions have Next.js' own origin check; route handlers call assertSameOrigin.
 */
import { env } from "../env.js";
import { AppError } from "@/lib/errors";

// Everything else (POST, PUT, PATCH, DELETE and any custom method) may change state.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

export type OriginOptions = {
  /** The app's public URL; default APP_URL. Requests from it are accepted besides the request's own origin. */
  appUrl?: string;
};

/**
 * Refuses (403 FORBIDDEN) a state-changing request that would be authenticated by cookie unless
 * its Origin, or without one its Referer, is this app. Requests with `Authorization: Bearer …`
 * are exempt: a cross-site page cannot attach that header. The handler must then authenticate
 * them by the token alone, never fall back to the cookie, or the exemption becomes a bypass.
 */
export function assertSameOrigin(req: Request, options: OriginOptions = {}): void {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return;
  if (hasBearerToken(req.headers)) return;
  if (!isSameOrigin(req, options)) throw new AppError("FORBIDDEN", "Cross-site request refused");
}

/**
 * True when the request names its source (Origin, else Referer) and that source is the request's
 * own origin (Host or X-Forwarded-Host, with X-Forwarded-Proto or the URL's scheme) or APP_URL.
 */
export function isSameOrigin(req: Request, options: OriginOptions = {}): boolean {
  const source = sourceOrigin(req.headers);
  if (!source) return false;
  return source === requestOrigin(req) || source === toOrigin(options.appUrl ?? env().APP_URL);
}

/** The origin the request was addressed to, as the client saw it (through a proxy, if any). */
export function requestOrigin(req: Request): string | null {
  const url = new URL(req.url);
  const host = firstValue(req.headers.get("x-forwarded-host")) ?? req.headers.get("host") ?? url.host;
  const proto = firstValue(req.headers.get("x-forwarded-proto")) ?? url.protocol.replace(/:$/, "");
  return toOrigin(`${proto}://${host}`);
}

/** A well-formed `Authorization: Bearer <token>`, the only form requestUser() accepts instead of the cookie. */
export function hasBearerToken(headers: Headers): boolean {
  return /^Bearer\s+\S+$/i.test(headers.get("authorization") ?? "");
}

function sourceOrigin(headers: Headers): string | null {
  const origin = headers.get("origin");
  // "null" comes from sandboxed frames, file: pages and cross-site redirects: never trusted.
  if (origin !== null) return toOrigin(origin);
  const referer = headers.get("referer");
  return referer ? toOrigin(referer) : null;
}

function toOrigin(value: string): string | null {
  try {
    const { origin } = new URL(value);
    return origin === "null" ? null : origin;
  } catch {
    return null;
  }
}

function firstValue(header: string | null): string | null {
  const first = header?.split(",")[0]?.trim();
  return first ? first : null;
}
