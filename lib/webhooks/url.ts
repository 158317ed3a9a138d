// Which URLs an endpoint may have. A webhook makes our server send requests wherever a partner
// says, so the address is checked: https (unless WEBHOOK_ALLOW_HTTP), no credentials in the URL,
// and in production no private, loopback or link-local target (unless WEBHOOK_ALLOW_PRIVATE),
// which would let a partner probe our internal network. The target is checked when the endpoint
// is saved and again before every send (DNS may point elsewhere later).
import "server-only";
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { envVar } from "@/lib/env.js";

const PRIVATE = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) PRIVATE.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8]] as const) PRIVATE.addSubnet(net, bits, "ipv6");

/** True for an address a public webhook must not reach (IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1]!, "ipv4");
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? "ipv4" : "ipv6");
}

export function webhookUrlPolicy(): { allowHttp: boolean; allowPrivate: boolean } {
  return {
    allowHttp: envVar("WEBHOOK_ALLOW_HTTP") === "true",
    // Outside production (development, tests) the receiver is usually on this machine.
    allowPrivate: envVar("WEBHOOK_ALLOW_PRIVATE") === "true" || envVar("NODE_ENV") !== "production",
  };
}

/** What is wrong with the URL itself, or null. */
export function urlShapeProblem(raw: string, policy = webhookUrlPolicy()): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a full URL, like https://example.com/webhooks/marquee";
  }
  if (url.protocol !== "https:" && !(policy.allowHttp && url.protocol === "http:")) return policy.allowHttp ? "Use an http or https URL" : "Use an https URL";
  if (url.username || url.password) return "Put no user name or password in the URL: verify our signature instead";
  if (!url.hostname) return "The URL has no host";
  if (url.hash) return "Leave out the #fragment: it is never sent";
  return null;
}

/** Where the URL's host points is refused (private address), or null when it may be called. */
export async function urlTargetProblem(raw: string, policy = webhookUrlPolicy()): Promise<string | null> {
  if (policy.allowPrivate) return null;
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost")) return "The URL points at this server";
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    return `${host} does not resolve`;
  }
  const bad = addresses.find(isPrivateAddress);
  return bad ? `${host} resolves to a private address (${bad}); webhooks go to public addresses only` : null;
}
