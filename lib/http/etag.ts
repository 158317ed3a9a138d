// ETags for JSON answers a client polls: a short hash of the value.
import { createHash } from "node:crypto";

export const etagOf = (value: unknown): string => `"${createHash("sha1").update(JSON.stringify(value)).digest("base64url").slice(0, 16)}"`;

/** If-None-Match names this ETag (or any, with *). */
export function notModified(ifNoneMatch: string, etag: string): boolean {
  return ifNoneMatch.trim() === "*" || ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}
