/** True when a database error (possibly wrapped by Drizzle) is a unique-constraint violation. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, constraint_name, constraint: c } = e as { code?: string; constraint_name?: string; constraint?: string };
    if (code === "23505") return !constraint || constraint === (constraint_name ?? c);
  }
  return false;
}

/** The SQLSTATE and DETAIL of a database error (possibly wrapped by Drizzle), or null. */
export function databaseError(err: unknown): { code: string; detail?: string } | null {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, detail } = e as { code?: unknown; detail?: unknown };
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return { code, detail: typeof detail === "string" ? detail : undefined };
  }
  return null;
}
