// Playwright's web server: a fresh, seeded database, then the production build on E2E_PORT.
// With DATABASE_URL set the database is a new one on that server (dropped on exit); without
// it, PGlite in .data/e2e, recreated each run.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { createDatabase, seedDatabase } from "./support/database";

const port = process.env.E2E_PORT ?? "3100";
// One IP signs up many users here: scale the per-IP limits (their 429s have their own tests).
// The password-reset test reads its link in the dev mailbox, as an admin. The webhooks test's
// receiver is plain http on this machine.
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  APP_URL: `http://127.0.0.1:${port}`,
  RATE_LIMIT_MULTIPLIER: "50",
  DEV_MAILBOX: "true",
  WEBHOOK_ALLOW_HTTP: "true",
  WEBHOOK_ALLOW_PRIVATE: "true",
};
let cleanup = async () => {};

if (process.env.DATABASE_URL) {
  const database = await createDatabase(process.env.DATABASE_URL, `marquee_e2e_${process.pid}`);
  env.DATABASE_URL = database.url;
  cleanup = database.drop;
} else {
  env.PGLITE_DIR = ".data/e2e";
  rmSync(".data/e2e", { recursive: true, force: true });
}

const seeded = await seedDatabase(env);
if (seeded !== 0) {
  await cleanup();
  process.exit(seeded);
}

// The production launcher (`npm start`), in the same process group as this script (no npx in
// between), so when Playwright stops the web server's group, next-server goes with it and
// releases its output pipes.
const server = spawn(process.execPath, [path.join("lib", "server", "start.mjs"), "--port", port, "--hostname", "127.0.0.1"], {
  env,
  stdio: "inherit",
});
const stop = async () => {
  server.kill("SIGTERM");
  await cleanup();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", async (code) => {
  await cleanup();
  process.exit(code ?? 0);
});
