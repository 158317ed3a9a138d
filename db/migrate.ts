// `npm run db:migrate`: applies db/migrations to DATABASE_URL, or to PGlite in PGLITE_DIR.
import path from "node:path";
import { env } from "@/lib/env.js";
import { openDatabase } from "./client";

const e = env();
const handle = openDatabase({ url: e.DATABASE_URL, dataDir: e.PGLITE_DIR.startsWith("memory://") ? e.PGLITE_DIR : path.resolve(e.PGLITE_DIR), max: 1 });
try {
  await handle.migrate();
  console.log(`migrated ${handle.kind === "postgres" ? "Postgres (DATABASE_URL)" : `PGlite at ${e.PGLITE_DIR}`}`);
} finally {
  await handle.close();
}
