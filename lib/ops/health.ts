// Liveness and readiness for process managers, load balancers and orchestrators (issue 19).
// Health: the process answers. Ready: the database answers and carries every migration this build
// ships; Redis is reported, but only as degraded when it fails, since every Redis use has a
// Postgres fallback (the waiting room's line excepted: it answers 503 itself while Redis is down).
import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { db, databaseKind } from "@/db/client";
import { queryRows } from "@/db/rows";
import { getRedis } from "@/lib/redis/client";
import { isDraining } from "@/lib/telemetry/lifecycle.mjs";

const started = Date.now();

export function health(): { status: "ok"; uptimeSeconds: number } {
  return { status: "ok", uptimeSeconds: Math.round((Date.now() - started) / 1000) };
}

/** The newest migration this build ships (drizzle records its journal `when` as created_at). */
function shippedMigration(): { count: number; latest: number } {
  const file = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations", "meta", "_journal.json");
  const entries = (JSON.parse(readFileSync(file, "utf8")) as { entries: { when: number }[] }).entries;
  return { count: entries.length, latest: Math.max(...entries.map((e) => e.when)) };
}

function within<T>(ms: number, p: Promise<T>): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}

export type Readiness = {
  /** "draining": the process is stopping (SIGTERM) and finishing what it has; send it nothing new. */
  status: "ready" | "not_ready" | "draining";
  checks: {
    database: { ok: boolean; kind: "postgres" | "pglite"; latencyMs: number | null; error?: string };
    migrations: { ok: boolean; applied: number | null; shipped: number };
    redis: { status: "ok" | "degraded" | "off"; latencyMs: number | null; error?: string };
  };
};

export async function readiness(opts: { timeoutMs?: number } = {}): Promise<Readiness> {
  const timeoutMs = opts.timeoutMs ?? 2000;
  const shipped = shippedMigration();
  const database: Readiness["checks"]["database"] = { ok: false, kind: databaseKind(), latencyMs: null };
  const migrations: Readiness["checks"]["migrations"] = { ok: false, applied: null, shipped: shipped.count };
  const t0 = performance.now();
  try {
    const [row] = await within(
      timeoutMs,
      queryRows<{ applied: number; latest: string | null }>(db, sql`SELECT count(*)::int AS applied, max(created_at)::text AS latest FROM drizzle.__drizzle_migrations`),
    );
    database.ok = true;
    database.latencyMs = Math.round(performance.now() - t0);
    migrations.applied = Number(row?.applied ?? 0);
    migrations.ok = Number(row?.latest ?? 0) >= shipped.latest;
  } catch (err) {
    database.latencyMs = Math.round(performance.now() - t0);
    // No secrets here: a driver's message names the host at most.
    database.error = err instanceof Error ? err.message.split("\n")[0]!.slice(0, 200) : "unreachable";
  }
  const redis: Readiness["checks"]["redis"] = { status: "off", latencyMs: null };
  const client = getRedis();
  if (client) {
    const r0 = performance.now();
    try {
      await within(timeoutMs, client.ping());
      redis.status = "ok";
    } catch (err) {
      redis.status = "degraded";
      redis.error = err instanceof Error ? err.message.split(", command was:")[0]!.slice(0, 200) : "unreachable";
    }
    redis.latencyMs = Math.round(performance.now() - r0);
  }
  const status = isDraining() ? "draining" : database.ok && migrations.ok ? "ready" : "not_ready";
  return { status, checks: { database, migrations, redis } };
}
