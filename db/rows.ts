import type { SQL } from "drizzle-orm";
import type { Executor } from "./client";

/**
 * Runs raw SQL and returns its rows. postgres.js answers an array, PGlite `{ rows }`; callers
 * should cast counts to int in SQL (`count(*)::int`) since the drivers map bigint differently.
 */
export async function queryRows<T>(ex: Executor, query: SQL): Promise<T[]> {
  const result = (await ex.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
