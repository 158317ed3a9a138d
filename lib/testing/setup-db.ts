// Vitest setup: every test file gets a fresh, migrated database of its own. With DATABASE_URL
// set, that is a new database on that server (dropped afterwards); otherwise in-memory PGlite.
import { afterAll } from "vitest";
import postgres from "postgres";
import { randomBytes } from "node:crypto";

const baseUrl = process.env.DATABASE_URL;
let dropName: string | undefined;

if (baseUrl) {
  dropName = `marquee_t_${randomBytes(5).toString("hex")}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${dropName}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${dropName}`;
  process.env.DATABASE_URL = url.toString();
} else {
  process.env.PGLITE_DIR = "memory://";
}

const { migrateDatabase, closeDatabase } = await import("@/db/client");
await migrateDatabase();

// Every API test is also a drift test: each answer is held against the OpenAPI document.
const { installApiDriftCheck } = await import("@/lib/testing/api-drift");
installApiDriftCheck();

afterAll(async () => {
  await closeDatabase();
  if (baseUrl && dropName) {
    const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${dropName} WITH (FORCE)`);
    await admin.end();
  }
});
