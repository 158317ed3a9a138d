/**
 * A minimal Upstash REST API bridge in front of a plain redis-server, so the
 * official `@upstash/redis` client can be used against local Redis in dev/CI.
 *
 * Endpoints (all require `Authorization: Bearer <token>`):
 *   POST /            body: ["SET","k","v"]             -> {result} | 400 {error}
 *   POST /pipeline    body: [["SET","k","v"],["GET","k"]] -> [{result}|{error}, ...]
 *   POST /multi-exec  same body as /pipeline, run in MULTI/EXEC
 *   GET  /set/k/v     path-style command; POST /set/k appends the raw body as the last arg
 *
 * With `Upstash-Encoding: base64`, every string in a result (at any depth) is
 * base64-encoded, simple strings like PONG included: the client base64-decodes
 * every string except a bare top-level "OK". Numbers and nulls are left alone,
 * errors are never encoded.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Command as RedisCommand, type Pipeline, Redis } from "ioredis";

export type UpstashBridgeOptions = {
  redisUrl: string;
  token: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
};

export type UpstashBridge = {
  url: string;
  close(): Promise<void>;
};

type Command = [string, ...string[]];
type Reply = { result: unknown } | { error: string };

class BadRequest extends Error {}

// ioredis reshapes some replies by command name (HGETALL into an object,
// XREAD into nested entries, ...); Upstash returns Redis' replies as they are.
class RawCommand extends RedisCommand {
  override transformReply(result: Buffer | Buffer[]): Buffer | Buffer[] {
    return result;
  }
}

// These would change the state of the shared connection (or block it for
// good) and break every later request, so they are refused outright.
const REFUSED = new Set([
  "AUTH", "DISCARD", "EXEC", "HELLO", "MONITOR", "MULTI", "PSUBSCRIBE", "PUNSUBSCRIBE",
  "QUIT", "RESET", "SELECT", "SSUBSCRIBE", "SUBSCRIBE", "SUNSUBSCRIBE", "UNSUBSCRIBE",
  "UNWATCH", "WATCH",
]);

export async function createUpstashBridge(options: UpstashBridgeOptions): Promise<UpstashBridge> {
  const redis = new Redis(options.redisUrl, {
    // RESP2 is what Upstash speaks: flat arrays for maps, doubles as strings.
    protocol: 2,
    lazyConnect: true,
    // Fail requests fast while Redis is down instead of queueing them forever.
    enableOfflineQueue: false,
  });
  let lastRedisError = "";
  let connected = false;
  redis.on("error", (err: Error) => {
    // Before the first connect the error is thrown to the caller instead.
    if (connected && err.message !== lastRedisError) console.warn(`[upstash-bridge] redis: ${err.message}`);
    lastRedisError = err.message;
  });
  redis.on("ready", () => {
    lastRedisError = "";
  });
  try {
    await redis.connect();
    connected = true;
  } catch (err) {
    redis.disconnect();
    throw new Error(`cannot connect to Redis: ${lastRedisError || errorMessage(err)}`, { cause: err });
  }

  const expectedToken = digest(options.token);

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return res.destroy();
      if (err instanceof BadRequest) return send(res, 400, { error: err.message });
      send(res, 500, { error: `ERR bridge: ${errorMessage(err)}` });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const auth = req.headers.authorization ?? "";
    const match = /^Bearer (.+)$/.exec(auth);
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), expectedToken)) {
      req.resume();
      return send(res, 401, { error: "Unauthorized" });
    }

    const base64 = String(req.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
    const path = new URL(req.url ?? "/", "http://bridge").pathname;
    const body = await readBody(req);

    if (path === "/pipeline" || path === "/multi-exec") {
      if (req.method !== "POST") throw new BadRequest("ERR method not allowed");
      const commands = parseCommandList(body);
      const replies = path === "/pipeline" ? await runPipeline(commands) : await runMultiExec(commands);
      if (!Array.isArray(replies)) return send(res, 400, replies);
      return send(res, 200, replies.map((r) => encodeReply(r, base64)));
    }

    const command = path === "/" ? parseCommand(parseJson(body)) : pathCommand(path, req.method, body);
    const reply = encodeReply(await runCommand(command), base64);
    send(res, "error" in reply ? 400 : 200, reply);
  }

  async function runCommand(command: Command): Promise<Reply> {
    if (REFUSED.has(command[0].toUpperCase())) {
      return { error: `ERR command ${command[0]} is not supported by the bridge` };
    }
    const { command: [name, ...args], loadedSha } = translateScripts(command);
    const raw = new RawCommand(name, args);
    redis.sendCommand(raw);
    try {
      const result: unknown = await raw.promise;
      return { result: loadedSha ? Buffer.from(loadedSha) : result };
    } catch (err) {
      return { error: errorMessage(err) };
    }
  }

  // Commands on one ioredis connection are written in order, so a pipeline is
  // just the commands sent back to back.
  function runPipeline(commands: Command[]): Promise<Reply[]> {
    return Promise.all(commands.map(runCommand));
  }

  async function runMultiExec(commands: Command[]): Promise<Reply[] | { error: string }> {
    const refused = commands.find(([name]) => REFUSED.has(name.toUpperCase()));
    if (refused) return { error: `ERR command ${refused[0]} is not supported in a transaction` };
    const translated = commands.map(translateScripts);
    // multi() returns a Pipeline; its (untyped) sendCommand queues a Command as is.
    const tx = redis.multi() as unknown as Pipeline & ReturnType<Redis["multi"]>;
    for (const { command: [name, ...args] } of translated) tx.sendCommand(new RawCommand(name, args));
    try {
      const results = await tx.exec();
      if (!results) return { error: "EXECABORT Transaction aborted" };
      return results.map(([err, result], i) => {
        if (err) return { error: err.message };
        const loadedSha = translated[i]?.loadedSha;
        return { result: loadedSha ? Buffer.from(loadedSha) : result };
      });
    } catch (err) {
      // EXECABORT: a command failed to queue; the queueing errors say why.
      const previous = (err as { previousErrors?: Error[] }).previousErrors ?? [];
      const detail = previous.map((e) => e.message).join("; ");
      return { error: detail ? `${errorMessage(err)} (${detail})` : errorMessage(err) };
    }
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (err) {
    redis.disconnect();
    throw err;
  }
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(":") ? `[${address}]` : address;

  return {
    url: `http://${host}:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

// Upstash accepts the non-standard `#!lua flags=allow-key-locking` script flag
// (every @upstash/ratelimit script uses it); redis-server rejects it. Strip it,
// and keep EVALSHA / SCRIPT LOAD / SCRIPT EXISTS working with the SHA1 of the
// script as the client sent it, which is what the client computes locally.
const UPSTASH_ONLY_FLAGS = new Set(["allow-key-locking"]);
const scriptShas = new Map<string, string>(); // client's sha -> sha Redis knows

function translateScripts(command: Command): { command: Command; loadedSha?: string } {
  const [name, ...args] = command;
  const upper = name.toUpperCase();
  const sub = args[0]?.toUpperCase();
  if ((upper === "EVAL" || upper === "EVAL_RO") && args[0] !== undefined) {
    return { command: [name, registerScript(args[0]).script, ...args.slice(1)] };
  }
  if ((upper === "EVALSHA" || upper === "EVALSHA_RO") && args[0] !== undefined) {
    return { command: [name, scriptShas.get(args[0].toLowerCase()) ?? args[0], ...args.slice(1)] };
  }
  if (upper === "SCRIPT" && sub === "LOAD" && args[1] !== undefined) {
    const { script, sha } = registerScript(args[1]);
    return { command: [name, args[0]!, script, ...args.slice(2)], loadedSha: sha };
  }
  if (upper === "SCRIPT" && sub === "EXISTS") {
    return { command: [name, ...args.map((a, i) => (i === 0 ? a : (scriptShas.get(a.toLowerCase()) ?? a)))] };
  }
  return { command };
}

/** Returns the script to send to Redis, plus the client's SHA if it had to be rewritten. */
function registerScript(original: string): { script: string; sha?: string } {
  const shebang = /^#!lua([^\n]*)/.exec(original);
  if (!shebang?.[1]?.includes("flags=")) return { script: original };
  const options = shebang[1].replace(/flags=(\S*)/, (_, flags: string) => {
    const kept = flags.split(",").filter((f) => f && !UPSTASH_ONLY_FLAGS.has(f));
    return kept.length > 0 ? `flags=${kept.join(",")}` : "";
  });
  const script = `#!lua${options.trimEnd()}${original.slice(shebang[0].length)}`;
  if (script === original) return { script };
  const sha = sha1(original);
  scriptShas.set(sha, sha1(script));
  return { script, sha };
}

