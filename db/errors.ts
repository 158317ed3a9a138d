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

/** postgres.js' own codes for a connection that could not be made or was lost. */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
]);

/**
 * SQLSTATEs of a server going away or not taking connections: class 08 (connection exception),
 * 57P01 admin_shutdown (a restart or pg_terminate_backend), 57P02 crash_shutdown, 57P03
 * cannot_connect_now (starting up, recovering).
 */
const CONNECTION_SQLSTATE = /^(08...|57P0[123])$/;

/**
 * True when a database error (possibly wrapped by Drizzle) means the server could not be reached
 * or dropped the connection — the database's fault or the network's, never the query's.
 */
export function isConnectionError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code } = e as { code?: unknown };
    if (typeof code === "string" && (CONNECTION_CODES.has(code) || CONNECTION_SQLSTATE.test(code))) return true;
  }
  return false;
}
