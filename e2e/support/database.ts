// A fresh database for a Playwright run: a new one on DATABASE_URL's server, migrated and seeded
// by db/seed.ts, and dropped afterwards. Used by the web server (e2e/server.ts) and by the specs
// that start their own server processes (two-instances, faults).
import { spawn } from "node:child_process";
import postgres from "postgres";

export type TestDatabase = { url: string; name: string; drop: () => Promise<void> };

const plainName = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  return name;
};

/**
 * Creates database `name` (dropping any left by an earlier run) on the server of `baseUrl`,
 * empty or as a copy of `template` (a file copy: seconds, where seeding takes most of a minute).
 */
export async function createDatabase(baseUrl: string, name: string, opts: { template?: string } = {}): Promise<TestDatabase> {
  plainName(name);
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${name}${opts.template ? ` TEMPLATE ${plainName(opts.template)}` : ""}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const a = postgres(baseUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await a.end();
    },
  };
}

/** Migrates and seeds the database `env` points at (DATABASE_URL or PGLITE_DIR); answers the exit code. */
export function seedDatabase(env: NodeJS.ProcessEnv, stdio: "inherit" | "pipe" = "inherit"): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "db/seed.ts"], { env, stdio });
    let output = "";
    child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0 && stdio === "pipe") process.stderr.write(output);
      resolve(code ?? 1);
    });
  });
}
