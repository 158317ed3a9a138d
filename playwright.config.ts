import { defineConfig, devices } from "@playwright/test";
import { existsSync } from "node:fs";

const port = Number(process.env.E2E_PORT ?? 3100);
// Playwright cannot download its own browsers here: use the system Chromium when present.
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? systemChromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined }, testIgnore: ["**/*.mobile.spec.ts", "**/fuzz.spec.ts"] },
    { name: "phone", use: { ...devices["Pixel 7"], channel: undefined }, testMatch: "**/*.mobile.spec.ts" },
    // Hostile input to every route, action and page, signed in as admin: it may cancel shows, so
    // it runs after the journeys.
    { name: "fuzz", use: { ...devices["Desktop Chrome"], channel: undefined }, testMatch: "**/fuzz.spec.ts", dependencies: ["desktop", "phone"] },
  ],
  webServer: {
    command: `tsx e2e/server.ts`,
    url: `http://127.0.0.1:${port}/api/v1/cities`,
    timeout: 300_000,
    reuseExistingServer: false,
    // SIGTERM, not Playwright's default SIGKILL, so e2e/server.ts drops its database on the way out
    // (killed, it left a seeded copy behind on the Postgres server after every run).
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    stdout: "pipe",
    stderr: "pipe",
    // Access lines for every request would bury the test output: warnings and errors only.
    env: { E2E_PORT: String(port), LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" },
  },
});
