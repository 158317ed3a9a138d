// The route pattern a request path matched ("/api/v1/shows/[id]/queue"), for access logs and
// metrics labels: raw paths would give every show its own time series. Read from the build's
// routes manifest, so it names exactly the routes Next serves.
import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * @typedef {{ page: string, regex: string }} ManifestRoute
 * @typedef {{ staticRoutes?: ManifestRoute[], dynamicRoutes?: ManifestRoute[] }} RoutesManifest
 */

/**
 * A resolver from a path (no query) to its route pattern, "/_next/static" for build assets, or
 * "(unmatched)" for paths no route serves (their 404s still count, under one label).
 * @param {RoutesManifest} manifest
 * @returns {(pathname: string) => string}
 */
export function routeResolver(manifest) {
  const statics = new Set((manifest.staticRoutes ?? []).map((r) => r.page));
  const dynamics = (manifest.dynamicRoutes ?? []).map((r) => ({ page: r.page, regex: new RegExp(r.regex) }));
  /** @type {Map<string, string>} */
  const memo = new Map();
  return (pathname) => {
    if (pathname.startsWith("/_next/static/")) return "/_next/static";
    if (pathname.startsWith("/_next/image")) return "/_next/image";
    const trimmed = pathname.length > 1 && pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
    const known = memo.get(trimmed);
    if (known) return known;
    let page = statics.has(trimmed) ? trimmed : dynamics.find((r) => r.regex.test(trimmed))?.page;
    if (!page) page = /\.[a-z0-9]{2,5}$/i.test(trimmed) ? "(public file)" : "(unmatched)";
    // Bounded: a scanner's random paths must not grow it for ever.
    if (memo.size > 10_000) memo.clear();
    memo.set(trimmed, page);
    return page;
  };
}

/**
 * The resolver for the build in `distDir` (".next"); without a manifest every path is "(unknown)".
 * @param {string} [distDir]
 */
export function loadRouteResolver(distDir = path.join(process.cwd(), ".next")) {
  try {
    return routeResolver(JSON.parse(readFileSync(path.join(distDir, "routes-manifest.json"), "utf8")));
  } catch {
    return () => "(unknown)";
  }
}
