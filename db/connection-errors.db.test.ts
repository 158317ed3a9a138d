// A database that cannot be reached, or drops us, is a 503 DATABASE_UNAVAILABLE with Retry-After,
// not an opaque 500 — and fast (DATABASE_CONNECT_TIMEOUT_SECONDS, not postgres.js' 30 s). Each
// failure is produced for real by a postgres.js client: a port nobody listens on, a server that
// never answers, a connection reset mid-query, and (on a Postgres server) pg_terminate_backend
// and a proxy cut as in a restart, after which the same pool works again.
import net from "node:net";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db, openDatabase } from "@/db/client";
import { isConnectionError } from "@/db/errors";
import { queryRows } from "@/db/rows";
import { createTcpProxy } from "@/lib/devtools/proxies/tcp-proxy";
import { AppError, toAppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/route";

const realServer = process.env.DATABASE_URL;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function server(onConnection: (s: net.Socket) => void): Promise<number> {
  const sockets = new Set<net.Socket>();
  const s = net.createServer((socket) => {
    sockets.add(socket);
    onConnection(socket);
  });
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  cleanups.push(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise((r) => s.close(r));
  });
  return (s.address() as AddressInfo).port;
}

/** A postgres.js handle on `url`, closed after the test. */
function client(url: string, connectTimeoutSeconds = 5) {
  const h = openDatabase({ url, max: 2, connectTimeoutSeconds });
  cleanups.push(() => h.close().catch(() => {}));
  return h;
}

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error("expected the query to fail");
}

async function expect503(err: unknown) {
  expect(isConnectionError(err)).toBe(true);
  const app = toAppError(err);
  expect(app).toBeInstanceOf(AppError);
  expect(app.code).toBe("DATABASE_UNAVAILABLE");
  const res = errorResponse(err);
  expect(res.status).toBe(503);
  expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
  const body = await res.json();
  expect(body.error.code).toBe("DATABASE_UNAVAILABLE");
  // Nothing of the cause (addresses, ports) reaches the caller.
  expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|ECONN|CONNECT/);
}

describe("connection errors become 503 DATABASE_UNAVAILABLE", () => {
  it("a refused connection (the server down or restarting)", async () => {
    const closed = await server(() => {});
    await cleanups.pop()!(); // close it: the port now refuses
    const h = client(`postgres://postgres@127.0.0.1:${closed}/x`);
    const err = await failure(() => h.db.execute(sql`SELECT 1`));
    expect((err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code).toBe("ECONNREFUSED");
    await expect503(err);
  });

  it("a server that never answers fails within the connect timeout, not postgres.js' 30 s", async () => {
    const port = await server((s) => s.on("error", () => {})); // accepts, says nothing
    const h = client(`postgres://postgres@127.0.0.1:${port}/x`, 1);
    const started = Date.now();
    const err = await failure(() => h.db.execute(sql`SELECT 1`));
    expect(Date.now() - started).toBeLessThan(3_000);
    await expect503(err);
  });

  it("a connection reset while connecting", async () => {
    const port = await server((s) => s.resetAndDestroy());
    const err = await failure(() => client(`postgres://postgres@127.0.0.1:${port}/x`).db.execute(sql`SELECT 1`));
    await expect503(err);
  });

  it("SQLSTATEs of a server going away: 57P01–57P03 and class 08", async () => {
    for (const code of ["57P01", "57P02", "57P03", "08006", "08001"]) {
      await expect503(Object.assign(new Error("terminating connection"), { code }));
      await expect503(new Error("Failed query", { cause: Object.assign(new Error("x"), { code }) })); // as Drizzle wraps it
    }
  });

  it("query errors stay what they were: a 500 for a bug, a 400 for a bad value", async () => {
    const bug = await failure(() => db.execute(sql`SELECT * FROM no_such_table`));
    expect(isConnectionError(bug)).toBe(false);
    expect(toAppError(bug).code).toBe("INTERNAL");
    const bad = await failure(() => db.execute(sql`SELECT ${"abc"}::int`));
    expect(toAppError(bad).code).toBe("VALIDATION_FAILED");
    expect(isConnectionError(new Error("plain"))).toBe(false);
  });
});

describe.skipIf(!realServer)("on a Postgres server", () => {
  it("pg_terminate_backend mid-session is a 503, and the pool carries on with a new connection", async () => {
    const h = client(process.env.DATABASE_URL!);
    const pid = (await queryRows<{ pid: number }>(h.db, sql`SELECT pg_backend_pid() AS pid`))[0]?.pid;
    const slow = failure(() => h.db.execute(sql`SELECT pg_sleep(5)`));
    await new Promise((r) => setTimeout(r, 200));
    const sleeper = (await queryRows<{ pid: number }>(db, sql`SELECT pid FROM pg_stat_activity WHERE query LIKE '%pg_sleep(5)%' AND pid <> pg_backend_pid()`))[0]?.pid;
    expect(sleeper).toBeGreaterThan(0);
    await db.execute(sql`SELECT pg_terminate_backend(${sleeper}::int)`);
    const err = await slow;
    // The server's FATAL 57P01 or, when the socket closes first, postgres.js' CONNECTION_CLOSED.
    expect(["57P01", "CONNECTION_CLOSED"]).toContain((err as { cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code);
    await expect503(err);
    const after = await queryRows<{ one: number }>(h.db, sql`SELECT 1 AS one`);
    expect(after[0]!.one).toBe(1);
    expect(pid).toBeGreaterThan(0);
  });

  it("a restart (every connection reset, then refused): 503 fast, then the same pool recovers on its own", async () => {
    const url = new URL(process.env.DATABASE_URL!);
    const proxy = await createTcpProxy({ targetHost: url.hostname, targetPort: Number(url.port || 5432) });
    cleanups.push(() => proxy.close());
    url.host = `127.0.0.1:${proxy.port}`;
    const h = client(url.toString(), 2);
    expect((await queryRows<{ one: number }>(h.db, sql`SELECT 1 AS one`))[0]!.one).toBe(1);

    await proxy.cut();
    const started = Date.now();
    await expect503(await failure(() => h.db.execute(sql`SELECT 1`)));
    await expect503(await failure(() => h.db.execute(sql`SELECT 1`)));
    expect(Date.now() - started).toBeLessThan(2_000);

    await proxy.restore();
    expect((await queryRows<{ one: number }>(h.db, sql`SELECT 2 AS one`))[0]!.one).toBe(2);
  });
});
