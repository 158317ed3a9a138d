/**
 * A tiny HTTP load balancer for tests: each request goes to the next of several app instances
 * in turn (or where `pick` says), so one real browser page talks to all of them. Bodies stream
 * both ways (React Server Component payloads, server actions); the Host header is kept, as a
 * load balancer does, so the app's origin checks see the address the browser used.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type ProxiedRequest = { method: string; url: string; target: number; status: number; action: boolean };

export type RoundRobinProxy = {
  readonly url: string;
  readonly port: number;
  /** Every request answered so far, in the order they arrived, with the instance that served it. */
  readonly requests: ProxiedRequest[];
  close(): Promise<void>;
};

export type RoundRobinOptions = {
  /** Base URLs of the instances, e.g. http://127.0.0.1:3301. */
  targets: string[];
  port?: number;
  host?: string;
  /** Chooses the instance for a request (its index); undefined falls back to round-robin. */
  pick?: (req: http.IncomingMessage) => number | undefined;
};

export async function createRoundRobinProxy(opts: RoundRobinOptions): Promise<RoundRobinProxy> {
  if (opts.targets.length === 0) throw new Error("round-robin proxy: no targets");
  const targets = opts.targets.map((t) => new URL(t));
  const requests: ProxiedRequest[] = [];
  const agent = new http.Agent({ keepAlive: true });
  let next = 0;

  const server = http.createServer((req, res) => {
    const chosen = opts.pick?.(req);
    const target = chosen ?? next++ % targets.length;
    const to = targets[target]!;
    const entry: ProxiedRequest = { method: req.method ?? "GET", url: req.url ?? "/", target, status: 0, action: Boolean(req.headers["next-action"]) };
    requests.push(entry);
    const upstream = http.request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        entry.status = answer.statusCode ?? 0;
        res.writeHead(entry.status, answer.rawHeaders);
        answer.pipe(res);
      },
    );
    upstream.on("error", (err) => {
      entry.status = 502;
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end(`upstream ${target} failed: ${err.message}`);
    });
    req.pipe(upstream);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${opts.host ?? "127.0.0.1"}:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
