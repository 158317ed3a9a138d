/**
 * The transport under our @upstash/redis client on Node: the same Upstash REST protocol the
 * library's own HttpClient speaks (POST a JSON command to /, /pipeline or /multi-exec with a
 * Bearer token, base64-encoded results), sent with node:http over a keep-alive agent instead
 * of the global fetch.
 *
 * Why: in the server every Redis call sits on the hot path of a hold (the rate limit, then
 * phase 1). fetch (undici's WHATWG layer, plus Next's instrumentation of the global fetch and
 * an AbortSignal.timeout per call) cost ~20% of a next-server's CPU in the flash-sale
 * benchmark; node:http does the same request for a fraction of that. Commands, scripts,
 * pipelines and @upstash/ratelimit are the library's, unchanged.
 *
 * Single commands issued in the same turn of the event loop are sent together as one /pipeline
 * request (each still answered, or failed, on its own; a pipeline is not a transaction, so every
 * command is exactly as atomic as when sent alone). Under load that turns a hundred small HTTP
 * round trips into a few, for the app and for whatever serves the REST API.
 *
 * Not supported here (we use none of them): streaming responses (SUBSCRIBE over SSE) and
 * read-your-writes sync tokens, which only matter across Upstash's global replicas.
 */
import http from "node:http";
import https from "node:https";
import type { Requester, UpstashRequest, UpstashResponse } from "@upstash/redis";
import { afterDeadline } from "./deadline";

export type NodeRequesterOptions = {
  url: string;
  token: string;
  /** Deadline for one call, connection included; the promise rejects when it passes. */
  timeoutMs: number;
  /** Sockets kept open to the REST endpoint (per process). */
  maxSockets?: number;
  /** Most commands sent in one batched /pipeline request; 1 sends every command on its own. */
  maxBatch?: number;
};

export class RedisRestError extends Error {
  override name = "RedisRestError";
}

type Queued = { body: unknown; resolve: (r: UpstashResponse<unknown>) => void; reject: (err: unknown) => void };

const IDLE_SOCKET_TIMEOUT_MS = 30_000;

export function createNodeRequester({ url, token, timeoutMs, maxSockets = 64, maxBatch = 64 }: NodeRequesterOptions): Requester {
  const base = new URL(url);
  if (base.protocol !== "http:" && base.protocol !== "https:") throw new RedisRestError(`Redis REST URL must be http(s): ${url}`);
  const transport = base.protocol === "https:" ? https : http;
  // LIFO keeps a few sockets warm instead of cycling through all of them.
  // `timeout` makes the agent honour the server's `Keep-Alive: timeout=N` (it drops an idle socket
  // a second before the server would), so a command is not sent down a socket being closed.
  const agent = new transport.Agent({ keepAlive: true, maxSockets, scheduling: "lifo", timeout: IDLE_SOCKET_TIMEOUT_MS });
  const basePath = base.pathname.replace(/\/$/, "");
  const headers = {
    authorization: `Bearer ${token}`,
    "content-type": "application/json",
    "upstash-encoding": "base64",
  };

  const queue: Queued[] = [];

  function flush(): void {
    const batch = queue.splice(0, maxBatch);
    if (queue.length) setImmediate(flush);
    if (!batch.length) return;
    if (batch.length === 1) {
      const [one] = batch;
      send(undefined, one!.body).then(one!.resolve as (r: unknown) => void, one!.reject);
      return;
    }
    send(["pipeline"], batch.map((q) => q.body)).then(
      (results) => {
        const list = results as UpstashResponse<unknown>[];
        batch.forEach((q, i) => {
          const r = list[i];
          if (r) q.resolve(r);
          else q.reject(new RedisRestError("the pipeline answered fewer results than commands"));
        });
      },
      (err: unknown) => batch.forEach((q) => q.reject(err)),
    );
  }

  function request<TResult = unknown>(req: UpstashRequest): Promise<UpstashResponse<TResult>> {
    if (req.isStreaming) return Promise.reject(new RedisRestError("streaming responses are not supported by this transport"));
    // A single command (no path: not the library's own pipeline or transaction) waits for the
    // end of this turn of the event loop, to travel with the others issued meanwhile.
    if (maxBatch > 1 && !req.path?.length && !req.headers && !req.signal) {
      return new Promise((resolve, reject) => {
        if (queue.push({ body: req.body, resolve: resolve as Queued["resolve"], reject }) === 1) setImmediate(flush);
      });
    }
    return send(req.path, req.body, req) as Promise<UpstashResponse<TResult>>;
  }

  function send(pathParts: string[] | undefined, payload: unknown, req?: UpstashRequest): Promise<unknown> {
    const body = JSON.stringify(payload);
    const path = [basePath, ...(pathParts ?? [])].join("/") || "/";
    return new Promise((resolve, reject) => {
      let settled = false;
      const done = (fn: () => void) => {
        if (settled) return;
        settled = true;
        cancelDeadline();
        fn();
      };
      const out = transport.request(
        {
          agent,
          protocol: base.protocol,
          hostname: base.hostname,
          port: base.port || undefined,
          method: "POST",
          path,
          headers: { ...headers, ...req?.headers, "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("error", (err) => done(() => reject(err)));
          res.on("end", () =>
            done(() => {
              const text = Buffer.concat(chunks).toString("utf8");
              let parsed: unknown;
              try {
                parsed = JSON.parse(text);
              } catch {
                reject(new RedisRestError(`Redis REST answered ${res.statusCode} with a body that is not JSON`));
                return;
              }
              const status = res.statusCode ?? 0;
              if (status < 200 || status >= 300) {
                // Like the library: the error text only, never the command (it can carry user data).
                const message = (parsed as { error?: unknown } | null)?.error;
                reject(new RedisRestError(typeof message === "string" ? message : `Redis REST answered ${status}`));
                return;
              }
              resolve(decodeBody(parsed));
            }),
          );
        },
      );
      const cancelDeadline = afterDeadline(timeoutMs, () => out.destroy(new RedisRestError(`no answer within ${timeoutMs} ms`)));
      out.on("error", (err) => done(() => reject(err)));
      req?.signal?.addEventListener?.("abort", () => out.destroy(new RedisRestError("aborted")), { once: true });
      out.end(body);
    });
  }

  return { request };
}

/** `{result, error}` or an array of them (pipelines), with base64 strings decoded. */
function decodeBody(body: unknown): unknown {
  if (Array.isArray(body)) return body.map((r: { result?: unknown; error?: string }) => ({ result: decode(r.result), error: r.error }));
  const { result, error } = (body ?? {}) as { result?: unknown; error?: string };
  return { result: decode(result), error };
}

// The same rules as @upstash/redis' own decoder: every string is base64 except a bare top-level
// "OK"; numbers and nulls pass through; arrays are decoded element by element.
function decode(raw: unknown, top = true): unknown {
  if (typeof raw === "string") return top && raw === "OK" ? "OK" : Buffer.from(raw, "base64").toString("utf8");
  if (Array.isArray(raw)) return raw.map((v) => decode(v, false));
  return raw;
}
