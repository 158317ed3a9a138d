/**
 * The @upstash/redis client over our node:http transport, through the bridge, against the real
 * redis-server: the commands the app uses (scripts, SET NX PX, pipelines, MULTI/EXEC, the rate
 * limiter) answer exactly as they do over the library's own fetch transport.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { haveTestRedis, TEST_REDIS_URL } from "@/lib/testing/redis";
import { createUpstashBridge, type UpstashBridge } from "../devtools/upstash-bridge/bridge";
import { createNodeRequester } from "./node-requester";

const TOKEN = "node-requester-test-token";
const haveRedis = await haveTestRedis();

describe.skipIf(!haveRedis)("node:http transport for @upstash/redis", () => {
  const PREFIX = `marquee:test:node-requester:${process.pid}:${Date.now()}:`;
  const key = (name: string) => `${PREFIX}${name}`;
  let bridge: UpstashBridge;
  let ours: Redis;
  let theirs: Redis; // the library's own fetch transport, for comparison

  beforeAll(async () => {
    bridge = await createUpstashBridge({ redisUrl: TEST_REDIS_URL, token: TOKEN });
    ours = new Redis(createNodeRequester({ url: bridge.url, token: TOKEN, timeoutMs: 2000 }));
    theirs = new Redis({ url: bridge.url, token: TOKEN, retry: false, enableTelemetry: false });
  });
  afterAll(async () => {
    const keys = ((await ours?.keys(`${PREFIX}*`)) ?? []) as string[];
    if (keys.length) await ours.del(...keys);
    await bridge?.close();
  });

  it("reads and writes strings (unicode, JSON-looking, 'OK') the same as the fetch transport", async () => {
    const values = ["héllo wörld — 🎟️ 日本語 ✓", "OK", "PONG", "dmFsdWU=", "", 'quote " \\ \n'];
    for (const [i, value] of values.entries()) {
      expect(await ours.set(key(`s:${i}`), value)).toBe("OK");
      expect(await ours.get(key(`s:${i}`))).toBe(await theirs.get(key(`s:${i}`)));
      expect(await ours.get(key(`s:${i}`))).toBe(value);
    }
    expect(await ours.get(key("missing"))).toBeNull();
    expect(await ours.set(key("nx"), "a", { nx: true, px: 5000 })).toBe("OK");
    expect(await ours.set(key("nx"), "b", { nx: true, px: 5000 })).toBeNull();
    expect(await ours.pttl(key("nx"))).toBeGreaterThan(4000);
  });

  it("runs Lua scripts returning nested arrays of integers, strings and nil", async () => {
    const script = "return {1, 'two', false, ARGV[1], {3, 'vier', false}, redis.call('SET', KEYS[1], 'x')}";
    const expected = [1, "two", null, "ünï 🎫", [3, "vier", null], "OK"];
    expect(await ours.eval(script, [key("eval")], ["ünï 🎫"])).toEqual(expected);
    expect(await theirs.eval(script, [key("eval")], ["ünï 🎫"])).toEqual(expected);
  });

  it("runs pipelines and MULTI/EXEC, with per-command errors", async () => {
    expect(await ours.pipeline().set(key("p"), "héllo").incr(key("n")).incr(key("n")).get(key("p")).exec()).toEqual(["OK", 1, 2, "héllo"]);
    const mixed = await ours.multi().set(key("t"), "abc").incr(key("t")).append(key("t"), "d").exec({ keepErrors: true });
    expect(mixed.map((r) => r.result)).toEqual(["OK", undefined, 4]);
    expect(mixed[1]?.error).toMatch(/not an integer/);
  });

  it("throws Redis errors without the command (which can carry user data), and keeps working", async () => {
    await ours.set(key("e"), "secret-value");
    const err = await ours.incr(key("e")).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(/not an integer/);
    expect(await ours.ping()).toBe("PONG");
  });

  it("rejects a wrong token", async () => {
    const wrong = new Redis(createNodeRequester({ url: bridge.url, token: "wrong", timeoutMs: 2000 }));
    await expect(wrong.get(key("x"))).rejects.toThrow(/Unauthorized/);
  });

  it("drives @upstash/ratelimit", async () => {
    const ratelimit = new Ratelimit({ redis: ours, limiter: Ratelimit.slidingWindow(2, "10 s"), prefix: key("rl") });
    const results = [];
    for (let i = 0; i < 3; i++) results.push((await ratelimit.limit("user")).success);
    expect(results).toEqual([true, true, false]);
  });

  it("gives up at the deadline when the server does not answer, and on a closed port at once", async () => {
    const hanging: Server = createServer(() => {});
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    try {
      const slow = new Redis(createNodeRequester({ url: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`, token: TOKEN, timeoutMs: 150 }));
      const started = performance.now();
      await expect(slow.get("k")).rejects.toThrow(/no answer within 150 ms/);
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    } finally {
      hanging.closeAllConnections();
      await new Promise((resolve) => hanging.close(resolve));
    }
    const closed = new Redis(createNodeRequester({ url: "http://127.0.0.1:1", token: TOKEN, timeoutMs: 5000 }));
    const started = performance.now();
    await expect(closed.get("k")).rejects.toThrow(/ECONNREFUSED/);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("serves many calls at once over a few kept-alive sockets", async () => {
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => ours.incr(key("many")).then(() => i)));
    expect(results).toHaveLength(300);
    expect(await ours.get(key("many"))).toBe(300);
  });
});

describe("batching of single commands", () => {
  // A stand-in REST endpoint that records what it is sent and answers each command with its
  // first argument (or an error for "FAIL").
  async function fakeRest(status = 200, keepAliveMs?: number) {
    const seen: { path: string; body: unknown }[] = [];
    let connections = 0;
    const server = createServer((req, res) => {
      let text = "";
      req.on("data", (c: Buffer) => (text += c.toString()));
      req.on("end", () => {
        const body = JSON.parse(text) as unknown;
        seen.push({ path: req.url ?? "", body });
        const answer = (cmd: string[]) => (cmd[0] === "FAIL" ? { error: "ERR failed on purpose" } : { result: Buffer.from(cmd[1] ?? "").toString("base64") });
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(status !== 200 ? { error: "Unauthorized" } : req.url === "/pipeline" ? (body as string[][]).map(answer) : answer(body as string[])));
      });
    });
    if (keepAliveMs) server.keepAliveTimeout = keepAliveMs; // announced as `Keep-Alive: timeout=N`
    server.on("connection", () => connections++);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { seen, url, connections: () => connections, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  it("sends commands issued together as one /pipeline request and answers each caller its own result", async () => {
    const rest = await fakeRest();
    try {
      const requester = createNodeRequester({ url: rest.url, token: TOKEN, timeoutMs: 2000 });
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => requester.request({ body: ["ECHO", `v${i}`] })));
      expect(results.map((r) => r.result)).toEqual(Array.from({ length: 20 }, (_, i) => `v${i}`));
      expect(rest.seen).toHaveLength(1);
      expect(rest.seen[0]!.path).toBe("/pipeline");
      // One alone goes as a plain command; one error fails only its own caller.
      expect((await requester.request({ body: ["ECHO", "solo"] })).result).toBe("solo");
      expect(rest.seen[1]!.path).toBe("/");
      const mixed = await Promise.all([requester.request({ body: ["ECHO", "a"] }), requester.request({ body: ["FAIL"] }), requester.request({ body: ["ECHO", "c"] })]);
      expect(mixed).toEqual([{ result: "a" }, { result: undefined, error: "ERR failed on purpose" }, { result: "c" }]);
      // The library's own pipelines keep their path.
      await requester.request({ path: ["multi-exec"], body: [["ECHO", "x"]] }).catch(() => null);
      expect(rest.seen.at(-1)!.path).toBe("/multi-exec");
    } finally {
      await rest.close();
    }
  });

  it("lets an idle socket go before the server's announced keep-alive ends, so no command races its close", async () => {
    const rest = await fakeRest(200, 2000); // timeout=2: the client keeps an idle socket for 1 s at most
    try {
      const requester = createNodeRequester({ url: rest.url, token: TOKEN, timeoutMs: 2000 });
      expect((await requester.request({ body: ["ECHO", "a"] })).result).toBe("a");
      expect((await requester.request({ body: ["ECHO", "b"] })).result).toBe("b");
      expect(rest.connections()).toBe(1); // reused while fresh
      await new Promise((r) => setTimeout(r, 1300));
      expect((await requester.request({ body: ["ECHO", "c"] })).result).toBe("c");
      expect(rest.connections()).toBe(2); // a new socket, not the one the server is about to close
    } finally {
      await rest.close();
    }
  });

  it("caps a batch at maxBatch commands and fails every caller of a batch the server refuses", async () => {
    const rest = await fakeRest();
    try {
      const requester = createNodeRequester({ url: rest.url, token: TOKEN, timeoutMs: 2000, maxBatch: 8 });
      await Promise.all(Array.from({ length: 20 }, (_, i) => requester.request({ body: ["ECHO", `v${i}`] })));
      expect(rest.seen.map((s) => (s.body as unknown[]).length)).toEqual([8, 8, 4]);
    } finally {
      await rest.close();
    }
    const refusing = await fakeRest(401);
    try {
      const requester = createNodeRequester({ url: refusing.url, token: TOKEN, timeoutMs: 2000 });
      const settled = await Promise.allSettled(Array.from({ length: 5 }, () => requester.request({ body: ["ECHO", "x"] })));
      expect(settled.every((s) => s.status === "rejected" && /Unauthorized/.test(String(s.reason)))).toBe(true);
    } finally {
      await refusing.close();
    }
  });
});
