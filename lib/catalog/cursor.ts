import { AppError } from "@/lib/errors";

/** Opaque keyset cursor: base64url of JSON. Tampered cursors are a 400, never a 500. */
export function encodeCursor(value: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export function decodeCursor<T extends Record<string, "string" | "number">>(
  cursor: string,
  shape: T,
): { [K in keyof T]: T[K] extends "number" ? number : string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Record<string, unknown>;
    for (const [k, type] of Object.entries(shape)) {
      if (typeof parsed[k] !== type) throw new Error(k);
    }
    return parsed as never;
  } catch {
    throw new AppError("INVALID_CURSOR", "cursor is not one this API issued");
  }
}
