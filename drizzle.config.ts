import { defineConfig } from "drizzle-kit";

// `generate` needs no database; `studio`/`push` use DATABASE_URL when given.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test" },
  strict: true,
});
