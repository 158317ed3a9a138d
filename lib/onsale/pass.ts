// The waiting room's pass: proof that this account was admitted to this show's on-sale, carried
// by the browser in a cookie (mq_pass_<show>) or by an app in the X-Queue-Pass header. A pass is
// an expiry and an HMAC over (show, account, expiry) with the app's secret, so it cannot be made
// up, moved to another account or show, or used after it lapses, and checking it needs no read.
import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/errors";

/** How long a pass lasts; the admitted get a fresh one whenever they ask (lib/onsale/room.ts). */
export const PASS_TTL_SECONDS = 15 * 60;

export const PASS_HEADER = "x-queue-pass";
export const passCookieName = (showId: string) => `mq_pass_${showId.replaceAll("-", "")}`;

const VERSION = "p1";

function signature(secret: string, showId: string, userId: string, expiresAt: number): string {
  return createHmac("sha256", secret).update(`marquee-queue-pass\n${VERSION}\n${showId}\n${userId}\n${expiresAt}`).digest("base64url");
}

/** A pass for `userId` at `showId`, good until now + ttl. */
export function signPass(secret: string, showId: string, userId: string, opts: { now?: number; ttlSeconds?: number } = {}): { token: string; expiresAt: Date } {
  const expiresAt = Math.floor((opts.now ?? Date.now()) / 1000) + (opts.ttlSeconds ?? PASS_TTL_SECONDS);
  return { token: `${VERSION}.${expiresAt}.${signature(secret, showId, userId, expiresAt)}`, expiresAt: new Date(expiresAt * 1000) };
}

/**
 * Checks a pass for this account and show; throws QUEUE_PASS_REQUIRED (none), QUEUE_PASS_INVALID
 * (forged, malformed, another account's or show's) or QUEUE_PASS_EXPIRED.
 */
export function verifyPass(secret: string, token: string | null | undefined, showId: string, userId: string, now = Date.now()): { expiresAt: Date } {
  if (!token) throw new AppError("QUEUE_PASS_REQUIRED", "This on-sale has a waiting room: join the queue and wait for your turn to pick seats.", { details: { showId } });
  const parts = token.split(".");
  const expiresAt = Number(parts[1]);
  const invalid = () => new AppError("QUEUE_PASS_INVALID", "Your waiting-room pass is not valid for this show. Rejoin the queue.", { details: { showId } });
  if (parts.length !== 3 || parts[0] !== VERSION || !/^\d{1,12}$/.test(parts[1] ?? "")) throw invalid();
  const expected = Buffer.from(signature(secret, showId, userId, expiresAt));
  const given = Buffer.from(parts[2] ?? "");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  if (expiresAt * 1000 <= now) throw new AppError("QUEUE_PASS_EXPIRED", "Your waiting-room pass ran out. Open the show again to get a new one.", { details: { showId } });
  return { expiresAt: new Date(expiresAt * 1000) };
}
