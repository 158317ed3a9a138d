/**
 * Rate limiting: @upstash/ratelimit sliding windows in Redis when it is configured, shared by
 * every app server; an in-process sliding window when it is not, or while it is failing.
 *
 * Redis failure never becomes an outage, and never turns limiting off either. The library's
 * own `timeout` resolves a slow call as *allowed* (`success: true, reason: "timeout"`), which
 * would switch limits off exactly when someone is hammering us, so it is disabled (0) and a
 * deadline of our own rejects instead: errors and timeouts both fall through to the in-process
 * window (per-server counts, so a looser limit, but a limit). After a failure Redis is skipped
 * for `retryRedisAfterMs` so an outage does not add a timeout to every request.
 */
import { createHash } from "node:crypto";
import { Ratelimit } from "@upstash/ratelimit";
import { env } from "../env.js";
import { AppError } from "@/lib/errors";
import { getRedis, type Redis } from "../redis/client";
import { withDeadline } from "../redis/deadline";
import { createMemoryWindow, DEFAULT_MAX_KEYS, type MemoryWindow } from "./memory";
import { durationMs, LIMITS, type PolicyName, type RateLimits } from "./policies";
import { log } from "@/lib/telemetry/log.mjs";
import { metrics } from "@/lib/telemetry/metrics.mjs";

const logger = log("ratelimit");

export const KEY_PREFIX = "marquee:rl:";

export type RateLimitResult = {
  success: boolean;
  limit: number;
  remaining: number;
  /** ms epoch: when a blocked caller may retry, or when the current window ends. */
  reset: number;
  /** Which backend decided: shared Redis, or this process (Redis absent or failing). */
  source: "redis" | "memory";
};

export type RateLimiterOptions = {
  /** Overrides for some policies (tests use short windows); the rest come from LIMITS. */
  limits?: Partial<RateLimits>;
  /** A client, null for in-process only, or a getter called per check. Default: getRedis (env). */
  redis?: Redis | null | (() => Redis | null);
  /** Redis key prefix, default "marquee:rl:"; keys are `<prefix><policy>:<hashed id>:<window>`. */
  prefix?: string;
  /** Deadline for one Redis check before falling back; default REDIS_TIMEOUT_MS. */
  timeoutMs?: number;
  /** How long to stay on the in-process window after a Redis failure; default 5 s. */
  retryRedisAfterMs?: number;
  /** Clock for the in-process window, the retry back-off and Retry-After. */
  now?: () => number;
  /** Most keys kept per policy in memory (fallback window and Upstash's ephemeral cache). */
  maxKeys?: number;
};

/**
 * Per call: `limit` replaces the policy's limit (same window) for this identifier, for limits that
 * differ per caller (an API key's own per-minute limit). It is used as given, not scaled.
 */
export type CheckOptions = { limit?: number };

export type RateLimiter = {
  check(policy: PolicyName, identifier: string, opts?: CheckOptions): Promise<RateLimitResult>;
  /** Like check, but throws AppError RATE_LIMITED (429, Retry-After) when over the limit. */
  enforce(policy: PolicyName, identifier: string, opts?: CheckOptions): Promise<RateLimitResult>;
};

