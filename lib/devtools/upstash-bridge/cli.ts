/**
 * Runs the Upstash REST bridge against a local redis-server:
 *   npx tsx lib/devtools/upstash-bridge/cli.ts
 * Env: REDIS_URL, UPSTASH_BRIDGE_PORT, UPSTASH_REDIS_REST_TOKEN.
 */
import { createUpstashBridge } from "./bridge";

const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379";
const port = Number(process.env.UPSTASH_BRIDGE_PORT || 8079);
const token = process.env.UPSTASH_REDIS_REST_TOKEN || "marquee-local-token";

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid UPSTASH_BRIDGE_PORT: ${process.env.UPSTASH_BRIDGE_PORT}`);
  process.exit(1);
}

const bridge = await createUpstashBridge({ redisUrl, token, port }).catch((err: unknown) => {
  console.error(`upstash bridge: ${err instanceof Error ? err.message : String(err)} (${redactUrl(redisUrl)})`);
  process.exit(1);
});
console.log(`upstash bridge on ${bridge.url} -> ${redactUrl(redisUrl)}`);

let closing = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    bridge.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url;
  }
}
