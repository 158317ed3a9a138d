// One database client for the whole app: postgres.js when DATABASE_URL is set, otherwise an
// embedded PGlite under PGLITE_DIR. Both speak the same Drizzle API.
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import path from "node:path";
import { mkdirSync } from "node:fs";
import { env } from "@/lib/env.js";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
/** Either the database or a transaction: queries take one of these. */
export type Executor = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

type Handle = { db: Db; kind: "postgres" | "pglite"; close: () => Promise<void>; migrate: () => Promise<void> };

const migrationsFolder = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");

/** Opens a database. `url` undefined means PGlite at `dataDir` ("memory://" for tests). */
export function openDatabase(opts: { url?: string; dataDir?: string; max?: number; prepare?: boolean; connectTimeoutSeconds?: number }): Handle {
  if (opts.url) {
    const prepare = opts.prepare ?? true;
    const client = postgres(opts.url, {
      max: opts.max ?? 10,
      onnotice: () => {},
      prepare,
      connect_timeout: opts.connectTimeoutSeconds ?? 5,
      // Prepared statements still get a plan for their actual parameters each time: generic plans
      // made catalog listings (whose best plan depends on the city, category and dates asked
      // for) slower — p50 70 -> 96 ms uncached — while parsing once is most of what holds gain.
      ...(prepare ? { connection: { plan_cache_mode: "force_custom_plan" } } : {}),
    });
    // Prepared, the flash-sale benchmark held 35% more seats per second (Postgres no longer
    // plans every statement again).
    const db = drizzlePostgres(prepare ? preparing(client) : client, { schema });
    return {
      db,
      kind: "postgres",
      close: () => client.end({ timeout: 5 }),
      migrate: () => migratePostgres(db, { migrationsFolder }),
    };
  }
  const dataDir = opts.dataDir ?? "memory://";
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const client = new PGlite(dataDir, { extensions: { pg_trgm } });
  const db = drizzlePglite(client, { schema });
  return {
    // The query-builder API is identical; only raw `execute` results differ (see lib/db/rows.ts).
    db: db as unknown as Db,
    kind: "pglite",
    close: () => client.close(),
    migrate: () => migratePglite(db, { migrationsFolder }),
  };
}

type Unsafe = (query: string, params?: unknown[], options?: { prepare?: boolean }) => unknown;

/**
 * Drizzle tells postgres.js not to prepare any statement it was not given a name for, which is
 * every one of ours, so each execution was parsed and planned again. Through this wrapper
 * postgres.js prepares every statement that has parameters (it keeps them per connection, by
 * their text); statements without parameters (migrations, DDL) run as they are. Transactions
 * and savepoints hand their callbacks the same wrapper.
 */
function preparing<T extends postgres.Sql | postgres.TransactionSql>(sql: T): T {
  const wrapCallback = (args: unknown[]) => {
    const i = args.findIndex((a) => typeof a === "function");
    if (i >= 0) {
      const fn = args[i] as (tx: postgres.TransactionSql) => unknown;
      args[i] = (tx: postgres.TransactionSql) => fn(preparing(tx));
    }
    return args;
  };
  return new Proxy(sql, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (prop === "unsafe") {
        const unsafe = value as Unsafe;
        return ((query, params, options) => unsafe(query, params, { ...options, prepare: Boolean(params?.length) || options?.prepare })) satisfies Unsafe;
      }
      if (prop === "begin" || prop === "savepoint") {
        const run = value as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => run(...wrapCallback(args));
      }
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const globalForDb = globalThis as unknown as { __marqueeDb?: Handle };

function handle(): Handle {
  if (!globalForDb.__marqueeDb) {
    const e = env();
    globalForDb.__marqueeDb = openDatabase({
      url: e.DATABASE_URL,
      max: e.DATABASE_POOL_MAX,
      prepare: e.DATABASE_PREPARE === "true",
      connectTimeoutSeconds: e.DATABASE_CONNECT_TIMEOUT_SECONDS,
      dataDir: e.PGLITE_DIR.startsWith("memory://") ? e.PGLITE_DIR : path.resolve(/*turbopackIgnore: true*/ process.cwd(), e.PGLITE_DIR),
    });
  }
  return globalForDb.__marqueeDb;
}

/** The app's shared database (lazily opened, reused across hot reloads). */
export const db: Db = new Proxy({} as Db, {
  get(_t, prop) {
    const real = handle().db as unknown as Record<string | symbol, unknown>;
    const value = real[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(real) : value;
  },
});

export function databaseKind() {
  return handle().kind;
}

/** Applies migrations to the shared database (tests, the demo's first run). */
export function migrateDatabase() {
  return handle().migrate();
}

export async function closeDatabase() {
  const h = globalForDb.__marqueeDb;
  globalForDb.__marqueeDb = undefined;
  await h?.close();
}

export { schema };
