// The guard in front of Next: a real http server made through the patched createServer, and
// raw requests (fetch refuses to send TRACE, so node:http does).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installGuard, refusal } from "./guard.mjs";

let server: http.Server;
let port = 0;
let reached = 0;
const original = http.createServer;

beforeAll(async () => {
  installGuard(http);
  server = http.createServer((req, res) => {
    reached++;
    res.end(req.url === "/peer" ? String(req.headers["x-marquee-peer"]) : "app");
  });
  http.createServer = original;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function send(method: string, path: string): Promise<{ status: number; body: string; allow?: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode!, body, allow: res.headers.allow }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("request guard", () => {
  it("answers TRACE with 405 and the methods allowed, without reaching the app", async () => {
    const before = reached;
    const res = await send("TRACE", "/api/v1/events");
    expect(res.status).toBe(405);
    expect(JSON.parse(res.body)).toEqual({ error: { code: "METHOD_NOT_ALLOWED", message: "TRACE is not supported" } });
    expect(res.allow).toContain("GET");
    // Methods Node's parser does not know never get this far: a 400 of its own.
    expect((await send("TRACK", "/")).status).toBe(400);
    expect(reached).toBe(before);
  });

  it("answers a path with broken percent-encoding with 400, and lets good ones through", async () => {
    const bad = await send("GET", "/api/v1/shows/%E0%A4%A");
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe("VALIDATION_FAILED");
    expect((await send("GET", "/events/caf%C3%A9?q=%E0%A4%A")).body).toBe("app");
    expect((await send("DELETE", "/api/v1/x")).body).toBe("app");
  });

  it("stamps the TCP peer's address over any the client claims", async () => {
    const res = await new Promise<string>((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port, path: "/peer", headers: { "x-marquee-peer": "203.0.113.7" } }, (r) => {
        let body = "";
        r.on("data", (c) => (body += c));
        r.on("end", () => resolve(body));
      });
      req.on("error", reject);
      req.end();
    });
    expect(res).toBe("127.0.0.1");
  });

  it("refuses by rule, not by list of paths", () => {
    expect(refusal({ method: "GET", url: "/%zz" })?.status).toBe(400);
    expect(refusal({ method: "PATCH", url: "/a%20b" })).toBeNull();
    expect(refusal({ method: "CONNECT", url: "/" })?.status).toBe(405);
  });
});
