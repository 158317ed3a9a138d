/**
 * The in-process window and the fallback paths run everywhere. The Redis part drives
 * @upstash/ratelimit through our Upstash bridge against the real redis-server (REDIS_URL,
 * default redis://127.0.0.1:6379): with REDIS_URL set (CI) it fails when Redis is unreachable;
 * without it, it is skipped on machines where nothing answers at 127.0.0.1:6379.
 */
import { httpStatus } from "@/lib/http/errors";
import { haveTestRedis, TEST_REDIS_URL } from "@/lib/testing/redis";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "@upstash/redis";
import { Redis as IORedis } from "ioredis";
import { captureLogs } from "@/lib/testing/logs";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "../env.js";
import { AppError } from "@/lib/errors";
import { createUpstashBridge, type UpstashBridge } from "../devtools/upstash-bridge/bridge";
import {
  checkRateLimit,
  clientIp,
  configureRateLimiter,
  createRateLimiter,
  enforceRateLimit,
  KEY_PREFIX,
  LIMITS,
  type RateLimiter,
} from "./index";
import { BoundedMap } from "./limiter";
import { createMemoryWindow } from "./memory";
import { durationMs } from "./policies";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A clock the test moves by hand, starting on a minute (so on every window boundary used here). */
function manualClock(start = 1_700_000_040_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** Windows are fixed slots underneath: start a real-time burst where it cannot straddle a boundary. */
async function freshWindow(windowMs: number, needMs: number) {
  const into = Date.now() % windowMs;
  if (into < 5 || windowMs - into < needMs) await sleep(windowMs - into + 10);
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  configureRateLimiter();
});

describe("policies", () => {
  it("parses every window and keeps the numbers in one place", () => {
    expect(durationMs("60 s")).toBe(60_000);
    expect(durationMs("10 m")).toBe(600_000);
    expect(durationMs("500ms")).toBe(500);
    expect(() => durationMs("soon" as "1 s")).toThrow(/Invalid rate-limit window/);
    for (const policy of Object.values(LIMITS)) expect(durationMs(policy.window)).toBeGreaterThan(0);
    expect(LIMITS.signIn).toEqual({ limit: 5, window: "60 s" });
    expect(() => createRateLimiter({ redis: null, limits: { api: { limit: 1, window: "1 fortnight" as "1 s" } } })).toThrow(
      /Invalid rate-limit window/,
    );
  });
});

describe("in-process sliding window", () => {
  it("allows the limit, then blocks until the window has slid past", () => {
    const clock = manualClock();
    const window = createMemoryWindow({ limit: 3, windowMs: 1000, now: clock.now });
    expect([1, 2, 3].map(() => window.hit("a"))).toEqual([
      { success: true, limit: 3, remaining: 2, reset: clock.now() + 1000 },
      { success: true, limit: 3, remaining: 1, reset: clock.now() + 1000 },
      { success: true, limit: 3, remaining: 0, reset: clock.now() + 1000 },
    ]);
    const blocked = window.hit("a");
    expect(blocked).toMatchObject({ success: false, remaining: 0 });
    // All three hits are in the current window: the next one passes just after it ends.
    expect(blocked.reset).toBe(clock.now() + 1001);

    clock.advance(1000); // the previous window still counts fully at its boundary
    expect(window.hit("a").success).toBe(false);
    clock.advance(1);
    expect(window.hit("a")).toMatchObject({ success: true, remaining: 0 });
  });

  it("weights the previous window by its overlap, and says when a request will pass", () => {
    const clock = manualClock();
    const window = createMemoryWindow({ limit: 4, windowMs: 1000, now: clock.now });
    for (let i = 0; i < 4; i++) expect(window.hit("a").success).toBe(true);
    clock.advance(1500); // halfway into the next window: 4 * 0.5 = 2 still count
    expect(window.hit("a")).toMatchObject({ success: true, remaining: 1 });
    expect(window.hit("a")).toMatchObject({ success: true, remaining: 0 });
    const blocked = window.hit("a");
    expect(blocked.success).toBe(false);
    // floor((1 - p) * 4) + 2 < 4 once p > 0.5.
    expect(blocked.reset).toBe(clock.now() + 1);
    clock.advance(1);
    expect(window.hit("a").success).toBe(true);
  });

  it("counts identifiers independently", () => {
    const clock = manualClock();
    const window = createMemoryWindow({ limit: 1, windowMs: 1000, now: clock.now });
    expect(window.hit("a").success).toBe(true);
    expect(window.hit("a").success).toBe(false);
    expect(window.hit("b").success).toBe(true);
  });

  it("keeps memory bounded: drops expired keys, then the least recently used", () => {
    const clock = manualClock();
    const window = createMemoryWindow({ limit: 1, windowMs: 1000, now: clock.now, maxKeys: 100 });
    for (let i = 0; i < 50; i++) window.hit(`old-${i}`);
    clock.advance(2000); // both windows of the old keys have passed
    window.hit("fresh");
    expect(window.size).toBe(1);

    for (let i = 0; i < 250; i++) window.hit(`k-${i}`);
    expect(window.size).toBe(100);
    expect(window.hit("k-249").success).toBe(false); // recent keys keep their counts
  });

  it("BoundedMap (the ephemeral cache) forgets its oldest entries", () => {
    const map = new BoundedMap<string, number>(2);
    map.set("a", 1).set("b", 2).set("a", 3).set("c", 4);
    expect([...map.entries()]).toEqual([
      ["a", 3],
      ["c", 4],
    ]);
  });
});

