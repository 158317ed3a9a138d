import { httpStatus } from "@/lib/http/errors";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { assertSameOrigin, hasBearerToken, isSameOrigin, requestOrigin } from "./origin";

const APP_URL = "https://marquee.example";

function request(method: string, headers: Record<string, string>, url = "http://localhost:3000/api/v1/bookings/initiate") {
  return new Request(url, { method, headers });
}

function refusal(req: Request): AppError {
  try {
    assertSameOrigin(req, { appUrl: APP_URL });
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error("expected the request to be refused");
}

describe("assertSameOrigin", () => {
  it("accepts a same-origin POST by Host, X-Forwarded-Host or APP_URL", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(() => assertSameOrigin(request(method, { host: "localhost:3000", origin: "http://localhost:3000" }), { appUrl: APP_URL })).not.toThrow();
    }
    const proxied = request("POST", {
      host: "10.0.0.5:3000",
      "x-forwarded-host": "tickets.example, proxy.internal",
      "x-forwarded-proto": "https",
      origin: "https://tickets.example",
    });
    expect(() => assertSameOrigin(proxied, { appUrl: APP_URL })).not.toThrow();
    const viaAppUrl = request("POST", { host: "10.0.0.5:3000", origin: "https://marquee.example" });
    expect(() => assertSameOrigin(viaAppUrl, { appUrl: APP_URL })).not.toThrow();
  });

  it("refuses a cross-site POST with 403", () => {
    const err = refusal(request("POST", { host: "localhost:3000", origin: "https://evil.example" }));
    expect(err.code).toBe("FORBIDDEN");
    expect(httpStatus(err.code)).toBe(403);
    expect(err.message).toBe("Cross-site request refused");
    // Same host, other scheme or port: a different origin.
    refusal(request("POST", { host: "localhost:3000", origin: "https://localhost:3000" }));
    refusal(request("DELETE", { host: "localhost:3000", origin: "http://localhost:3001" }));
    refusal(request("POST", { host: "localhost:3000", origin: "null" }));
    // An Origin wins over a matching Referer.
    refusal(request("POST", { host: "localhost:3000", origin: "https://evil.example", referer: "http://localhost:3000/" }));
  });

  it("falls back to the Referer when there is no Origin", () => {
    const ok = request("POST", { host: "localhost:3000", referer: "http://localhost:3000/shows/42?seat=A1" });
    expect(() => assertSameOrigin(ok, { appUrl: APP_URL })).not.toThrow();
    refusal(request("POST", { host: "localhost:3000", referer: "https://evil.example/localhost:3000" }));
    refusal(request("POST", { host: "localhost:3000", referer: "not a url" }));
  });

  it("refuses a cookie request that names neither Origin nor Referer", () => {
    refusal(request("POST", { host: "localhost:3000", cookie: "authjs.session-token=abc" }));
    refusal(request("PATCH", { host: "localhost:3000", authorization: "Basic dXNlcjpwYXNz" }));
    refusal(request("POST", { host: "localhost:3000", authorization: "Bearer " }));
  });

  it("exempts Bearer-authenticated requests", () => {
    expect(() => assertSameOrigin(request("POST", { host: "localhost:3000", authorization: "Bearer tok_123" }), { appUrl: APP_URL })).not.toThrow();
    const crossSite = request("DELETE", { host: "localhost:3000", origin: "https://partner.example", authorization: "bearer tok_123" });
    expect(() => assertSameOrigin(crossSite, { appUrl: APP_URL })).not.toThrow();
  });

  it("exempts safe methods", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(() => assertSameOrigin(request(method, { host: "localhost:3000", origin: "https://evil.example" }), { appUrl: APP_URL })).not.toThrow();
    }
  });
});

describe("helpers", () => {
  it("isSameOrigin needs a source and compares whole origins", () => {
    expect(isSameOrigin(request("POST", { host: "localhost:3000" }), { appUrl: APP_URL })).toBe(false);
    expect(isSameOrigin(request("POST", { host: "localhost:3000", origin: "http://LOCALHOST:3000" }), { appUrl: APP_URL })).toBe(true);
    expect(isSameOrigin(request("POST", { origin: "https://marquee.example" }), { appUrl: "https://marquee.example:443/app" })).toBe(true);
  });

  it("requestOrigin prefers the forwarded host and scheme, else Host and the URL's scheme", () => {
    expect(requestOrigin(request("POST", { host: "localhost:3000" }))).toBe("http://localhost:3000");
    expect(requestOrigin(request("POST", { host: "a.example", "x-forwarded-proto": "https" }))).toBe("https://a.example");
    expect(requestOrigin(request("POST", {}, "https://b.example/x"))).toBe("https://b.example");
  });

  it("hasBearerToken wants a token after the scheme", () => {
    expect(hasBearerToken(new Headers({ authorization: "Bearer abc" }))).toBe(true);
    expect(hasBearerToken(new Headers({ authorization: "Bearer" }))).toBe(false);
    // Not a token requestUser() would accept, so no exemption from the origin check either.
    expect(hasBearerToken(new Headers({ authorization: "Bearer abc def" }))).toBe(false);
    expect(hasBearerToken(new Headers({ authorization: "Basic YWxhZGRpbjpvcGVuc2VzYW1l" }))).toBe(false);
    expect(hasBearerToken(new Headers())).toBe(false);
  });
});
