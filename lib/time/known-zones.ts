import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { AppError } from "@/lib/errors";

let zones: Promise<Set<string>> | undefined;

/** Zone names this database knows (pg_timezone_names), read once per process. */
function databaseZones(): Promise<Set<string>> {
  zones ??= queryRows<{ name: string }>(db, sql`SELECT name FROM pg_timezone_names`).then(
    (rows) => new Set(rows.map((r) => r.name)),
    (err) => {
      zones = undefined;
      throw err;
    },
  );
  return zones;
}

/** True when both Intl (which formats a venue's times) and Postgres (which does date arithmetic
 * with it) know `timeZone`. A zone only one of them knows would break pages or queries later. */
export async function isKnownTimeZone(timeZone: string): Promise<boolean> {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
  } catch {
    return false;
  }
  return (await databaseZones()).has(timeZone);
}

/** Throws a 400 naming `field` unless `timeZone` is known to Intl and to Postgres. */
export async function assertKnownTimeZone(timeZone: string, field = "timeZone"): Promise<void> {
  if (!(await isKnownTimeZone(timeZone))) {
    throw new AppError("VALIDATION_FAILED", `Unknown time zone: ${timeZone.slice(0, 60)}`, {
      details: { fieldErrors: { [field]: ["Not a time zone this server knows (e.g. Asia/Kolkata)"] } },
    });
  }
}
