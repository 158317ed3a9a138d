import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; tests call server modules directly.
      "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts"),
    },
  },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
    environment: "node",
    setupFiles: ["lib/testing/setup-db.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Integration tests each open their own database; run files one at a time on 2 cores.
    fileParallelism: false,
  },
});
