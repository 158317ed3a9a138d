// Request ids, the request context and the access log, through a real http server made by the
// patched createServer (as `npm start` makes Next's).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import client from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentRequest, setRequestUser } from "../telemetry/context.mjs";
import { createLogger } from "../telemetry/log.mjs";
import { accessObserver } from "./access.mjs";
import { installGuard } from "./guard.mjs";
import { routeResolver } from "./routes.mjs";

const lines: Record<string, unknown>[] = [];
const destination = new Writable({
  write(chunk, _enc, done) {
    for (const l of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
    done();
  },
});
const logger = createLogger({ level: "info", format: "json", destination });
const resolveRoute = routeResolver({ dynamicRoutes: [{ page: "/api/v1/bookings/[bookingId]", regex: "^/api/v1/bookings/([^/]+?)(?:/)?$" }] });

let server: http.Server;
let port = 0;
const original = http.createServer;

beforeAll(async () => {
  installGuard(http, { observe: accessObserver({ resolveRoute, logger }) });
  server = http.createServer(async (req, res) => {
    // The context survives awaits, as it must through Next's handlers.
    await new Promise((r) => setTimeout(r, 5));
    if (req.url?.startsWith("/api/v1/bookings/")) setRequestUser("user-42");
    res.statusCode = req.url?.includes("fail") ? 500 : 200;
    res.end(JSON.stringify({ seen: currentRequest()?.id, header: req.headers["x-request-id"] }));
  });
  http.createServer = original;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function get(path: string, headers: Record<string, string> = {}, method = "GET") {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers });
  const body = await res.text();
  // The access line is written when the response closes, just after the client has it.
  await new Promise((r) => setTimeout(r, 20));
  return { status: res.status, id: res.headers.get("x-request-id"), body };
}

describe("request ids and the access log", () => {
  it("keeps a caller's plausible x-request-id, and the app sees the same id in its context", async () => {
    const r = await get("/api/v1/bookings/b-1?token=secret-reset-token", { "x-request-id": "lb-trace-0001" });
    expect(r.id).toBe("lb-trace-0001");
    expect(JSON.parse(r.body)).toEqual({ seen: "lb-trace-0001", header: "lb-trace-0001" });
    const line = lines.find((l) => l.reqId === "lb-trace-0001")!;
    expect(line).toMatchObject({ level: "info", method: "GET", path: "/api/v1/bookings/b-1", route: "/api/v1/bookings/[bookingId]", status: 200, userId: "user-42" });
    expect(line.durationMs).toBeGreaterThanOrEqual(4);
    // The query string (reset links carry tokens there) is never logged.
    expect(JSON.stringify(line)).not.toContain("secret-reset-token");
  });

  it("replaces a missing or implausible id with a fresh UUID, different each time", async () => {
    const a = await get("/x");
    const b = await get("/x", { "x-request-id": "bad id with spaces {\"json\":1}" });
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(a.id).toMatch(uuid);
    expect(b.id).toMatch(uuid);
    expect(a.id).not.toBe(b.id);
    expect(JSON.parse(a.body).seen).toBe(a.id);
  });

  it("logs 5xx at error level, and requests the guard refuses too, with their id", async () => {
    const failed = await get("/fail");
    expect(lines.find((l) => l.reqId === failed.id)).toMatchObject({ level: "error", status: 500, route: "(unmatched)" });
    const refused = await get("/%E0%A4%A");
    expect(refused.status).toBe(400);
    expect(refused.id).toBeTruthy();
    expect(lines.find((l) => l.reqId === refused.id)).toMatchObject({ status: 400 });
  });

  it("times each request into marquee_http_request_duration_seconds by route pattern, method and status", async () => {
    const count = async () => {
      const m = await client.register.getSingleMetric("marquee_http_request_duration_seconds")!.get();
      const values = m.values as { metricName?: string; labels: Record<string, string | number>; value: number }[];
      return values.find((v) => v.metricName === "marquee_http_request_duration_seconds_count" && v.labels.route === "/api/v1/bookings/[bookingId]" && v.labels.status === "200" && v.labels.method === "GET")?.value ?? 0;
    };
    const before = await count();
    await get("/api/v1/bookings/b-2");
    await get("/api/v1/bookings/b-3");
    expect((await count()) - before).toBe(2);
  });
});
