// `npm start`: the production server. WEB_CONCURRENCY (default 1) next-server processes share
// the port through node:cluster, one per core being the usual choice; instances are stateless
// (sessions are signed cookies, holds live in Postgres/Redis, caches are per process).
//
//   node lib/server/start.mjs [--port 3000] [--hostname 0.0.0.0]
import cluster from "node:cluster";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { env } from "../env.js";
import { logger } from "../telemetry/log.mjs";
import { serveClusterScrapes } from "../telemetry/metrics.mjs";

// Validates the whole environment before any worker starts: a bad variable stops here, named.
const { WEB_CONCURRENCY: workers, PORT } = env();
const { values } = parseArgs({
  options: { port: { type: "string", default: PORT ?? "3000" }, hostname: { type: "string" } },
  allowPositionals: false,
});
// Each server process runs worker.mjs: the request guard (guard.mjs), then `next start`.
const workerScript = fileURLToPath(new URL("./worker.mjs", import.meta.url));
// The app calls itself on this port (the local payment gateway's webhooks).
process.env.PORT = values.port;
// Each server process stops by our sequence (shutdown.mjs), not Next's own: Next would exit as
// soon as its requests are done, before the cron timer, outbox claims and pool are seen to.
process.env.NEXT_MANUAL_SIG_HANDLE = "true";
const args = ["start", "--port", values.port, ...(values.hostname ? ["--hostname", values.hostname] : [])];

if (workers === 1) {
  process.argv = [process.argv[0], workerScript, ...args];
  await import(workerScript);
} else {
  cluster.setupPrimary({ exec: workerScript, args });
  // GET /api/metrics on any worker answers for all of them.
  serveClusterScrapes(cluster);
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    logger().error({ component: "server", pid: worker.process.pid, exit: signal ?? code }, "worker exited; starting another");
    cluster.fork();
  });
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
    // Each worker drains within SHUTDOWN_TIMEOUT_SECONDS and exits; this is the backstop.
    setTimeout(() => process.exit(1), (env().SHUTDOWN_TIMEOUT_SECONDS + 5) * 1000).unref();
    cluster.on("exit", () => Object.keys(cluster.workers ?? {}).length === 0 && process.exit(0));
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}
