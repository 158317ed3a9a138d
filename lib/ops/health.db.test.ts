// Health and readiness (issue 19): ready on a migrated database; not ready (503) when the database
// lacks a migration this build ships; Redis unreachable is "degraded", still ready.
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { GET as healthRoute } from "@/app/api/health/route";
import { GET as readyRoute } from "@/app/api/ready/route";

const saved = { url: process.env.UPSTASH_REDIS_REST_URL, token: process.env.UPSTASH_REDIS_REST_TOKEN };
afterEach(() => {
  for (const [key, value] of [["UPSTASH_REDIS_REST_URL", saved.url], ["UPSTASH_REDIS_REST_TOKEN", saved.token]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

async function ready() {
  const res = await readyRoute();
  return { status: res.status, body: (await res.json()) as { status: string; checks: { database: { ok: boolean }; migrations: { ok: boolean; applied: number; shipped: number }; redis: { status: string } } } };
}

describe("health and readiness", () => {
  it("is alive without asking anything", async () => {
    const res = healthRoute();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok" });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("is ready on a migrated database, and not ready (503) when a shipped migration is missing", async () => {
    delete process.env.UPSTASH_REDIS_REST_URL;
    const ok = await ready();
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe("ready");
    expect(ok.body.checks.database.ok).toBe(true);
    expect(ok.body.checks.migrations.applied).toBe(ok.body.checks.migrations.shipped);
    expect(ok.body.checks.redis.status).toBe("off");

    // As if this build were deployed before its migrations ran.
    const [latest] = await queryRows<{ id: number; hash: string; createdAt: string }>(
      db,
      sql`SELECT id, hash, created_at::text AS "createdAt" FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1`,
    );
    await db.execute(sql`DELETE FROM drizzle.__drizzle_migrations WHERE id = ${latest!.id}`);
    try {
      const behind = await ready();
      expect(behind.status).toBe(503);
      expect(behind.body.status).toBe("not_ready");
      expect(behind.body.checks.migrations.ok).toBe(false);
    } finally {
      await db.execute(sql`INSERT INTO drizzle.__drizzle_migrations (id, hash, created_at) VALUES (${latest!.id}, ${latest!.hash}, ${latest!.createdAt}::bigint)`);
    }
    expect((await ready()).status).toBe(200);
  });

  it("reports Redis that does not answer as degraded, and stays ready", async () => {
    process.env.UPSTASH_REDIS_REST_URL = "http://127.0.0.1:9";
    process.env.UPSTASH_REDIS_REST_TOKEN = "nobody-listens";
    const res = await ready();
    expect(res.status).toBe(200);
    expect(res.body.checks.redis.status).toBe("degraded");
  });
});