describe("createRateLimiter without Redis", () => {
  it("throws a 429 AppError with Retry-After past the limit and recovers after the window", async () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ redis: null, now: clock.now, limits: { signIn: { limit: 2, window: "60 s" } } });
    expect(await limiter.enforce("signIn", "1.2.3.4:a@example.com")).toMatchObject({
      success: true,
      remaining: 1,
      source: "memory",
    });
    await limiter.enforce("signIn", "1.2.3.4:a@example.com");
    const err = await rejection(limiter.enforce("signIn", "1.2.3.4:a@example.com"));
    expect(err.code).toBe("RATE_LIMITED");
    expect(httpStatus(err.code)).toBe(429);
    expect(err.message).toBe("Too many requests, try again in 61 seconds");
    expect(err.headers).toEqual({ "Retry-After": "61", "X-RateLimit-Limit": "2", "X-RateLimit-Remaining": "0" });
    expect(err.details).toEqual({ retryAfterSeconds: 61 });

    expect((await limiter.check("signIn", "1.2.3.4:b@example.com")).success).toBe(true);
    expect((await limiter.check("signUp", "1.2.3.4:a@example.com")).success).toBe(true);

    clock.advance(60_001);
    expect((await limiter.check("signIn", "1.2.3.4:a@example.com")).success).toBe(true);
  });

  it("takes a per-call limit (an API key's own) over the policy's, per identifier", async () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ redis: null, now: clock.now, limits: { apiKey: { limit: 100, window: "60 s" } } });
    for (let i = 0; i < 2; i++) expect(await limiter.enforce("apiKey", "key:a", { limit: 2 })).toMatchObject({ success: true, limit: 2, remaining: 1 - i });
    const err = await rejection(limiter.enforce("apiKey", "key:a", { limit: 2 }));
    expect(err.headers).toMatchObject({ "X-RateLimit-Limit": "2" });
    // Another key, with a bigger budget, is counted on its own.
    expect(await limiter.enforce("apiKey", "key:b", { limit: 5 })).toMatchObject({ success: true, limit: 5, remaining: 4 });
    expect(await limiter.enforce("apiKey", "key:c")).toMatchObject({ success: true, limit: 100 });
    await expect(limiter.check("apiKey", "key:d", { limit: 0 })).rejects.toThrow(/positive integer/);
  });

  it("drives checkRateLimit / enforceRateLimit in real time", async () => {
    configureRateLimiter({ redis: null, limits: { promo: { limit: 2, window: "1 s" } } });
    await freshWindow(1000, 200);
    await enforceRateLimit("promo", "user-1");
    await enforceRateLimit("promo", "user-1");
    const err = await rejection(enforceRateLimit("promo", "user-1"));
    expect(err.headers?.["Retry-After"]).toBe("1");
    expect(err.message).toBe("Too many requests, try again in 1 second");
    await sleep(1100);
    expect(await checkRateLimit("promo", "user-1")).toMatchObject({ success: true, source: "memory" });
  });

  it("uses the in-process window without warning when Redis is not configured", async () => {
    vi.stubEnv("UPSTASH_REDIS_REST_URL", "");
    vi.stubEnv("UPSTASH_REDIS_REST_TOKEN", "");
    const logs = captureLogs();
    expect(await checkRateLimit("api", "user-1")).toMatchObject({ success: true, limit: 100, remaining: 99, source: "memory" });
    logs.restore();
    expect(logs.lines.filter((l) => l.level === "warn")).toEqual([]);
  });
});

