import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createRoundRobinProxy } from "./round-robin-proxy";
import { createTcpProxy } from "./tcp-proxy";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function listen(server: http.Server | net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((r) => (server instanceof http.Server && server.closeAllConnections(), server.close(r))));
  return (server.address() as AddressInfo).port;
}

/** An HTTP server that answers its name, the method, path, Host and the body it was sent. */
async function namedServer(name: string): Promise<string> {
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      res.setHeader("set-cookie", ["a=1", "b=2"]);
      res.end(JSON.stringify({ name, method: req.method, url: req.url, host: req.headers.host, body }));
    });
  });
  return `http://127.0.0.1:${await listen(server)}`;
}

describe("round-robin proxy", () => {
  it("sends each request to the next instance in turn, keeping Host, body and repeated headers", async () => {
    const proxy = await createRoundRobinProxy({ targets: [await namedServer("A"), await namedServer("B")] });
    cleanups.push(() => proxy.close());
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${proxy.url}/x?i=${i}`, { method: "POST", body: `hello ${i}`, headers: { "next-action": "abc" } });
      const got = await res.json();
      expect(got).toMatchObject({ method: "POST", url: `/x?i=${i}`, host: `127.0.0.1:${proxy.port}`, body: `hello ${i}` });
      expect(res.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
      seen.push(got.name);
    }
    expect(seen).toEqual(["A", "B", "A", "B"]);
    expect(proxy.requests.map((r) => [r.target, r.status, r.action])).toEqual([
      [0, 200, true],
      [1, 200, true],
      [0, 200, true],
      [1, 200, true],
    ]);
  });

  it("routes where pick says, and answers 502 for an instance that is down", async () => {
    const dead = net.createServer();
    const deadPort = await listen(dead);
    await new Promise((r) => dead.close(r));
    const proxy = await createRoundRobinProxy({
      targets: [await namedServer("A"), `http://127.0.0.1:${deadPort}`],
      pick: (req) => (req.url === "/dead" ? 1 : 0),
    });
    cleanups.push(() => proxy.close());
    expect((await (await fetch(`${proxy.url}/a`)).json()).name).toBe("A");
    expect((await (await fetch(`${proxy.url}/b`)).json()).name).toBe("A");
    expect((await fetch(`${proxy.url}/dead`)).status).toBe(502);
  });
});

/** A TCP echo server. */
async function echoServer(): Promise<number> {
  return listen(net.createServer((s) => s.pipe(s).on("error", () => {})));
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: "127.0.0.1", port }, () => resolve(s));
    s.once("error", reject);
  });
}

function roundTrip(s: net.Socket, text: string): Promise<string> {
  return new Promise((resolve) => {
    s.once("data", (d: Buffer) => resolve(d.toString()));
    s.write(text);
  });
}

describe("tcp proxy", () => {
  it("carries bytes, resets every connection and refuses new ones when cut, and carries again when restored", async () => {
    const proxy = await createTcpProxy({ targetHost: "127.0.0.1", targetPort: await echoServer() });
    cleanups.push(() => proxy.close());

    const a = await connect(proxy.port);
    expect(await roundTrip(a, "ping")).toBe("ping");

    const closed = new Promise<string | undefined>((resolve) => {
      a.once("error", (e: NodeJS.ErrnoException) => resolve(e.code));
      a.once("close", () => resolve(undefined));
    });
    await proxy.cut();
    expect(await closed).toBe("ECONNRESET");
    await expect(connect(proxy.port)).rejects.toMatchObject({ code: "ECONNREFUSED" });

    const port = proxy.port;
    await proxy.restore();
    expect(proxy.port).toBe(port);
    const b = await connect(proxy.port);
    expect(await roundTrip(b, "back")).toBe("back");
    b.destroy();
    expect(proxy.accepted).toBe(2);
  });

  it("when stalled, accepts connections and carries nothing until restored", async () => {
    const proxy = await createTcpProxy({ targetHost: "127.0.0.1", targetPort: await echoServer() });
    cleanups.push(() => proxy.close());
    await proxy.stall();
    const a = await connect(proxy.port);
    const got = await Promise.race([roundTrip(a, "anyone?"), new Promise((r) => setTimeout(() => r("silence"), 300))]);
    expect(got).toBe("silence");
    const closed = new Promise((r) => a.once("close", r));
    await proxy.restore();
    await closed; // the stalled connection is dropped
    const b = await connect(proxy.port);
    expect(await roundTrip(b, "back")).toBe("back");
    b.destroy();
  });
});
