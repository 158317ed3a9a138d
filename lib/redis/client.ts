/**
 * The project's one Redis module. Redis is optional: without
 * UPSTASH_REDIS_REST_URL / UPSTASH_REDIS_REST_TOKEN, getRedis() returns null,
 * and withRedis() lets callers degrade gracefully when Redis is absent or down.
 */
import { Redis } from "@upstash/redis";
import { envVar } from "@/lib/env.js";
import { createNodeRequester } from "./node-requester";
import { log } from "@/lib/telemetry/log.mjs";
import { metrics } from "@/lib/telemetry/metrics.mjs";

const logger = log("redis");

export type { Redis };

export type RedisClientOptions = {
  url: string;
  token: string;
  /** Per-request timeout; default REDIS_TIMEOUT_MS (300ms unless set). */
  timeoutMs?: number;
};

export function createRedisClient({ url, token, timeoutMs = envVar("REDIS_TIMEOUT_MS") }: RedisClientOptions): Redis {
  // The library's commands over our node:http transport (./node-requester: fetch was a fifth of
  // the server's CPU on the hold path). No retries: callers have a fallback, so a retry storm
  // only adds latency; a call that passes the deadline rejects.
  return new Redis(createNodeRequester({ url, token, timeoutMs }));
}

let cached: { key: string; client: Redis } | undefined;

// Read at each call, not once (envVar): a test may point the app at a Redis, or at none, mid-run.
export function getRedis(): Redis | null {
  const url = envVar("UPSTASH_REDIS_REST_URL");
  const token = envVar("UPSTASH_REDIS_REST_TOKEN");
  if (!url || !token) return null;
  const timeoutMs = envVar("REDIS_TIMEOUT_MS");
  const key = `${url}\n${token}\n${timeoutMs}`;
  if (cached?.key !== key) cached = { key, client: createRedisClient({ url, token, timeoutMs }) };
  return cached.client;
}

let degraded = false;

/**
 * Runs `fn` with the shared client; if Redis is not configured, unreachable,
 * slow or returns an error, returns `fallback()` instead. Failures are logged
 * once until Redis works again.
 */
export async function withRedis<T>(
  fn: (redis: Redis) => Promise<T>,
  fallback: () => T | Promise<T>,
): Promise<T> {
  const redis = getRedis();
  if (!redis) return fallback();
  let result: T;
  try {
    result = await fn(redis);
  } catch (err) {
    metrics.redisFallbacks.inc();
    if (!degraded) {
      degraded = true;
      logger.warn(`unavailable, using the Postgres fallback: ${describeError(err)}`);
    }
    return fallback();
  }
  if (degraded) logger.info("available again");
  degraded = false;
  return result;
}

const RELEASE_LOCK_SCRIPT = `
if redis.call("get", KEYS[1]) == ARGV[1] then
  return redis.call("del", KEYS[1])
end
return 0
`;

/**
 * Takes `key` for `ttlMs` if nobody holds it. Returns the lock token to pass to
 * releaseLock(), or null if the lock is held. Throws if Redis is not
 * configured or fails; wrap in withRedis() to pick a fallback.
 */
export async function acquireLock(key: string, ttlMs: number, redis = requireRedis()): Promise<string | null> {
  const token = crypto.randomUUID();
  const ok = await redis.set(key, token, { nx: true, px: Math.max(1, Math.ceil(ttlMs)) });
  return ok === "OK" ? token : null;
}

/**
 * Releases `key` only if it is still held with `token` (compare-and-delete),
 * so a lock that expired and was taken by someone else is left alone.
 */
export async function releaseLock(key: string, token: string, redis = requireRedis()): Promise<boolean> {
  const deleted = await redis.eval<[string], number>(RELEASE_LOCK_SCRIPT, [key], [token]);
  return deleted === 1;
}

function requireRedis(): Redis {
  const redis = getRedis();
  if (!redis) throw new Error("Redis is not configured (UPSTASH_REDIS_REST_URL / UPSTASH_REDIS_REST_TOKEN)");
  return redis;
}

// Upstash errors end with ", command was: [...]", which can carry user data.
function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const message = err.message.split(", command was:")[0];
  const code = (err.cause as { code?: unknown } | undefined)?.code;
  return `${err.name}: ${message}${typeof code === "string" ? ` (${code})` : ""}`;
}