describe("createRateLimiter when Redis hangs", () => {
  let hanging: Server;
  let requests = 0;

  beforeAll(async () => {
    hanging = createServer((req: IncomingMessage) => {
      requests += 1;
      req.resume();
    });
    await listen(hanging);
  });

  afterAll(async () => {
    hanging.closeAllConnections();
    await new Promise((resolve) => hanging.close(resolve));
  });

  it("falls back after its own deadline instead of allowing everything, and backs off", async () => {
    const logs = captureLogs();
    const clock = manualClock();
    // No per-request signal on this client: only the limiter's deadline can end the wait.
    const redis = new Redis({ url: serverUrl(hanging), token: "t", retry: false, enableTelemetry: false });
    const limiter = createRateLimiter({
      redis,
      timeoutMs: 100,
      retryRedisAfterMs: 5000,
      now: clock.now,
      limits: { holdSeats: { limit: 2, window: "60 s" } },
    });

    const started = performance.now();
    expect(await limiter.check("holdSeats", "user-1")).toMatchObject({ success: true, source: "memory" });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(90);
    expect(elapsed).toBeLessThan(1000);
    expect(requests).toBe(1);

    // While backing off, Redis is not asked and limits still hold.
    expect((await limiter.check("holdSeats", "user-1")).success).toBe(true);
    const err = await rejection(limiter.enforce("holdSeats", "user-1"));
    expect(httpStatus(err.code)).toBe(429);
    expect(requests).toBe(1);

    clock.advance(5000);
    expect(await limiter.check("holdSeats", "user-1")).toMatchObject({ success: false, source: "memory" });
    expect(requests).toBe(2);
    logs.restore();
    const warnings = logs.lines.filter((l) => l.level === "warn");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ component: "ratelimit", msg: expect.stringMatching(/^Redis unavailable.*no answer within 100 ms/) });
  });
});

