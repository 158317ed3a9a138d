import { isIP } from "node:net";

/**
 * The client's IP for rate limiting: the first X-Forwarded-For entry, else X-Real-IP, else
 * "unknown" (all such requests then share one bucket).
 *
 * Only as trustworthy as the proxy in front of the app: deploy behind one you control (Vercel,
 * a load balancer, nginx) that overwrites these headers with the peer address. `next start`
 * alone fills X-Forwarded-For from the socket only when the client sent none, so without a
 * proxy a client can name any IP it likes and dodge per-IP limits.
 */
export function clientIp(headers: Headers): string {
  return (
    normalizeIp(headers.get("x-forwarded-for")?.split(",")[0]) ?? normalizeIp(headers.get("x-real-ip")) ?? "unknown"
  );
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
