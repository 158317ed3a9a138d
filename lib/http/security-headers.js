// Response headers for every route, applied by next.config.js `headers()`. Plain JS so the config
// can import it. Next.js evaluates headers() at build time: NODE_ENV and APP_URL here are the
// build's, so build with the APP_URL you deploy.

/** @typedef {{ key: string, value: string }} Header */
/** @typedef {{ nodeEnv: string, appUrl: string }} SecurityHeaderOptions */

const STRIPE_JS = ["https://js.stripe.com", "https://*.js.stripe.com"];

/**
 * The Content-Security-Policy. Next.js' inline bootstrap scripts need 'unsafe-inline' (no nonces
 * here); React's dev tooling needs 'unsafe-eval', so only outside production.
 * @param {{ dev: boolean }} options
 * @returns {string}
 */
export function contentSecurityPolicy({ dev }) {
  /** @type {Record<string, string[]>} */
  const directives = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", ...(dev ? ["'unsafe-eval'"] : []), ...STRIPE_JS],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", "https://api.stripe.com"],
    "frame-src": [...STRIPE_JS, "https://hooks.stripe.com"],
    // QR scanners decode camera frames in workers, often started from blob: URLs.
    "worker-src": ["'self'", "blob:"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "object-src": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}

/**
 * The JSON API's CSP: its answers are data, never documents that load anything or may be framed.
 * (No `:` in it, nor in any API header: Next.js compiles a header value containing one as a
 * template on every request, which was ~2% of the flash-sale server's CPU.)
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Where the API's headers apply; pages (and Auth.js under /api/auth) get the page headers. */
export const API_SOURCE = "/api/v1/:path*";
export const PAGE_SOURCE = "/:path((?!api/v1(?:/|$)).*)";

/**
 * @param {SecurityHeaderOptions & { api?: boolean }} options
 * @returns {Header[]}
 */
export function securityHeaders({ nodeEnv, appUrl, api = false }) {
  const production = nodeEnv === "production";
  /** @type {Header[]} */
  const headers = [
    { key: "Content-Security-Policy", value: api ? API_CONTENT_SECURITY_POLICY : contentSecurityPolicy({ dev: !production }) },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    // The check-in page scans tickets with the camera; nothing records audio.
    { key: "Permissions-Policy", value: "camera=(self), geolocation=(self), microphone=()" },
    { key: "X-Frame-Options", value: "DENY" },
  ];
  // HSTS on a plain-http origin (localhost) would be ignored at best and pin a dev host at worst.
  if (production && appUrl.startsWith("https://")) {
    headers.push({ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" });
  }
  return headers;
}

/**
 * next.config.js `headers()`: every path gets one set, the API's or the pages'.
 * @param {SecurityHeaderOptions} options
 * @returns {{ source: string, headers: Header[] }[]}
 */
export function securityHeaderRules(options) {
  return [
    { source: API_SOURCE, headers: securityHeaders({ ...options, api: true }) },
    { source: PAGE_SOURCE, headers: securityHeaders(options) },
  ];
}
