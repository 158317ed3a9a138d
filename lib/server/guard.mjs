// In front of Next.js: requests it would answer with a bare "500 Internal Server Error" before any
// of our code runs. TRACE (and TRACK/CONNECT) cannot be turned into a web Request, and a path with
// broken percent-encoding ("/shows/%E0%A4%A") fails Next's own decoding. Both are the client's
// mistake: a 405 or 400 in the API's error format. It also stamps the TCP peer's address on each
// request (PEER_HEADER), over any value the client sent, for per-address rate limits, and gives
// each request its id (x-request-id, kept from the caller or made here, and sent back) and the
// request context logs read it from (lib/ops/context.mjs); when a request ends, an observer (the
// access log and metrics, ./access.mjs) hears of it.
import { REQUEST_ID_HEADER, requestIdFrom, runWithRequest } from "../telemetry/context.mjs";
import { isDraining } from "../telemetry/lifecycle.mjs";

/** The TCP peer's address, set here on every request over anything a client sent as it. */
export const PEER_HEADER = "x-marquee-peer";

const INSTALLED = Symbol.for("marquee.guardInstalled");
const g = /** @type {Record<symbol, boolean | undefined>} */ (/** @type {unknown} */ (globalThis));

/**
 * Whether this process runs behind the guard (the production launcher). Only then is PEER_HEADER
 * ours: under plain `next start`, `next dev` or a serverless host it is whatever the client sent.
 */
export function guardInstalled() {
  return g[INSTALLED] === true;
}

/** Methods the app answers; anything else is a 405 before it reaches Next. */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const allowed = new Set(ALLOWED_METHODS);

/**
 * The refusal for a request Next cannot take, or null when it can.
 * @param {{ method?: string, url?: string }} req
 * @returns {{ status: number, code: string, message: string, headers?: Record<string, string> } | null}
 */
export function refusal(req) {
  if (!allowed.has(req.method ?? "")) {
    return { status: 405, code: "METHOD_NOT_ALLOWED", message: `${req.method} is not supported`, headers: { allow: ALLOWED_METHODS.join(", ") } };
  }
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const pathname = q === -1 ? url : url.slice(0, q);
  try {
    decodeURIComponent(pathname);
  } catch {
    return { status: 400, code: "VALIDATION_FAILED", message: "The URL path is not valid percent-encoding" };
  }
  return null;
}

/**
 * Told of each request once its response is finished or the connection dropped.
 * @typedef {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse, ctx: import("../telemetry/context.mjs").RequestContext, startedNs: bigint) => void} RequestObserver
 */

/**
 * Wraps an http request listener so refused requests are answered here.
 * @template {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => unknown} L
 * @param {L} listener
 * @param {RequestObserver} [observe]
 * @returns {L}
 */
export function guarded(listener, observe) {
  return /** @type {L} */ (
    function (req, res) {
      const started = process.hrtime.bigint();
      const ctx = { id: requestIdFrom(req.headers[REQUEST_ID_HEADER]) };
      req.headers[REQUEST_ID_HEADER] = ctx.id;
      res.setHeader(REQUEST_ID_HEADER, ctx.id);
      // Stopping: each answer ends its connection, so keep-alive clients reconnect elsewhere.
      if (isDraining()) res.setHeader("connection", "close");
      if (observe) res.once("close", () => observe(req, res, ctx, started));
      const r = refusal(req);
      if (!r) {
        req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
        return runWithRequest(ctx, () => listener.call(this, req, res));
      }
      const body = JSON.stringify({ error: { code: r.code, message: r.message } });
      res.writeHead(r.status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), "cache-control": "no-store", ...r.headers });
      res.end(req.method === "HEAD" ? undefined : body);
    }
  );
}

/**
 * Makes every http server created from here on guarded: `next start` creates its own, so the
 * launcher installs this before it loads Next. `onServer` is handed each server made (the
 * launcher closes them on SIGTERM).
 * @param {typeof import("node:http")} http
 * @param {{ observe?: RequestObserver, onServer?: (server: import("node:http").Server) => void }} [opts]
 */
export function installGuard(http, opts = {}) {
  g[INSTALLED] = true;
  const create = http.createServer;
  http.createServer = /** @type {typeof http.createServer} */ (
    function (...args) {
      const i = args.findIndex((a) => typeof a === "function");
      if (i !== -1) args[i] = guarded(args[i], opts.observe);
      const server = create.apply(this, /** @type {any} */ (args));
      opts.onServer?.(server);
      return server;
    }
  );
}