describe("clientIp", () => {
  // As behind the production launcher, whose guard writes x-marquee-peer.
  const ip = (headers: Record<string, string>, hops = 1) => clientIp(new Headers(headers), hops, true);

  it("trusts no X-Forwarded-For by default: a client naming its own address gets the shared bucket", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.7" }))).toBe("unknown");
    expect(ip({ "x-forwarded-for": "203.0.113.7", "x-real-ip": "198.51.100.2" }, 0)).toBe("unknown");
    expect(ip({ "x-real-ip": "198.51.100.2" }, 0)).toBe("unknown");
    // The launcher's peer address (written over the client's) is the address with no proxy.
    expect(ip({ "x-forwarded-for": "203.0.113.7", "x-marquee-peer": "::ffff:198.51.100.9" }, 0)).toBe("198.51.100.9");
    expect(ip({ "x-marquee-peer": "garbage" }, 0)).toBe("unknown");
  });

  it("ignores x-marquee-peer without the launcher's guard (plain next start, serverless): there it is the client's", () => {
    expect(clientIp(new Headers({ "x-marquee-peer": "198.51.100.9" }), 0, false)).toBe("unknown");
    // This test process runs no guard: the default sees none.
    expect(clientIp(new Headers({ "x-marquee-peer": "198.51.100.9" }), 0)).toBe("unknown");
  });

  it("with N trusted proxies takes the Nth entry from the right, never what the client prepended", () => {
    // The client sent "1.2.3.4"; our one proxy appended the address it saw.
    expect(ip({ "x-forwarded-for": "1.2.3.4, 203.0.113.7" })).toBe("203.0.113.7");
    expect(ip({ "x-forwarded-for": " 203.0.113.7 " })).toBe("203.0.113.7");
    // A CDN, then our load balancer.
    expect(ip({ "x-forwarded-for": "1.2.3.4, 203.0.113.7, 10.0.0.1" }, 2)).toBe("203.0.113.7");
    // Fewer entries than proxies: the request did not come through them all.
    expect(ip({ "x-forwarded-for": "203.0.113.7" }, 2)).toBe("unknown");
    expect(ip({ "x-forwarded-for": "1.2.3.4, not-an-ip" })).toBe("unknown");
    expect(ip({ "x-real-ip": "198.51.100.2" })).toBe("unknown");
    expect(ip({ "x-forwarded-for": "" })).toBe("unknown");
    expect(ip({})).toBe("unknown");
  });

  it("reads the number of hops from TRUSTED_PROXY_HOPS", () => {
    process.env.TRUSTED_PROXY_HOPS = "1";
    resetEnvCache();
    try {
      expect(clientIp(new Headers({ "x-forwarded-for": "1.2.3.4, 203.0.113.7" }))).toBe("203.0.113.7");
    } finally {
      delete process.env.TRUSTED_PROXY_HOPS;
      resetEnvCache();
    }
  });

  it("normalizes ports, case and IPv4-mapped IPv6", () => {
    expect(ip({ "x-forwarded-for": "203.0.113.7:8080" })).toBe("203.0.113.7");
    expect(ip({ "x-forwarded-for": "[2001:DB8::1]:443" })).toBe("2001:db8::1");
    expect(ip({ "x-forwarded-for": "2001:db8::1" })).toBe("2001:db8::1");
    expect(ip({ "x-forwarded-for": "::ffff:203.0.113.7" })).toBe("203.0.113.7");
  });
});

const REDIS_URL = TEST_REDIS_URL;

