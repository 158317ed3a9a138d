// One next-server process: the request guard, then `next start` with the launcher's arguments.
import http from "node:http";
import { createRequire } from "node:module";
import { installGuard } from "./guard.mjs";

installGuard(http);
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
process.argv = [process.argv[0], nextBin, ...process.argv.slice(2)];
await import(nextBin);
