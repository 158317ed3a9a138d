// What the launcher does when a request ends: one access-log line and the HTTP latency metric.
// The path is logged without its query string (reset and verification links carry tokens
// there); the route is the pattern it matched, which is also the metric's label.
import { metrics } from "../telemetry/metrics.mjs";

/**
 * @param {{ resolveRoute: (pathname: string) => string, logger: import("pino").Logger }} deps
 * @returns {import("./guard.mjs").RequestObserver}
 */
export function accessObserver({ resolveRoute, logger }) {
  return (req, res, ctx, startedNs) => {
    const seconds = Number(process.hrtime.bigint() - startedNs) / 1e9;
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path = q === -1 ? url : url.slice(0, q);
    const route = resolveRoute(path);
    const status = res.statusCode;
    // The client went away before the whole answer was sent.
    const aborted = !res.writableFinished;
    const method = req.method ?? "";
    metrics.httpDuration.observe({ method, route, status: String(status) }, seconds);
    const asset = route === "/_next/static" || route === "(public file)" || route === "/_next/image";
    const level = status >= 500 ? "error" : asset ? "debug" : "info";
    if (!logger.isLevelEnabled(level)) return;
    logger[level](
      {
        reqId: ctx.id,
        ...(ctx.userId ? { userId: ctx.userId } : {}),
        method,
        path,
        route,
        status,
        durationMs: Math.round(seconds * 10_000) / 10,
        ...(aborted ? { aborted: true } : {}),
      },
      `${method} ${path} ${status}`,
    );
  };
}