const haveRedis = await haveTestRedis();
describe.skipIf(!haveRedis)("createRateLimiter against redis-server through the bridge", () => {
  const TOKEN = "ratelimit-test-token";
  const PREFIX = `${KEY_PREFIX}test:${process.pid}:${Date.now()}:`;

  let bridge: UpstashBridge;
  let direct: IORedis;

  beforeAll(async () => {
    direct = new IORedis(REDIS_URL, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    await direct.connect().catch((err: unknown) => {
      throw new Error(`Redis is not reachable at ${REDIS_URL} (start redis-server): ${String(err)}`);
    });
    bridge = await createUpstashBridge({ redisUrl: REDIS_URL, token: TOKEN });
  });

  afterAll(async () => {
    if (direct?.status === "ready") {
      const keys = await direct.keys(`${PREFIX}*`);
      if (keys.length > 0) await direct.del(...keys);
      await direct.quit();
    }
    await bridge?.close();
  });

  const client = (url = bridge.url) => new Redis({ url, token: TOKEN, retry: false, enableTelemetry: false });

  function limiter(windowSpec: { limit: number; window: "1 s" | "10 s" }, redis: Redis = client()): RateLimiter {
    return createRateLimiter({ redis, prefix: PREFIX, limits: { holdSeats: windowSpec } });
  }

  it("honours a per-call limit in Redis too, per identifier", async () => {
    const rl = createRateLimiter({ redis: client(), prefix: PREFIX, limits: { apiKey: { limit: 100, window: "10 s" } } });
    for (let i = 0; i < 2; i++) expect(await rl.enforce("apiKey", "key:r1", { limit: 2 })).toMatchObject({ success: true, limit: 2, source: "redis" });
    expect((await rl.check("apiKey", "key:r1", { limit: 2 })).success).toBe(false);
    expect(await rl.enforce("apiKey", "key:r2", { limit: 3 })).toMatchObject({ success: true, limit: 3, remaining: 2, source: "redis" });
  });

  it("answers 429 past the limit and lets requests through again after the window", async () => {
    const rl = limiter({ limit: 3, window: "1 s" });
    await freshWindow(1000, 500);
    for (let i = 0; i < 3; i++) {
      expect(await rl.enforce("holdSeats", "user-a")).toMatchObject({ success: true, remaining: 2 - i, source: "redis" });
    }
    const err = await rejection(rl.enforce("holdSeats", "user-a"));
    expect(httpStatus(err.code)).toBe(429);
    expect(err.headers).toMatchObject({ "Retry-After": "1", "X-RateLimit-Limit": "3", "X-RateLimit-Remaining": "0" });
    // Blocked again from the ephemeral cache, without asking Redis.
    const blocked = await rl.check("holdSeats", "user-a");
    expect(blocked).toMatchObject({ success: false, source: "redis" });
    expect((await rl.check("holdSeats", "user-b")).success).toBe(true);

    await sleep(blocked.reset - Date.now() + 50);
    expect(await rl.check("holdSeats", "user-a")).toMatchObject({ success: true, source: "redis" });
  });

  it("shares counts between app servers", async () => {
    const serverA = limiter({ limit: 4, window: "10 s" });
    const serverB = limiter({ limit: 4, window: "10 s" });
    await freshWindow(10_000, 2000);
    const id = "shared-user";
    expect((await serverA.check("holdSeats", id)).remaining).toBe(3);
    expect((await serverB.check("holdSeats", id)).remaining).toBe(2);
    expect((await serverA.check("holdSeats", id)).remaining).toBe(1);
    expect((await serverB.check("holdSeats", id)).remaining).toBe(0);
    expect(await serverA.check("holdSeats", id)).toMatchObject({ success: false, source: "redis" });
    expect(await serverB.check("holdSeats", id)).toMatchObject({ success: false, source: "redis" });
  });

  it("keeps identifiers out of Redis keys", async () => {
    const rl = limiter({ limit: 5, window: "10 s" });
    await rl.check("holdSeats", "203.0.113.7:someone@example.com");
    const keys = await direct.keys(`${PREFIX}holdSeats:*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).toMatch(new RegExp(`^${PREFIX}holdSeats:[\\w-]{43}:\\d+$`));
      expect(key).not.toContain("example.com");
    }
  });

  it("reads the Redis configuration from the environment by default", async () => {
    vi.stubEnv("UPSTASH_REDIS_REST_URL", bridge.url);
    vi.stubEnv("UPSTASH_REDIS_REST_TOKEN", TOKEN);
    configureRateLimiter({ prefix: PREFIX });
    expect(await checkRateLimit("promo", "env-user")).toMatchObject({ success: true, limit: 10, remaining: 9, source: "redis" });
    expect(await checkRateLimit("promo", "env-user")).toMatchObject({ remaining: 8, source: "redis" });
  });

  it("keeps limiting in-process when Redis becomes unreachable mid-run", async () => {
    const logs = captureLogs();
    const doomed = await createUpstashBridge({ redisUrl: REDIS_URL, token: TOKEN });
    const rl = limiter({ limit: 3, window: "10 s" }, client(doomed.url));
    await freshWindow(10_000, 2000);
    expect(await rl.check("holdSeats", "user-c")).toMatchObject({ success: true, source: "redis" });
    expect(await rl.check("holdSeats", "user-c")).toMatchObject({ success: true, source: "redis" });

    await doomed.close();
    const started = performance.now();
    // The in-process window starts from zero: a looser limit for the outage, but a limit.
    for (let i = 0; i < 3; i++) {
      expect(await rl.check("holdSeats", "user-c")).toMatchObject({ success: true, source: "memory" });
    }
    const err = await rejection(rl.enforce("holdSeats", "user-c"));
    expect(httpStatus(err.code)).toBe(429);
    expect(Number(err.headers?.["Retry-After"])).toBeGreaterThanOrEqual(1);
    expect(performance.now() - started).toBeLessThan(1000);
    logs.restore();
    const warnings = logs.lines.filter((l) => l.level === "warn");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ component: "ratelimit", msg: expect.stringMatching(/^Redis unavailable, limiting in-process/) });
  });
});

function listen(server: Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
}

function serverUrl(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
