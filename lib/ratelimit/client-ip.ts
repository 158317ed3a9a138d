import { isIP } from "node:net";
import { env } from "../env.js";
import { PEER_HEADER, guardInstalled } from "../server/guard.mjs";

/**
 * The client's IP for rate limiting, as far as the configured proxies vouch for it.
 *
 * X-Forwarded-For is a list each proxy appends its peer's address to, so only its last
 * `trustedProxyHops` entries (TRUSTED_PROXY_HOPS) were written by proxies we run; everything to
 * their left came from the client and may be anything. With N hops the client is the Nth entry
 * from the right. With 0 (the default: nothing vouches for the header) the address is the TCP
 * peer's, which the production launcher writes into PEER_HEADER over whatever the client sent
 * (lib/server/guard.mjs); without the launcher (`next start`, `next dev`, a serverless host) that
 * header is the client's own and is ignored. Without either (too few entries), it is "unknown" and all
 * such requests share one bucket: a client that could name its own address would get a fresh
 * bucket per guess. X-Real-IP is never read.
 */
export function clientIp(headers: Headers, trustedProxyHops: number = env().TRUSTED_PROXY_HOPS, behindGuard: boolean = guardInstalled()): string {
  const peer = behindGuard ? normalizeIp(headers.get(PEER_HEADER)) : null;
  if (trustedProxyHops < 1) return peer ?? "unknown";
  const entries = headers.get("x-forwarded-for")?.split(",") ?? [];
  if (entries.length < trustedProxyHops) return "unknown";
  return normalizeIp(entries[entries.length - trustedProxyHops]) ?? "unknown";
}

function normalizeIp(raw: string | null | undefined): string | null {
  let value = raw?.trim();
  if (!value) return null;
  // Some proxies append a port: "203.0.113.7:8080", "[2001:db8::1]:443".
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  value = value.toLowerCase();
  // One address, one bucket: "::ffff:203.0.113.7" is 203.0.113.7.
  if (value.startsWith("::ffff:") && isIP(value.slice(7)) === 4) value = value.slice(7);
  return isIP(value) ? value : null;
}
