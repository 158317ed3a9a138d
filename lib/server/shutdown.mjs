// The graceful stop of one server process, on SIGTERM (a process manager, Kubernetes, Docker)
// or SIGINT (Ctrl-C):
//   1. readiness turns 503 (lib/ops/health.ts); after SHUTDOWN_DELAY_SECONDS (0 by default: time
//      for a load balancer's readiness check to take the instance out) the servers stop accepting
//      connections;
//   2. requests in flight finish (idle keep-alive connections are closed as they go idle);
//   3. the app's shutdown hooks run in order: the cron timer stops and its running tick is
//      awaited, the outbox dispatcher hands back the messages it claimed but did not send, the
//      database pool closes;
//   4. the process exits 0 — or 1, with what was still running, after SHUTDOWN_TIMEOUT_SECONDS.
// Next's own signal handling is turned off (NEXT_MANUAL_SIG_HANDLE, set by start.mjs) so this is
// the only one.
import { envVar } from "../env.js";
import { beginDrain, shutdownHooks } from "../telemetry/lifecycle.mjs";

/**
 * @param {{ servers: import("node:http").Server[], logger: import("pino").Logger, exit?: (code: number) => void, timeoutMs?: number, delayMs?: number, signals?: NodeJS.Signals[] }} opts
 * @returns {(signal: string) => Promise<void>} the stop sequence (also what the signals run)
 */
export function installShutdown({ servers, logger, exit = (code) => process.exit(code), timeoutMs, delayMs, signals = ["SIGTERM", "SIGINT"] }) {
  let stopping = false;
  const stop = async (/** @type {string} */ signal) => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    const limit = timeoutMs ?? envVar("SHUTDOWN_TIMEOUT_SECONDS") * 1000;
    const delay = delayMs ?? envVar("SHUTDOWN_DELAY_SECONDS") * 1000;
    let phase = delay ? "waiting before closing" : "closing servers";
    const force = setTimeout(() => {
      logger.error({ signal, phase, waitedMs: Date.now() - started }, `shutdown timed out after ${limit} ms while ${phase}; exiting`);
      exit(1);
    }, limit);
    beginDrain();
    if (delay) {
      logger.info({ signal, delayMs: delay }, `${signal}: not ready; still serving for ${delay} ms while the load balancer notices`);
      await new Promise((r) => setTimeout(r, delay));
      phase = "closing servers";
    }
    logger.info({ signal, timeoutMs: limit }, `${signal}: stopping; finishing requests in flight`);
    // Keep-alive connections that finish their request go idle: close them as they do.
    const idle = setInterval(() => servers.forEach((s) => s.closeIdleConnections()), 250);
    await Promise.all(
      servers.map(
        (s) =>
          new Promise((resolve) => {
            if (!s.listening) return resolve(undefined);
            s.close(() => resolve(undefined));
            s.closeIdleConnections();
          }),
      ),
    );
    clearInterval(idle);
    logger.info({ ms: Date.now() - started }, "requests finished");
    for (const hook of shutdownHooks()) {
      phase = `running shutdown hook "${hook.name}"`;
      try {
        await hook.run();
      } catch (err) {
        logger.error({ err, hook: hook.name }, `shutdown hook ${hook.name} failed`);
      }
    }
    clearTimeout(force);
    logger.info({ ms: Date.now() - started }, "stopped");
    exit(0);
  };
  // Once: a second Ctrl-C (or SIGTERM) stops the process at once, the usual way.
  for (const signal of signals) process.once(signal, () => void stop(signal));
  return stop;
}
