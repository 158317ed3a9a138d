import { getPathMatch } from "next/dist/shared/lib/router/utils/path-match";
import { describe, expect, it } from "vitest";
import { API_CONTENT_SECURITY_POLICY, contentSecurityPolicy, securityHeaderRules, securityHeaders } from "./security-headers.js";

function asRecord(options: { nodeEnv: string; appUrl: string }): Record<string, string> {
  return Object.fromEntries(securityHeaders(options).map(({ key, value }) => [key, value]));
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(";").map((part) => {
      const [name = "", ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe("securityHeaders", () => {
  it("sends the fixed hardening headers everywhere", () => {
    for (const nodeEnv of ["development", "production", "test"]) {
      const headers = asRecord({ nodeEnv, appUrl: "http://localhost:3000" });
      expect(headers).toMatchObject({
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Permissions-Policy": "camera=(self), geolocation=(self), microphone=()",
        "X-Frame-Options": "DENY",
      });
      expect(headers["Content-Security-Policy"]).toBeDefined();
    }
  });

  it("sends HSTS only from a production build served over https", () => {
    expect(asRecord({ nodeEnv: "production", appUrl: "https://marquee.example" })["Strict-Transport-Security"]).toBe(
      "max-age=63072000; includeSubDomains",
    );
    expect(asRecord({ nodeEnv: "production", appUrl: "http://localhost:3000" })).not.toHaveProperty("Strict-Transport-Security");
    expect(asRecord({ nodeEnv: "development", appUrl: "https://marquee.example" })).not.toHaveProperty("Strict-Transport-Security");
  });

  it("uses the production CSP in production", () => {
    const csp = asRecord({ nodeEnv: "production", appUrl: "https://marquee.example" })["Content-Security-Policy"];
    expect(csp).toBe(contentSecurityPolicy({ dev: false }));
  });
});

describe("contentSecurityPolicy", () => {
  const prod = directives(contentSecurityPolicy({ dev: false }));

  it("cannot be framed and locks down base, forms and plugins", () => {
    expect(prod.get("frame-ancestors")).toEqual(["'none'"]);
    expect(prod.get("base-uri")).toEqual(["'self'"]);
    expect(prod.get("form-action")).toEqual(["'self'"]);
    expect(prod.get("object-src")).toEqual(["'none'"]);
    expect(prod.get("default-src")).toEqual(["'self'"]);
  });

  it("allows Stripe.js, its frames and its API, and nothing else remote", () => {
    expect(prod.get("script-src")).toEqual(["'self'", "'unsafe-inline'", "https://js.stripe.com", "https://*.js.stripe.com"]);
    expect(prod.get("frame-src")).toEqual(["https://js.stripe.com", "https://*.js.stripe.com", "https://hooks.stripe.com"]);
    expect(prod.get("connect-src")).toEqual(["'self'", "https://api.stripe.com"]);
    expect(prod.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
    expect(prod.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(prod.get("font-src")).toEqual(["'self'", "data:"]);
  });

  it("allows eval only in development", () => {
    expect(prod.get("script-src")).not.toContain("'unsafe-eval'");
    expect(directives(contentSecurityPolicy({ dev: true })).get("script-src")).toContain("'unsafe-eval'");
    expect(asRecord({ nodeEnv: "development", appUrl: "http://localhost:3000" })["Content-Security-Policy"]).toContain("'unsafe-eval'");
  });
});

describe("securityHeaderRules (next.config.js headers())", () => {
  const options = { nodeEnv: "production", appUrl: "https://marquee.example" };
  const rules = securityHeaderRules(options);
  // Matched the way Next.js matches a headers() source.
  const matching = (path: string) => rules.filter((r) => getPathMatch(r.source, { strict: true, removeUnnamedParams: true })(path) !== false);
  const csp = (path: string) => matching(path).map((r) => r.headers.find((h) => h.key === "Content-Security-Policy")!.value);

  it("gives every path exactly one set: the API's under /api/v1, the pages' everywhere else", () => {
    for (const path of ["/api/v1", "/api/v1/shows/x/seats", "/api/v1/bookings/x/lock-seats"]) expect(csp(path)).toEqual([API_CONTENT_SECURITY_POLICY]);
    for (const path of ["/", "/shows/x", "/checkout/x", "/api/auth/session", "/api/cron/release-expired-holds", "/api/v1x"]) {
      expect(csp(path)).toEqual([contentSecurityPolicy({ dev: false })]);
    }
  });

  it("hardens API answers like pages, with nothing in a value Next.js would compile per request", () => {
    const api = Object.fromEntries(rules[0]!.headers.map(({ key, value }) => [key, value]));
    expect(api).toMatchObject({ "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Strict-Transport-Security": "max-age=63072000; includeSubDomains" });
    expect(rules[0]!.headers.filter((h) => h.value.includes(":"))).toEqual([]);
  });
});
