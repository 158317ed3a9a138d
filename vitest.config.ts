import { defineConfig } from "vitest/config";
import path from "node:path";

const root = import.meta.dirname;
const exclude = ["node_modules/**", "e2e/**", ".next/**", ".data/**"];

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // `server-only` throws outside React Server Components; tests call server modules directly.
      "server-only": path.resolve(root, "lib/testing/server-only-stub.ts"),
    },
  },
  test: {
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // On 2 cores, files run one at a time: integration files each own a database.
    fileParallelism: false,
    // next-auth imports "next/server" without an extension; let Vite resolve it.
    server: { deps: { inline: ["next-auth", "@auth/core"] } },
    projects: [
      { extends: true, test: { name: "unit", include: ["**/*.test.ts"], exclude: [...exclude, "**/*.db.test.ts"] } },
      {
        extends: true,
        // *.db.test.ts get a fresh migrated database each: PGlite, or a new one on DATABASE_URL.
        test: { name: "db", include: ["**/*.db.test.ts"], exclude, setupFiles: ["lib/testing/setup-db.ts"] },
      },
    ],
  },
});
