// Server processes a spec starts for itself: production app instances (`npm start`, as a
// deployment runs them) and Upstash bridges to the local redis-server. Each runs in its own
// process group so stop() takes everything it started with it, and its output goes to a log
// file the spec names on failure.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import type { TestInfo } from "@playwright/test";

const LOG_DIR = path.join("test-results", "instances");
let launched = 0;

export type Proc = {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  readonly log: string;
  /** The last lines of its output (for failure messages). */
  tail(lines?: number): string;
  /** SIGTERM to its group, SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL to its group at once, as a crash or an OOM kill. */
  kill(): Promise<void>;
};

/** The first port from `from` on that nothing listens on (the specs keep to 3300–3399). */
export async function freePort(from: number, taken: Set<number> = new Set()): Promise<number> {
  for (let port = from; port < from + 100; port++) {
    if (taken.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const s = net.createServer();
      s.once("error", () => resolve(false));
      s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
    });
    if (free) {
      taken.add(port);
      return port;
    }
  }
  throw new Error(`no free port from ${from}`);
}

function launch(name: string, port: number, command: string, args: string[], env: NodeJS.ProcessEnv): Proc {
  mkdirSync(LOG_DIR, { recursive: true });
  const log = path.join(LOG_DIR, `${name}-${process.pid}-${++launched}.log`);
  const out = createWriteStream(log);
  const child: ChildProcess = spawn(command, args, { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.pipe(out, { end: false });
  child.stderr!.pipe(out, { end: false });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      /* already gone */
    }
  };
  return {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    log,
    tail: (lines = 30) => {
      try {
        return readFileSync(log, "utf8").split("\n").slice(-lines).join("\n");
      } catch {
        return "";
      }
    },
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signal("SIGTERM");
      const timer = setTimeout(() => signal("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signal("SIGKILL");
      await exited;
    },
  };
}

async function waitFor(what: Proc, ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${what.name} did not come up on ${what.url} within ${timeoutMs / 1000} s:\n${what.tail()}`);
}

/**
 * One production app instance (`node lib/server/start.mjs`) on `port`, with `env` on top of the
 * spec's environment; resolves once /api/health answers.
 */
export async function startApp(name: string, port: number, env: Record<string, string | undefined>): Promise<Proc> {
  const proc = launch(name, port, process.execPath, [path.join("lib", "server", "start.mjs"), "--port", String(port), "--hostname", "127.0.0.1"], {
    ...process.env,
    APP_URL: `http://127.0.0.1:${port}`,
    ...env,
    NODE_ENV: "production",
  });
  await waitFor(proc, async () => (await fetch(`${proc.url}/api/health`)).ok, 60_000);
  return proc;
}

/**
 * An Upstash REST bridge (lib/devtools/upstash-bridge) to the redis-server at REDIS_URL
 * (default redis://127.0.0.1:6379, as the bridge itself picks it); resolves once it answers PING.
 */
export async function startBridge(name: string, port: number, token: string): Promise<Proc> {
  const tsx = path.join("node_modules", "tsx", "dist", "cli.mjs");
  const proc = launch(name, port, process.execPath, [tsx, path.join("lib", "devtools", "upstash-bridge", "cli.ts")], {
    ...process.env,
    UPSTASH_BRIDGE_PORT: String(port),
    UPSTASH_REDIS_REST_TOKEN: token,
  });
  await waitFor(
    proc,
    async () => {
      const res = await fetch(proc.url, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: '["PING"]' });
      return res.ok && (await res.json()).result === "PONG";
    },
    20_000,
  );
  return proc;
}

/** After a failed test, the logs of these processes go into its report. */
export async function attachLogsOnFailure(info: TestInfo, procs: (Proc | undefined)[]): Promise<void> {
  if (info.status === info.expectedStatus) return;
  for (const p of procs) if (p) await info.attach(`${p.name}.log`, { path: p.log });
}
