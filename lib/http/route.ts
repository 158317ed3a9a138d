import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import type { Role, User } from "@/lib/auth/accounts";
import { requireRole } from "@/lib/auth/authorize";
import { keyActor, requireKeyOwns, type ApiKeyPrincipal } from "@/lib/auth/api-keys";
import { bearerToken, hasSessionCookie, requestUser, sendsApiKey, type RequestCaller } from "@/lib/auth/current-user";
import { clientIp, enforceRateLimit, type PolicyName, type RateLimitResult } from "@/lib/ratelimit";
import type { ApiScope } from "@/lib/auth/scopes";
import { assertSameOrigin } from "./origin";
import { AppError, toAppError } from "@/lib/errors";
import { httpStatus, type ErrorBody } from "./errors";
import { parseInput, searchParamsToObject } from "./validation";

const MAX_JSON_BYTES = 64 * 1024;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

type Spec = {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** "required": 401 without a valid token or session; "optional": user may be null. */
  auth?: "required" | "optional";
  /** Roles allowed (implies auth "required"); others get 403. */
  roles?: readonly Role[];
  /** Rate-limit policy per user (or IP when anonymous); "api" unless said otherwise. */
  rateLimit?: PolicyName | false;
  /** The partner API key scope that may call this route; none: API keys are refused (403). */
  scope?: ApiScope;
};
/**
 * Tests install this (lib/testing/setup-db.ts) to hold every answer against the OpenAPI document;
 * nothing sets it in production, where it costs one property read per request.
 */
type ResponseHook = (spec: unknown, req: NextRequest, res: Response) => Promise<void> | void;
declare global {
  var __marqueeOnResponse: ResponseHook | undefined;
}

type Out<S, K extends keyof Spec> = S extends Record<K, infer T> ? (T extends z.ZodType ? z.output<T> : undefined) : undefined;
type UserOf<S> = S extends { auth: "required" } ? User : S extends { roles: readonly Role[] } ? User : User | null;

export type RouteCtx<S extends Spec> = {
  req: NextRequest;
  params: Out<S, "params">;
  query: Out<S, "query">;
  body: Out<S, "body">;
  user: UserOf<S>;
  /** The partner API key the call came with (then `user` is whom it acts as), else null. */
  apiKey: ApiKeyPrincipal | null;
};

export function errorResponse(err: unknown): NextResponse<ErrorBody> {
  const e = toAppError(err);
  return NextResponse.json(
    { error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } },
    { status: httpStatus(e.code), headers: e.headers },
  );
}

async function readJson(req: NextRequest): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.includes("application/json")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send a JSON body with Content-Type: application/json");
  }
  const text = await req.text();
  if (text.length > MAX_JSON_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "Request body is too large");
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    throw new AppError("INVALID_JSON", "Request body is not valid JSON");
  }
}

/**
 * A partner key's call: counted against the key's own per-minute limit (before anything else, so
 * refused calls count too), allowed only on a route whose scope the key has (a route with no scope
 * is for people, never keys), and turned into the user it acts as (see keyActor).
 */
async function keyCaller(apiKey: ApiKeyPrincipal, spec: Spec, req: NextRequest, needsUser: boolean): Promise<{ user: User | null; budget: RateLimitResult }> {
  const budget = await enforceRateLimit("apiKey", `key:${apiKey.id}`, { limit: apiKey.rateLimitPerMinute });
  if (!spec.scope) throw new AppError("FORBIDDEN", "API keys cannot call this endpoint: it is for people signing in themselves.");
  if (!apiKey.scopes.includes(spec.scope)) {
    throw new AppError("INSUFFICIENT_SCOPE", `This API key lacks the ${spec.scope} scope this endpoint needs.`, { details: { requiredScope: spec.scope, keyScopes: apiKey.scopes } });
  }
  return { user: await keyActor(apiKey, spec.scope, req, needsUser), budget };
}