function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

function encodeReply(reply: Reply, base64: boolean): Reply {
  return "error" in reply ? reply : { result: encodeValue(reply.result, base64) };
}

function encodeValue(value: unknown, base64: boolean): unknown {
  if (Buffer.isBuffer(value)) return base64 ? value.toString("base64") : value.toString("utf8");
  if (Array.isArray(value)) return value.map((v) => encodeValue(v, base64));
  // An error nested in an array reply (e.g. a Lua script returning {err=...}).
  if (value instanceof Error) return encodeValue(Buffer.from(value.message), base64);
  return value;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new BadRequest("ERR failed to parse request body as JSON");
  }
}

function parseCommand(value: unknown): Command {
  if (!Array.isArray(value) || value.length === 0) {
    throw new BadRequest("ERR command must be a non-empty JSON array");
  }
  return value.map((arg) => {
    if (typeof arg === "string") return arg;
    if (typeof arg === "number" || typeof arg === "boolean") return String(arg);
    throw new BadRequest("ERR command arguments must be strings, numbers or booleans");
  }) as Command;
}

function parseCommandList(body: string): Command[] {
  const value = parseJson(body);
  if (!Array.isArray(value) || value.length === 0) {
    throw new BadRequest("ERR request body must be a non-empty JSON array of commands");
  }
  return value.map(parseCommand);
}

function pathCommand(path: string, method: string | undefined, body: string): Command {
  let parts: string[];
  try {
    parts = path.split("/").filter(Boolean).map((p) => decodeURIComponent(p));
  } catch {
    throw new BadRequest("ERR malformed URL path");
  }
  if (method === "POST" && body !== "") parts.push(body);
  return parseCommand(parts);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(json),
  });
  res.end(json);
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
