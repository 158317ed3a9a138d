// The app's one logger: pino, one JSON object a line on stdout (LOG_FORMAT=json, the default), or
// coloured lines for a person at a terminal (LOG_FORMAT=pretty, as `npm run demo` sets). Every
// line written during a request carries that request's id and, once known, the user id. Values
// under keys that name secrets (passwords, tokens, cookies, card fields, signatures) are
// replaced wherever they appear, so a careless `log.info({ body })` cannot leak one.
import pino from "pino";
import pretty from "pino-pretty";
import { envVar } from "../env.js";
import { currentRequest } from "./context.mjs";

const SECRET_KEYS = [
  "password",
  "newPassword",
  "currentPassword",
  "passwordHash",
  "token",
  "accessToken",
  "refreshToken",
  "resetToken",
  "secret",
  "clientSecret",
  "client_secret",
  "authorization",
  "cookie",
  "set-cookie",
  "x-queue-pass",
  "stripe-signature",
  "card",
  "cardNumber",
  "cvc",
  "cvv",
  "pass",
];
// Top level, one level down (`body.password`) and request/response headers.
const REDACT_PATHS = [
  ...SECRET_KEYS.map((k) => `["${k}"]`),
  ...SECRET_KEYS.map((k) => `*["${k}"]`),
  ...SECRET_KEYS.map((k) => `*.*["${k}"]`),
];

/** @param {{ level?: string, format?: string, destination?: import("pino").DestinationStream }} [opts] */
export function createLogger(opts = {}) {
  const level = opts.level ?? envVar("LOG_LEVEL");
  const format = opts.format ?? envVar("LOG_FORMAT");
  /** @type {import("pino").LoggerOptions} */
  const options = {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    mixin() {
      const ctx = currentRequest();
      return ctx ? (ctx.userId ? { reqId: ctx.id, userId: ctx.userId } : { reqId: ctx.id }) : {};
    },
  };
  const output =
    opts.destination ??
    (format === "pretty"
      ? pretty({
          sync: true,
          colorize: Boolean(process.stdout.isTTY),
          translateTime: "SYS:HH:MM:ss.l",
          // One line an entry; the access line's message already says method, path and status.
          singleLine: true,
          messageFormat: "[{component}] {msg}",
          ignore: "pid,hostname,component,reqId,method,path,route,status",
        })
      : pino.destination({ sync: true }));
  // Through a switch, so tests can read what the app logs (captureLogs in lib/testing/logs.ts).
  /** @type {import("pino").DestinationStream} */
  const destination = { write: (line) => (redirect ?? output).write(line) };
  return pino(options, opts.destination ?? destination);
}

/** @type {{ write(line: string): unknown } | null} */
let redirect = null;

/**
 * Tests: send the process logger's lines to `stream` (null: back to stdout).
 * @param {{ write(line: string): unknown } | null} stream
 */
export function redirectLogsForTests(stream) {
  redirect = stream;
}

const KEY = Symbol.for("marquee.logger");
const g = /** @type {Record<symbol, import("pino").Logger | undefined>} */ (/** @type {unknown} */ (globalThis));

/** The process's logger (shared by the launcher and the app bundle). */
export function logger() {
  return (g[KEY] ??= createLogger());
}

/**
 * A logger whose lines say which part of the app wrote them (`{"component":"outbox",…}`).
 * @param {string} component
 */
export function log(component) {
  return logger().child({ component });
}
