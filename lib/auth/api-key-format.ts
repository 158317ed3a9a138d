// The shape of a partner API key, with no database: making one, reading one back, and its hash.
// `mqk_<public id>_<secret>`: the prefix makes a leaked key recognisable (secret scanners, log
// scrubbers, a person reading a config file); the public id finds the row without a scan and is
// safe to show in lists; only a hash of the secret is kept.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export const API_KEY_PREFIX = "mqk_";
// Lower-case letters and digits without look-alikes (0/o, 1/l): read aloud or typed from a
// screenshot, the id is unambiguous; 32 symbols is 5 bits each, so bytes map without bias.
const ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
const PUBLIC_ID_LENGTH = 12;
const SECRET_BYTES = 32;
const KEY_PATTERN = /^mqk_([a-km-np-z2-9]{12})_([A-Za-z0-9_-]{43})$/;

export type NewApiKey = { key: string; publicId: string; secretHash: string };

export function newPublicId(): string {
  const bytes = randomBytes(PUBLIC_ID_LENGTH);
  let id = "";
  for (const b of bytes) id += ID_ALPHABET[b & 31];
  return id;
}

/** SHA-256 of the secret, hex: a 256-bit random secret needs no slow, salted hash. */
export const hashSecret = (secret: string): string => createHash("sha256").update(secret).digest("hex");

/** A fresh key: the full text (shown once) and what is stored of it. */
export function generateApiKey(): NewApiKey {
  const publicId = newPublicId();
  const secret = randomBytes(SECRET_BYTES).toString("base64url");
  return { key: `${API_KEY_PREFIX}${publicId}_${secret}`, publicId, secretHash: hashSecret(secret) };
}

/** Whether a bearer token is meant as an API key (then it is only ever checked as one). */
export const looksLikeApiKey = (token: string): boolean => token.startsWith(API_KEY_PREFIX);

/** The public id and secret of a well-formed key, else null. */
export function parseApiKey(token: string): { publicId: string; secret: string } | null {
  const m = KEY_PATTERN.exec(token);
  return m ? { publicId: m[1]!, secret: m[2]! } : null;
}

/** Whether `secret` hashes to `storedHash`, in time that does not depend on where they differ. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** How a key is shown once its secret is gone: "mqk_abc123…". */
export const displayKeyPrefix = (publicId: string): string => `${API_KEY_PREFIX}${publicId}…`;