/**
 * The one wrapper for route handlers: authenticates (Bearer token, partner API key or session cookie),
 * authorises by role, validates path params, query and JSON body with zod, runs the handler,
 * and turns every failure into `{error:{code,message,details}}` with a 4xx (or a logged,
 * opaque 500). A handler returns data (sent as JSON) or its own Response.
 */
export function route<S extends Spec>(
  spec: S,
  handler: (ctx: RouteCtx<S>) => Promise<unknown>,
  opts: { status?: number; headers?: Record<string, string> } = {},
) {
  return async (req: NextRequest, context: { params: Promise<Record<string, string | string[]>> }) => {
    const res = await answer(req, context);
    // Outside the try: a drift the hook finds fails the test that made the call.
    if (globalThis.__marqueeOnResponse) await globalThis.__marqueeOnResponse(spec, req, res.clone());
    return res;
  };

  async function answer(req: NextRequest, context: { params: Promise<Record<string, string | string[]>> }): Promise<Response> {
    try {
      // A browser request riding on the session cookie must come from our own pages.
      if (!SAFE_METHODS.has(req.method) && !bearerToken(req) && hasSessionCookie(req)) assertSameOrigin(req);
      const needsUser = spec.auth === "required" || Boolean(spec.roles);
      // Identify the caller whenever there are credentials, so rate limits count per user; a
      // public, unlimited route (a cached poll) skips it: it answers everyone the same.
      // A partner key is always checked, though: every call it makes counts against its limit.
      const anonymous = !needsUser && spec.auth === undefined && spec.rateLimit === false && !sendsApiKey(req);
      const caller: RequestCaller = anonymous ? { user: null, via: null, badToken: false } : await requestUser(req);
      if (caller.badToken) {
        throw new AppError("UNAUTHORIZED", sendsApiKey(req)
          ? "The API key is not valid, or it has expired or was revoked."
          : "The Authorization header is not a valid Bearer token, or the token has expired or was revoked. Sign in again.");
      }
      const apiKey = caller.apiKey ?? null;
      let user = caller.user;
      let keyBudget: RateLimitResult | null = null;
      if (apiKey) ({ user, budget: keyBudget } = await keyCaller(apiKey, spec, req, needsUser));
      if (needsUser && !user) throw new AppError("UNAUTHORIZED", "Sign in to continue.");
      if (spec.roles && user) requireRole(user, spec.roles);
      const policy = spec.rateLimit ?? "api";
      // A key's own limit stands in for the general "api" one; a route's own policy (holds,
      // payments) still counts per acting user, as if that user called.
      if (policy && !(apiKey && policy === "api")) await enforceRateLimit(policy, user ? `user:${user.id}` : apiKey ? `key:${apiKey.id}` : `ip:${clientIp(req.headers)}`);

      const rawParams = context?.params ? await context.params : {};
      const params = spec.params ? parseInput(spec.params, rawParams, "path") : undefined;
      const query = spec.query ? parseInput(spec.query, searchParamsToObject(req.nextUrl.searchParams), "query") : undefined;
      const body = spec.body ? parseInput(spec.body, await readJson(req), "body") : undefined;
      // A partner booking for a customer reaches only the bookings (and payments) its key made.
      if (apiKey && spec.scope === "bookings:write") {
        await requireKeyOwns(apiKey, params);
        await requireKeyOwns(apiKey, body);
      }
      const result = await handler({ req, params, query, body, user, apiKey } as RouteCtx<S>);
      const res = result instanceof Response ? result : NextResponse.json(result, { status: opts.status ?? 200, headers: opts.headers });
      // An answer to a signed-in caller is theirs: no browser, proxy or CDN may keep a copy.
      if (user && !res.headers.has("cache-control")) res.headers.set("Cache-Control", "no-store");
      // A partner can pace itself by its key's budget instead of finding the limit by its 429s.
      if (keyBudget) {
        res.headers.set("X-RateLimit-Limit", String(keyBudget.limit));
        res.headers.set("X-RateLimit-Remaining", String(Math.max(0, keyBudget.remaining)));
      }
      return res;
    } catch (err) {
      return errorResponse(err);
    }
  }
}
