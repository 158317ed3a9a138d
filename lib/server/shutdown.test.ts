// The graceful stop, on a real http server: in-flight requests finish, new connections are
// refused, the app's hooks run after the requests and in order, and a hung hook cannot keep the
// process up past the timeout.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { endDrainForTests, isDraining, onShutdown, shutdownHooks } from "../telemetry/lifecycle.mjs";
import { createLogger } from "../telemetry/log.mjs";
import { installGuard } from "./guard.mjs";
import { installShutdown } from "./shutdown.mjs";

const logger = createLogger({ level: "silent", destination: new Writable({ write: (_c, _e, done) => done() }) });
const hookNames = () => shutdownHooks().map((h) => h.name);

async function slowServer(ms: number) {
  const events: string[] = [];
  const server = http.createServer((req, res) => {
    events.push(`start ${req.url}`);
    setTimeout(() => {
      events.push(`end ${req.url}`);
      res.end("done");
    }, ms);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, events, port: (server.address() as AddressInfo).port };
}

afterEach(() => {
  endDrainForTests();
  for (const name of hookNames()) onShutdown(name, () => {});
});

describe("graceful shutdown", () => {
  it("finishes requests in flight, refuses new connections, then runs the hooks in order and exits 0", async () => {
    const { server, events, port } = await slowServer(300);
    const exits: number[] = [];
    onShutdown("test: cron", () => void events.push("hook cron"));
    onShutdown("test: database", async () => {
      await new Promise((r) => setTimeout(r, 20));
      events.push("hook database");
    });
    const stop = installShutdown({ servers: [server], logger, exit: (c) => exits.push(c), timeoutMs: 5000, signals: [] });

    // fetch keeps its connection alive, as a reverse proxy's are: it must still be let go.
    const inFlight = fetch(`http://127.0.0.1:${port}/slow`).then(async (r) => ({ status: r.status, body: await r.text() }));
    await new Promise((r) => setTimeout(r, 50));
    const stopping = stop("SIGTERM");
    expect(isDraining()).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    const refused = await fetch(`http://127.0.0.1:${port}/late`).then(
      () => "answered",
      (err: Error) => (err.cause as { code?: string })?.code ?? err.message,
    );
    expect(refused).toBe("ECONNREFUSED");
    expect(await inFlight).toEqual({ status: 200, body: "done" });
    await stopping;
    expect(events).toEqual(["start /slow", "end /slow", "hook cron", "hook database"]);
    expect(exits).toEqual([0]);
    expect(server.listening).toBe(false);
  });

  it("a failing hook does not stop the later ones", async () => {
    const { server } = await slowServer(1);
    const ran: string[] = [];
    const exits: number[] = [];
    onShutdown("test: cron", () => {
      throw new Error("timer already gone");
    });
    onShutdown("test: database", () => void ran.push("database"));
    await installShutdown({ servers: [server], logger, exit: (c) => exits.push(c), timeoutMs: 5000, signals: [] })("SIGTERM");
    expect(ran).toEqual(["database"]);
    expect(exits).toEqual([0]);
  });

  it("exits 1 at the timeout when something hangs", async () => {
    const { server } = await slowServer(1);
    const exits: number[] = [];
    onShutdown("test: cron", () => new Promise(() => {}));
    void installShutdown({ servers: [server], logger, exit: (c) => exits.push(c), timeoutMs: 200, signals: [] })("SIGTERM");
    await new Promise((r) => setTimeout(r, 400));
    expect(exits).toEqual([1]);
  });
});

describe("graceful shutdown with a delay", () => {
  it("keeps serving (and reports draining) for SHUTDOWN_DELAY_SECONDS before it stops accepting", async () => {
    const original = http.createServer;
    installGuard(http);
    const { server, port } = await slowServer(1);
    http.createServer = original;
    const exits: number[] = [];
    const stopping = installShutdown({ servers: [server], logger, exit: (c) => exits.push(c), timeoutMs: 5000, delayMs: 300, signals: [] })("SIGTERM");
    await new Promise((r) => setTimeout(r, 100));
    expect(isDraining()).toBe(true);
    // Within the delay: still answered, and told not to keep the connection.
    const during = await fetch(`http://127.0.0.1:${port}/during-delay`);
    expect(during.status).toBe(200);
    expect(during.headers.get("connection")).toBe("close");
    await stopping;
    expect(exits).toEqual([0]);
    const after = await fetch(`http://127.0.0.1:${port}/after`).then(
      () => "answered",
      (err: Error) => (err.cause as { code?: string })?.code,
    );
    expect(after).toBe("ECONNREFUSED");
  });
});
