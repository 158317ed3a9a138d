// One next-server process: the request guard (with the access log and metrics), then `next
// start` with the launcher's arguments, and the graceful stop on SIGTERM/SIGINT.
import http from "node:http";
import { createRequire } from "node:module";
import { accessObserver } from "./access.mjs";
import { installGuard } from "./guard.mjs";
import { loadRouteResolver } from "./routes.mjs";
import { installShutdown } from "./shutdown.mjs";
import { logger } from "../telemetry/log.mjs";
import { answerClusterScrapes, collectProcessMetrics } from "../telemetry/metrics.mjs";

/** @type {http.Server[]} */
const servers = [];
collectProcessMetrics();
answerClusterScrapes();
installGuard(http, {
  observe: accessObserver({ resolveRoute: loadRouteResolver(), logger: logger().child({ component: "http" }) }),
  onServer: (server) => servers.push(server),
});
installShutdown({ servers, logger: logger().child({ component: "shutdown" }) });

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
process.argv = [process.argv[0], nextBin, ...process.argv.slice(2)];
await import(nextBin);
