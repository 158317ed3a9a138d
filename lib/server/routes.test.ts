import { describe, expect, it } from "vitest";
import { routeResolver } from "./routes.mjs";

// The shape of .next/routes-manifest.json, as next build writes it.
const resolve = routeResolver({
  staticRoutes: [
    { page: "/", regex: "^/(?:/)?$" },
    { page: "/api/health", regex: "^/api/health(?:/)?$" },
  ],
  dynamicRoutes: [
    { page: "/api/v1/shows/[id]/queue", regex: "^/api/v1/shows/([^/]+?)/queue(?:/)?$" },
    { page: "/api/v1/shows/[id]", regex: "^/api/v1/shows/([^/]+?)(?:/)?$" },
    { page: "/events/[slug]", regex: "^/events/([^/]+?)(?:/)?$" },
  ],
});

describe("route patterns for logs and metrics", () => {
  it("names a static route by its path and a dynamic one by its pattern", () => {
    expect(resolve("/")).toBe("/");
    expect(resolve("/api/health")).toBe("/api/health");
    expect(resolve("/api/health/")).toBe("/api/health");
    expect(resolve("/api/v1/shows/9b1c0c9e-1f7e-4c1a-9d55-0a3f7f1d2b11/queue")).toBe("/api/v1/shows/[id]/queue");
    expect(resolve("/api/v1/shows/abc")).toBe("/api/v1/shows/[id]");
    expect(resolve("/events/kaal-chakra-2026")).toBe("/events/[slug]");
  });

  it("puts build assets, public files and unknown paths under one label each", () => {
    expect(resolve("/_next/static/chunks/app-123.js")).toBe("/_next/static");
    expect(resolve("/favicon.ico")).toBe("(public file)");
    expect(resolve("/wp-admin/setup")).toBe("(unmatched)");
    expect(resolve("/api/v1/shows/a/b/c")).toBe("(unmatched)");
  });

  it("answers the same after a scanner's endless distinct paths have filled and emptied its memo", () => {
    for (let i = 0; i < 25_000; i++) expect(resolve(`/probe-${i}`)).toBe("(unmatched)");
    expect(resolve("/api/v1/shows/x")).toBe("/api/v1/shows/[id]");
  });
});
