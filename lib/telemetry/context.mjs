// The request in progress, for logs and metrics: its id, the route it matched and, once the app
// has identified the caller, the user. The launcher's request guard (lib/server/guard.mjs, plain
// Node) opens it; app code (bundled by Next) reads and adds to it. Both reach the one store
// through globalThis, since each has its own copy of this module.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/** @typedef {{ id: string, userId?: string }} RequestContext */

const KEY = Symbol.for("marquee.requestContext");
const g = /** @type {Record<symbol, AsyncLocalStorage<RequestContext> | undefined>} */ (/** @type {unknown} */ (globalThis));
/** @type {AsyncLocalStorage<RequestContext>} */
const storage = (g[KEY] ??= new AsyncLocalStorage());

/** The header a request id travels in, both ways. */
export const REQUEST_ID_HEADER = "x-request-id";

// A caller's id is kept when it looks like one (a proxy's or a client's trace id); anything
// else (too long, odd characters that would garble a log line) is replaced.
const ACCEPTABLE_ID = /^[A-Za-z0-9._:@\/+=-]{8,128}$/;

/**
 * The id for a request: the caller's `x-request-id` when it is a plausible id, else a new one.
 * @param {string | string[] | undefined} incoming
 */
export function requestIdFrom(incoming) {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && ACCEPTABLE_ID.test(value) ? value : randomUUID();
}

/**
 * Runs `fn` with `ctx` as the request in progress.
 * @template T
 * @param {RequestContext} ctx
 * @param {() => T} fn
 * @returns {T}
 */
export function runWithRequest(ctx, fn) {
  return storage.run(ctx, fn);
}

/** The request in progress, if any. @returns {RequestContext | undefined} */
export function currentRequest() {
  return storage.getStore();
}

/**
 * Records who the request is from (for the access log). No-op outside a request.
 * @param {string} userId
 */
export function setRequestUser(userId) {
  const ctx = storage.getStore();
  if (ctx) ctx.userId = userId;
}
