import type { Duration } from "@upstash/ratelimit";

export type { Duration };

/** `limit` requests per sliding `window` (Upstash duration syntax: "60 s", "10 m", "500 ms"). */
export type RateLimitPolicy = { limit: number; window: Duration };

/**
 * Every rate limit in the app, in one place. Identifiers are chosen by the caller:
 * `signIn` is keyed by normalized email and `signInAddress` by ip (every password check counts
 * against both: browser sign-in and API login alike), `signUp` by ip, `passwordReset` by email,
 * `api` / `holdSeats` / `promo` by user id (or ip when anonymous).
 */
export const LIMITS = {
  api: { limit: 100, window: "60 s" },
  signIn: { limit: 5, window: "60 s" },
  signInAddress: { limit: 20, window: "60 s" },
  signUp: { limit: 5, window: "10 m" },
  passwordReset: { limit: 3, window: "15 m" },
  holdSeats: { limit: 20, window: "60 s" },
  promo: { limit: 10, window: "10 m" },
  payments: { limit: 20, window: "60 s" },
  // Joining an on-sale's waiting room, per address: one account joins once anyway; this keeps a
  // script from filling the line with accounts made for it. Generous, for shared (NAT) addresses.
  queueJoin: { limit: 30, window: "60 s" },
  // Joining, leaving and reading one's waitlist places: a person does this a few times a show.
  waitlist: { limit: 30, window: "60 s" },
  // A door admits a person every second or two at peak, and an offline device syncs its queue in a burst.
  checkin: { limit: 120, window: "60 s" },
  // Every call made with a partner API key, by key id (`key:<id>`); each key's own
  // rate_limit_per_minute replaces this default (lib/auth/api-keys.ts).
  apiKey: { limit: 600, window: "60 s" },
} as const satisfies Record<string, RateLimitPolicy>;

export type PolicyName = keyof typeof LIMITS;

export type RateLimits = Record<PolicyName, RateLimitPolicy>;

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** Milliseconds in an Upstash duration string; same grammar as @upstash/ratelimit. */
export function durationMs(window: Duration): number {
  const match = /^(\d+(?:\.\d+)?)\s?(ms|s|m|h|d|w)$/.exec(window);
  if (!match) throw new Error(`Invalid rate-limit window: ${window}`);
  const ms = Math.round(Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]);
  if (ms < 1) throw new Error(`Rate-limit window must be at least 1 ms: ${window}`);
  return ms;
}
