/**
 * In-process sliding window: the same weighted two-window algorithm as @upstash/ratelimit's
 * `slidingWindow` (count in the current fixed window + the previous window's count weighted by
 * how much of it still overlaps the sliding window), so limits behave alike on either backend.
 * O(1) per call; memory is bounded by evicting keys whose windows have passed and, past
 * `maxKeys`, the least recently used ones.
 */

export type WindowResult = {
  success: boolean;
  limit: number;
  remaining: number;
  /** When the next request may pass (blocked) or the current window ends (allowed), ms epoch. */
  reset: number;
};

export type MemoryWindowOptions = {
  limit: number;
  windowMs: number;
  now?: () => number;
  maxKeys?: number;
};

export type MemoryWindow = {
  hit(key: string): WindowResult;
  readonly size: number;
};

type Entry = { window: number; current: number; previous: number };

export const DEFAULT_MAX_KEYS = 50_000;

export function createMemoryWindow({
  limit,
  windowMs,
  now = Date.now,
  maxKeys = DEFAULT_MAX_KEYS,
}: MemoryWindowOptions): MemoryWindow {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`Rate limit must be a positive integer, got ${limit}`);
  // Insertion order is last-touched order, so expired and least recently used keys come first.
  const entries = new Map<string, Entry>();

  function evict(currentWindow: number) {
    for (const [key, entry] of entries) {
      if (entry.window >= currentWindow - 1 && entries.size <= maxKeys) break;
      entries.delete(key);
    }
  }

  // The earliest time a request passes, given `previous` hits in the window before the one
  // starting at `start` and `current` (< limit) in it: floor((1 - p) * previous) + current < limit.
  function passesAt(start: number, previous: number, current: number): number {
    return start + Math.floor(windowMs * (1 - (limit - current) / previous)) + 1;
  }

  function hit(key: string): WindowResult {
    const t = now();
    const window = Math.floor(t / windowMs);
    const start = window * windowMs;
    const entry = roll(entries.get(key), window);
    entries.delete(key);
    entries.set(key, entry);
    evict(window);

    const weightedPrevious = Math.floor((1 - (t - start) / windowMs) * entry.previous);
    const used = weightedPrevious + entry.current;
    if (used >= limit) {
      const reset =
        entry.current >= limit
          ? passesAt(start + windowMs, entry.current, 0)
          : passesAt(start, entry.previous, entry.current);
      return { success: false, limit, remaining: 0, reset };
    }
    entry.current += 1;
    return { success: true, limit, remaining: limit - used - 1, reset: start + windowMs };
  }

  return {
    hit,
    get size() {
      return entries.size;
    },
  };
}

function roll(entry: Entry | undefined, window: number): Entry {
  if (!entry || entry.window < window - 1) return { window, current: 0, previous: 0 };
  if (entry.window === window - 1) return { window, current: 0, previous: entry.current };
  return entry;
}
