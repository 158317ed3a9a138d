// In front of Next.js: requests it would answer with a bare "500 Internal Server Error" before any
// of our code runs. TRACE (and TRACK/CONNECT) cannot be turned into a web Request, and a path with
// broken percent-encoding ("/shows/%E0%A4%A") fails Next's own decoding. Both are the client's
// mistake: a 405 or 400 in the API's error format. It also stamps the TCP peer's address on each
// request (PEER_HEADER), over any value the client sent, for per-address rate limits.

/** The TCP peer's address, set here on every request over anything a client sent as it. */
export const PEER_HEADER = "x-marquee-peer";

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
 * Wraps an http request listener so refused requests are answered here.
 * @template {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => unknown} L
 * @param {L} listener
 * @returns {L}
 */
export function guarded(listener) {
  return /** @type {L} */ (
    function (req, res) {
      const r = refusal(req);
      if (!r) {
        req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
        return listener.call(this, req, res);
      }
      const body = JSON.stringify({ error: { code: r.code, message: r.message } });
      res.writeHead(r.status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), "cache-control": "no-store", ...r.headers });
      res.end(req.method === "HEAD" ? undefined : body);
    }
  );
}

/**
 * Makes every http server created from here on guarded: `next start` creates its own, so the
 * launcher installs this before it loads Next.
 * @param {typeof import("node:http")} http
 */
export function installGuard(http) {
  const create = http.createServer;
  http.createServer = /** @type {typeof http.createServer} */ (
    function (...args) {
      const i = args.findIndex((a) => typeof a === "function");
      if (i !== -1) args[i] = guarded(args[i]);
      return create.apply(this, /** @type {any} */ (args));
    }
  );
}
