/**
 * Rate limits for route handlers and server actions:
 *
 *   await enforceRateLimit("signIn", `${clientIp(req.headers)}:${email}`); // throws 429 AppError
 *
 * Policies and their numbers live in LIMITS (./policies). Callers pass normalized identifiers
 * (lower-cased email, user id); they are hashed before they reach Redis or memory.
 */
import { createRateLimiter, type CheckOptions, type RateLimiter, type RateLimiterOptions, type RateLimitResult } from "./limiter";
import { LIMITS, type PolicyName, type RateLimits } from "./policies";
import { env } from "@/lib/env.js";

export { clientIp } from "./client-ip";
export { createRateLimiter, KEY_PREFIX, rateLimitError } from "./limiter";
export type { CheckOptions, RateLimiter, RateLimiterOptions, RateLimitResult } from "./limiter";
export { durationMs, LIMITS } from "./policies";
export type { Duration, PolicyName, RateLimitPolicy, RateLimits } from "./policies";

let current: RateLimiter | undefined;

/** LIMITS scaled by RATE_LIMIT_MULTIPLIER (e.g. for an end-to-end suite that signs up many users from one IP). */
function configuredLimits(): RateLimits {
  const k = env().RATE_LIMIT_MULTIPLIER;
  return Object.fromEntries(Object.entries(LIMITS).map(([name, p]) => [name, { ...p, limit: p.limit * k }])) as unknown as RateLimits;
}

function limiter(): RateLimiter {
  current ??= createRateLimiter({ limits: configuredLimits() });
  return current;
}

/** Counts one request for `identifier` under `policy` and says whether it may proceed. */
export function checkRateLimit(policy: PolicyName, identifier: string, opts?: CheckOptions): Promise<RateLimitResult> {
  return limiter().check(policy, identifier, opts);
}

/** Counts one request; throws AppError RATE_LIMITED (429 with Retry-After) when over the limit. */
export function enforceRateLimit(policy: PolicyName, identifier: string, opts?: CheckOptions): Promise<RateLimitResult> {
  return limiter().enforce(policy, identifier, opts);
}

/**
 * Replaces the process-wide limiter, e.g. in tests: `configureRateLimiter({ limits: { signIn:
 * { limit: 2, window: "1 s" } }, redis: null })`. Without options it goes back to the default
 * (LIMITS, Redis from the environment) with fresh in-process counts.
 */
export function configureRateLimiter(options?: RateLimiterOptions): void {
  current = options ? createRateLimiter(options) : undefined;
}