export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const limits: RateLimits = { ...LIMITS, ...options.limits };
  for (const { window } of Object.values(limits)) durationMs(window); // a bad override fails here, not per request
  const prefix = options.prefix ?? KEY_PREFIX;
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
  const timeoutMs = options.timeoutMs ?? env().REDIS_TIMEOUT_MS;
  const retryRedisAfterMs = options.retryRedisAfterMs ?? 5_000;
  const { redis } = options;
  const resolveRedis = typeof redis === "function" ? redis : () => (redis === undefined ? getRedis() : redis);

  // Keyed by policy and, for a per-call limit, that limit: "api" or "apiKey:600".
  const memory = new Map<string, MemoryWindow>();
  let upstash: { redis: Redis; byPolicy: Map<string, Ratelimit> } | undefined;
  let redisSkippedUntil = 0;
  let degraded = false;

  const limitOf = (policy: PolicyName, opts?: CheckOptions) => opts?.limit ?? limits[policy].limit;
  const slot = (policy: PolicyName, opts?: CheckOptions) => (opts?.limit === undefined ? policy : `${policy}:${opts.limit}`);

  function memoryWindow(policy: PolicyName, opts?: CheckOptions): MemoryWindow {
    const name = slot(policy, opts);
    let window = memory.get(name);
    if (!window) {
      window = createMemoryWindow({ limit: limitOf(policy, opts), windowMs: durationMs(limits[policy].window), now, maxKeys });
      memory.set(name, window);
    }
    return window;
  }

  function redisLimiter(client: Redis, policy: PolicyName, opts?: CheckOptions): Ratelimit {
    if (upstash?.redis !== client) upstash = { redis: client, byPolicy: new Map() };
    const name = slot(policy, opts);
    let limiter = upstash.byPolicy.get(name);
    if (!limiter) {
      const { window } = limits[policy];
      const limit = limitOf(policy, opts);
      limiter = new Ratelimit({
        redis: client,
        limiter: Ratelimit.slidingWindow(limit, window),
        prefix: `${prefix}${policy}`,
        // Remembers blocked ids until their reset, sparing Redis a round trip per rejected request.
        ephemeralCache: new BoundedMap<string, number>(maxKeys),
        timeout: 0, // see the module comment: the library's timeout fails open
        analytics: false,
        enableTelemetry: false,
      });
      upstash.byPolicy.set(name, limiter);
    }
    return limiter;
  }

  async function check(policy: PolicyName, identifier: string, opts?: CheckOptions): Promise<RateLimitResult> {
    const perCall = opts?.limit;
    if (perCall !== undefined && (!Number.isInteger(perCall) || perCall < 1)) throw new Error(`Rate limit must be a positive integer, got ${perCall}`);
    // Hashed: emails and IPs stay out of Redis keys and error logs, and keys have a fixed length.
    const key = createHash("sha256").update(identifier).digest("base64url");
    const client = now() >= redisSkippedUntil ? resolveRedis() : null;
    if (client) {
      try {
        const { success, limit, remaining, reset } = await withDeadline(
          redisLimiter(client, policy, opts).limit(key),
          timeoutMs,
        );
        degraded = false;
        return { success, limit, remaining, reset, source: "redis" };
      } catch (err) {
        redisSkippedUntil = now() + retryRedisAfterMs;
        metrics.redisFallbacks.inc();
        if (!degraded) {
          degraded = true;
          logger.warn(`Redis unavailable, limiting in-process: ${describeError(err)}`);
        }
      }
    }
    return { ...memoryWindow(policy, opts).hit(key), source: "memory" };
  }

  async function enforce(policy: PolicyName, identifier: string, opts?: CheckOptions): Promise<RateLimitResult> {
    const result = await check(policy, identifier, opts);
    if (!result.success) throw rateLimitError(result, now());
    return result;
  }

  return { check, enforce };
}

/** The 429 for a rejected check, with Retry-After and X-RateLimit-* headers. */
export function rateLimitError(result: Pick<RateLimitResult, "limit" | "reset">, now = Date.now()): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((result.reset - now) / 1000));
  const unit = retryAfterSeconds === 1 ? "second" : "seconds";
  return new AppError("RATE_LIMITED", `Too many requests, try again in ${retryAfterSeconds} ${unit}`, {
    headers: {
      "Retry-After": String(retryAfterSeconds),
      "X-RateLimit-Limit": String(result.limit),
      "X-RateLimit-Remaining": "0",
    },
    details: { retryAfterSeconds },
  });
}

/** A Map that forgets its oldest entries past `max` (for the library's ephemeral cache). */
export class BoundedMap<K, V> extends Map<K, V> {
  readonly #max: number;

  constructor(max: number) {
    super();
    this.#max = max;
  }

  override set(key: K, value: V): this {
    super.delete(key);
    super.set(key, value);
    for (const oldest of this.keys()) {
      if (this.size <= this.#max) break;
      this.delete(oldest);
    }
    return this;
  }
}

// Upstash errors end with ", command was: [...]", which would repeat the script and keys.
function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err.cause as { code?: unknown } | undefined)?.code;
  return `${err.name}: ${err.message.split(", command was:")[0]}${typeof code === "string" ? ` (${code})` : ""}`;
}
