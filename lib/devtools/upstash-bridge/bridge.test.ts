/**
 * Drives the official @upstash/redis client through the bridge against the
 * real local redis-server (REDIS_URL, default redis://127.0.0.1:6379).
 * With REDIS_URL set (CI sets it) they fail when Redis is unreachable; without it they run
 * against 127.0.0.1:6379 when a server answers there and are skipped on machines without one.
 */
import { captureLogs } from "@/lib/testing/logs";
import { haveTestRedis, TEST_REDIS_URL } from "@/lib/testing/redis";
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Ratelimit } from "@upstash/ratelimit";
import { Redis, type RedisConfigNodejs } from "@upstash/redis";
import { Redis as IORedis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createUpstashBridge, type UpstashBridge } from "./bridge";
import { acquireLock, getRedis, releaseLock, withRedis } from "../../redis/client";

const REDIS_URL = TEST_REDIS_URL;

const haveRedis = await haveTestRedis();
describe.skipIf(!haveRedis)("Upstash bridge against redis-server", () => {
  const TOKEN = "bridge-test-token";
  const PREFIX = `marquee:test:bridge:${process.pid}:${Date.now()}:`;

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

  function client(options: Partial<RedisConfigNodejs> = {}): Redis {
    return new Redis({ url: bridge.url, token: TOKEN, retry: false, enableTelemetry: false, ...options });
  }

  async function post(path: string, body: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${bridge.url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", ...headers },
      body,
    });
    return { status: res.status, body: (await res.json()) as unknown };
  }

  describe.each([
    { encoding: "base64", options: {} },
    { encoding: "plain", options: { responseEncoding: false } },
  ] satisfies { encoding: string; options: Partial<RedisConfigNodejs> }[])("official client through the bridge ($encoding responses)", ({ encoding, options }) => {
    const key = (name: string) => `${PREFIX}${encoding}:${name}`;
    // Default client (JSON auto-deserialization on) and one that returns raw strings.
    const redis = () => client(options);
    const raw = () => client({ ...options, automaticDeserialization: false });

    it("SET NX with expiry only succeeds once and sets a TTL", async () => {
      const k = key("nx");
      expect(await redis().set(k, "first", { nx: true, ex: 10 })).toBe("OK");
      expect(await redis().set(k, "second", { nx: true, ex: 10 })).toBeNull();
      expect(await redis().get(k)).toBe("first");
      const ttl = await redis().ttl(k);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(10);
    });

    it("round-trips unicode and JSON-looking strings unchanged", async () => {
      const values = [
        "héllo wörld — 🎟️ 日本語 ✓",
        '{"seats":["A1","A2"],"price":12.5,"note":"ünïcode"}',
        "[1,2,3]",
        "OK",
        "PONG",
        "dmFsdWU=",
        "123",
        "null",
        "",
        'quote " backslash \\ newline \n tab \t',
      ];
      for (const [i, value] of values.entries()) {
        const k = key(`str:${i}`);
        expect(await raw().set(k, value)).toBe("OK");
        expect(await raw().get(k)).toBe(value);
        expect(await direct.get(k)).toBe(value);
      }
      // With auto-deserialization the client parses JSON values, as it does against real Upstash.
      expect(await redis().get(key("str:1"))).toEqual(JSON.parse(values[1]!));
      expect(await redis().mget(key("str:0"), key("str:2"), key("missing"))).toEqual([values[0], [1, 2, 3], null]);
    });

    it("returns numbers from INCR", async () => {
      const k = key("counter");
      expect(await redis().incr(k)).toBe(1);
      expect(await redis().incrby(k, 41)).toBe(42);
      expect(await redis().get(k)).toBe(42);
      expect(await raw().get(k)).toBe("42");
    });

    it("returns EVAL arrays mixing integers, strings and nil", async () => {
      // Lua `false` becomes a nil reply (a Lua nil would end the table).
      const script = "return {1, 'two', false, ARGV[1], {3, 'vier', false}, redis.call('SET', KEYS[1], 'x')}";
      const result = await raw().eval(script, [key("eval")], ["ünï 🎫"]);
      expect(result).toEqual([1, "two", null, "ünï 🎫", [3, "vier", null], "OK"]);
    });

    it("returns hashes, sorted sets and streams", async () => {
      const h = key("hash");
      expect(await redis().hset(h, { seat: "A1", price: 1250, "ünï": "cödé" })).toBe(3);
      expect(await redis().hgetall(h)).toEqual({ seat: "A1", price: 1250, "ünï": "cödé" });
      expect(await redis().multi().hgetall(h).hlen(h).exec()).toEqual([{ seat: "A1", price: 1250, "ünï": "cödé" }, 3]);

      const z = key("zset");
      await redis().zadd(z, { score: 1.5, member: "a" }, { score: 3, member: "b" });
      expect(await redis().zscore(z, "a")).toBe(1.5);
      expect(await redis().zrange(z, 0, -1, { withScores: true })).toEqual(["a", 1.5, "b", 3]);

      const x = key("stream");
      const id = await redis().xadd(x, "*", { event: "booked", seat: "A1" });
      expect(await redis().xrange(x, "-", "+")).toEqual({ [id]: { event: "booked", seat: "A1" } });
    });

    it("runs pipelines, including per-command errors", async () => {
      const a = key("pipe:a");
      const n = key("pipe:n");
      const results = await redis().pipeline().set(a, "héllo").incr(n).incr(n).get(a).del(a).exec();
      expect(results).toEqual(["OK", 1, 2, "héllo", 1]);

      const mixed = await redis().pipeline().set(a, "text").incr(a).get(a).exec({ keepErrors: true });
      expect(mixed[0]).toEqual({ result: "OK", error: undefined });
      expect(mixed[1]?.error).toMatch(/not an integer/);
      expect(mixed[2]).toEqual({ result: "text", error: undefined });
      await expect(redis().pipeline().incr(a).exec()).rejects.toThrow(/INCR.*not an integer/i);
    });

    it("runs MULTI/EXEC transactions", async () => {
      const k = key("tx");
      const results = await redis().multi().set(k, "1").incr(k).incrby(k, 10).get(k).exec();
      expect(results).toEqual(["OK", 2, 12, 12]);

      // A runtime error inside EXEC fails only that command.
      const s = key("tx:str");
      const mixed = await raw().multi().set(s, "abc").incr(s).append(s, "d").exec({ keepErrors: true });
      expect(mixed.map((r) => r.result)).toEqual(["OK", undefined, 4]);
      expect(mixed[1]?.error).toMatch(/not an integer/);
    });

    it("surfaces Redis errors as thrown errors and keeps working", async () => {
      const k = key("err");
      await redis().set(k, "not a number");
      await expect(redis().incr(k)).rejects.toThrow(/ERR value is not an integer/);
      expect(await redis().get(k)).toBe("not a number");
      expect(await redis().ping()).toBe("PONG");
    });

    it("rejects a wrong token", async () => {
      const wrong = new Redis({ url: bridge.url, token: "wrong", retry: false, enableTelemetry: false, ...options });
      await expect(wrong.get(key("x"))).rejects.toThrow(/Unauthorized/);
    });
  });

  describe("Upstash-only `allow-key-locking` script flag", () => {
    const key = (name: string) => `${PREFIX}script:${name}`;
    const script = "#!lua flags=allow-key-locking,no-writes\nreturn {KEYS[1], ARGV[1]}";
    const sha = createHash("sha1").update(script).digest("hex");

    it("accepts it in EVAL, SCRIPT LOAD, SCRIPT EXISTS and EVALSHA under the client's SHA", async () => {
      const redis = client({ automaticDeserialization: false });
      expect(await redis.eval(script, [key("k")], ["v"])).toEqual([key("k"), "v"]);
      expect(await redis.scriptLoad(script)).toBe(sha);
      expect(await redis.scriptExists(sha)).toEqual([1]);
      expect(await redis.evalsha(sha, [key("k")], ["w"])).toEqual([key("k"), "w"]);
      // The kept `no-writes` flag is still enforced by Redis.
      const writing = "#!lua flags=allow-key-locking,no-writes\nreturn redis.call('SET', KEYS[1], 'x')";
      await expect(redis.eval(writing, [key("w")], [])).rejects.toThrow(/Write commands are not allowed/);
    });

    it("lets @upstash/ratelimit work", async () => {
      for (const limiter of [
        Ratelimit.slidingWindow(2, "10 s"),
        Ratelimit.fixedWindow(2, "10 s"),
        Ratelimit.tokenBucket(2, "10 s", 2),
      ]) {
        const ratelimit = new Ratelimit({ redis: client(), limiter, prefix: key(`rl:${Math.random()}`) });
        const results = [];
        for (let i = 0; i < 3; i++) results.push((await ratelimit.limit("user")).success);
        expect(results).toEqual([true, true, false]);
      }
    });
  });

  describe("bridge wire format", () => {
    const key = (name: string) => `${PREFIX}wire:${name}`;

    it("base64-encodes every string result only when asked to", async () => {
      const k = key("b64");
      const b64 = { "upstash-encoding": "base64" };
      expect(await post("/", JSON.stringify(["SET", k, "välue", "EX", 10]), b64)).toEqual({
        status: 200,
        body: { result: Buffer.from("OK").toString("base64") },
      });
      expect((await post("/", JSON.stringify(["GET", k]), b64)).body).toEqual({
        result: Buffer.from("välue").toString("base64"),
      });
      expect((await post("/", JSON.stringify(["GET", k]))).body).toEqual({ result: "välue" });
      expect((await post("/", JSON.stringify(["TTL", k]), b64)).body).toEqual({ result: 10 });
      expect((await post("/", JSON.stringify(["GET", key("missing")]), b64)).body).toEqual({ result: null });
      expect((await post("/", JSON.stringify(["PING"]), b64)).body).toEqual({ result: Buffer.from("PONG").toString("base64") });
      expect((await post("/pipeline", JSON.stringify([["GET", k], ["INCR", k]]), b64)).body).toEqual([
        { result: Buffer.from("välue").toString("base64") },
        { error: "ERR value is not an integer or out of range" },
      ]);
    });

    it("returns raw (RESP2) reply shapes, not ioredis' reshaped ones", async () => {
      const h = key("hash");
      await post("/", JSON.stringify(["HSET", h, "a", "1", "b", "x"]));
      const flat = { result: ["a", "1", "b", "x"] };
      expect((await post("/", JSON.stringify(["HGETALL", h]))).body).toEqual(flat);
      expect((await post("/", JSON.stringify(["hgetall", h]))).body).toEqual(flat);
      expect((await post("/pipeline", JSON.stringify([["hgetall", h]]))).body).toEqual([flat]);
      expect((await post("/multi-exec", JSON.stringify([["hgetall", h]]))).body).toEqual([flat]);
      const x = key("stream");
      await post("/", JSON.stringify(["XADD", x, "1-1", "f", "v"]));
      expect((await post("/", JSON.stringify(["xread", "STREAMS", x, "0"]))).body).toEqual({
        result: [[x, [["1-1", ["f", "v"]]]]],
      });
    });

    it("answers 400 for Redis errors, bad JSON and malformed commands", async () => {
      expect(await post("/", JSON.stringify(["NOSUCHCOMMAND"]))).toMatchObject({
        status: 400,
        body: { error: expect.stringMatching(/^ERR unknown command/) },
      });
      expect(await post("/", "{not json")).toMatchObject({ status: 400, body: { error: expect.any(String) } });
      expect(await post("/", JSON.stringify({ cmd: "GET" }))).toMatchObject({ status: 400 });
      expect(await post("/", JSON.stringify([]))).toMatchObject({ status: 400 });
      expect(await post("/", JSON.stringify(["GET", { a: 1 }]))).toMatchObject({ status: 400 });
      expect(await post("/pipeline", JSON.stringify(["GET", "k"]))).toMatchObject({ status: 400 });
      expect(await post("/pipeline", "[[")).toMatchObject({ status: 400 });
      expect(await post("/", JSON.stringify(["SUBSCRIBE", "chan"]))).toMatchObject({ status: 400 });
      expect((await post("/", JSON.stringify(["PING"]))).body).toEqual({ result: "PONG" });
    });

    it("aborts the whole transaction when a command cannot be queued", async () => {
      const k = key("execabort");
      const res = await post("/multi-exec", JSON.stringify([["SET", k, "1"], ["NOSUCHCOMMAND"]]));
      expect(res).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^EXECABORT/) } });
      expect(await direct.exists(k)).toBe(0);
    });

    it("requires the bearer token", async () => {
      const res = await fetch(`${bridge.url}/`, { method: "POST", body: JSON.stringify(["PING"]) });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: "Unauthorized" });
      const wrong = await post("/", JSON.stringify(["PING"]), { authorization: "Bearer nope" });
      expect(wrong).toEqual({ status: 401, body: { error: "Unauthorized" } });
    });

    it("supports path-style commands", async () => {
      const k = key("path/with space");
      const auth = { authorization: `Bearer ${TOKEN}` };
      const set = await fetch(`${bridge.url}/set/${encodeURIComponent(k)}/h%C3%A9`, { headers: auth });
      expect(await set.json()).toEqual({ result: "OK" });
      const append = await fetch(`${bridge.url}/append/${encodeURIComponent(k)}`, {
        method: "POST",
        headers: auth,
        body: "llo",
      });
      expect(await append.json()).toEqual({ result: 6 }); // APPEND counts bytes
      expect(await direct.get(k)).toBe("héllo");
    });
  });

  describe("withRedis", () => {
    afterEach(() => {
      vi.unstubAllEnvs();
      vi.restoreAllMocks();
    });

    it("uses the fallback without warning when Redis is not configured", async () => {
      vi.stubEnv("UPSTASH_REDIS_REST_URL", "");
      vi.stubEnv("UPSTASH_REDIS_REST_TOKEN", "");
      const logs = captureLogs();
      expect(getRedis()).toBeNull();
      const fn = vi.fn(async () => "redis");
      expect(await withRedis(fn, () => "fallback")).toBe("fallback");
      logs.restore();
      expect(fn).not.toHaveBeenCalled();
      expect(logs.lines).toEqual([]);
    });

    it("falls back fast when the URL points at a closed port, warning once", async () => {
      vi.stubEnv("UPSTASH_REDIS_REST_URL", `http://127.0.0.1:${await closedPort()}`);
      vi.stubEnv("UPSTASH_REDIS_REST_TOKEN", TOKEN);
      const logs = captureLogs();
      const warnings = () => logs.lines.filter((l) => l.level === "warn" && l.component === "redis");

      try {
        const started = performance.now();
        expect(await withRedis((r) => r.get<string>("k"), () => "fallback")).toBe("fallback");
        expect(await withRedis((r) => r.get<string>("k"), async () => "fallback 2")).toBe("fallback 2");
        expect(performance.now() - started).toBeLessThan(1000);
        expect(warnings()).toHaveLength(1);
        expect(JSON.stringify(logs.lines)).not.toContain(TOKEN);

        // Once Redis answers again the next failure is reported again.
        vi.stubEnv("UPSTASH_REDIS_REST_URL", bridge.url);
        expect(await withRedis((r) => r.ping(), () => "fallback")).toBe("PONG");
        vi.stubEnv("UPSTASH_REDIS_REST_URL", `http://127.0.0.1:${await closedPort()}`);
        await withRedis((r) => r.ping(), () => "fallback");
        expect(warnings()).toHaveLength(2);
      } finally {
        logs.restore();
      }
    });

    it("falls back after REDIS_TIMEOUT_MS when the server hangs", async () => {
      const hanging = createServer(() => {});
      await listen(hanging);
      try {
        vi.stubEnv("UPSTASH_REDIS_REST_URL", `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`);
        vi.stubEnv("UPSTASH_REDIS_REST_TOKEN", TOKEN);
        vi.stubEnv("REDIS_TIMEOUT_MS", "100");
        const started = performance.now();
        expect(await withRedis((r) => r.get("k"), () => "fallback")).toBe("fallback");
        const elapsed = performance.now() - started;
        expect(elapsed).toBeGreaterThanOrEqual(90);
        expect(elapsed).toBeLessThan(1000);
      } finally {
        hanging.closeAllConnections();
        await new Promise((resolve) => hanging.close(resolve));
      }
    });

    it("returns the result when Redis works", async () => {
      vi.stubEnv("UPSTASH_REDIS_REST_URL", bridge.url);
      vi.stubEnv("UPSTASH_REDIS_REST_TOKEN", TOKEN);
      const k = `${PREFIX}with-redis`;
      await withRedis((r) => r.set(k, "stored"), () => null);
      expect(await withRedis((r) => r.get<string>(k), () => "fallback")).toBe("stored");
    });
  });

  describe("acquireLock / releaseLock", () => {
    afterEach(() => vi.unstubAllEnvs());

    function useBridge() {
      vi.stubEnv("UPSTASH_REDIS_REST_URL", bridge.url);
      vi.stubEnv("UPSTASH_REDIS_REST_TOKEN", TOKEN);
    }

    it("is exclusive until released by its own token", async () => {
      useBridge();
      const k = `${PREFIX}lock:exclusive`;
      const token = await acquireLock(k, 5000);
      expect(token).toEqual(expect.any(String));
      expect(await acquireLock(k, 5000)).toBeNull();
      const pttl = await direct.pttl(k);
      expect(pttl).toBeGreaterThan(0);
      expect(pttl).toBeLessThanOrEqual(5000);

      expect(await releaseLock(k, "not-the-token")).toBe(false);
      expect(await direct.get(k)).toBe(token);

      expect(await releaseLock(k, token!)).toBe(true);
      expect(await direct.exists(k)).toBe(0);
      expect(await releaseLock(k, token!)).toBe(false);
    });

    it("expires, and a stale holder cannot release the new holder's lock", async () => {
      useBridge();
      const k = `${PREFIX}lock:expiry`;
      const stale = await acquireLock(k, 50);
      expect(stale).not.toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 120));
      const fresh = await acquireLock(k, 5000);
      expect(fresh).not.toBeNull();
      expect(await releaseLock(k, stale!)).toBe(false);
      expect(await direct.get(k)).toBe(fresh);
      expect(await releaseLock(k, fresh!)).toBe(true);
    });

    it("throws when Redis is not configured", async () => {
      vi.stubEnv("UPSTASH_REDIS_REST_URL", "");
      await expect(acquireLock(`${PREFIX}lock:none`, 1000)).rejects.toThrow(/not configured/);
    });
  });

  function listen(server: Server): Promise<void> {
    return new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  }

  async function closedPort(): Promise<number> {
    const server = createServer();
    await listen(server);
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return port;
  }
});
