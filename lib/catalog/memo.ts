// A small in-process TTL cache for catalog reads, where the design allows eventual
// consistency. Concurrent misses for one key share a single query instead of stampeding.
import { env } from "@/lib/env.js";

type Entry = { expires: number; value: Promise<unknown> };
const store = new Map<string, Entry>();
const MAX_ENTRIES = 5_000;

export function memo<T>(key: string, ttlSeconds: number | "catalog", load: () => PromiseLike<T>): Promise<T> {
  const ttl = ttlSeconds === "catalog" ? env().CATALOG_CACHE_SECONDS : ttlSeconds;
  if (ttl <= 0) return Promise.resolve(load());
  const now = Date.now();
  const hit = store.get(key);
  if (hit && hit.expires > now) return hit.value as Promise<T>;
  // Settled into a real promise here: a Drizzle query is a lazy thenable that runs again on every
  // await, so caching it as it is would cache nothing.
  const value: Promise<T> = new Promise<T>((resolve) => resolve(load()));
  store.set(key, { expires: now + ttl * 1000, value });
  // Failed loads are not cached.
  value.catch(() => store.get(key)?.value === value && store.delete(key));
  if (store.size > MAX_ENTRIES) {
    for (const [k, e] of store) if (e.expires <= now || store.size > MAX_ENTRIES) store.delete(k);
  }
  return value;
}

/** Drops cached catalog reads (tests, and admin edits in later issues). */
export function clearMemo(prefix = "") {
  for (const key of store.keys()) if (key.startsWith(prefix)) store.delete(key);
}
