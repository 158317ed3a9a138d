// The domain's error vocabulary: what went wrong, in words safe to show a user, with a stable
// code. Domains throw these and know nothing of HTTP; lib/http maps a code to a status
// (lib/http/errors.ts) and server actions answer it as a typed result (lib/http/action.ts).
// Internal causes are logged, never returned.
import { databaseError, isConnectionError } from "@/db/errors";
import { log } from "@/lib/telemetry/log.mjs";

const logger = log("app");

export const ERROR_CODES = [
  "VALIDATION_FAILED",
  "INVALID_JSON",
  "INVALID_CURSOR",
  "UNAUTHORIZED",
  "PAYMENT_REQUIRED",
  "DUPLICATE_SEATS",
  "TOO_MANY_SEATS",
  "COMPANION_SEAT_ALONE",
  "COMPANION_SEAT_NOT_ADJACENT",
  "TOO_MANY_COMPANION_SEATS",
  "FORBIDDEN",
  "INSUFFICIENT_SCOPE",
  "NOT_FOUND",
  "METHOD_NOT_ALLOWED",
  "CONFLICT",
  "EMAIL_TAKEN",
  "SEATS_UNAVAILABLE",
  "ZONE_SOLD_OUT",
  "UNKNOWN_ZONE",
  "ZONE_IN_USE",
  "INVALID_QUANTITY",
  "IDEMPOTENCY_KEY_REUSED",
  "INVALID_STATE",
  "SEAT_LIMIT_REACHED",
  "SHOW_NOT_ON_SALE",
  "NOT_ON_SALE_YET",
  "QUEUE_PASS_REQUIRED",
  "QUEUE_PASS_INVALID",
  "QUEUE_PASS_EXPIRED",
  "QUEUE_CLOSED",
  "HOLD_EXPIRED",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "UNPROCESSABLE",
  "UNKNOWN_SEATS",
  "PROMO_INVALID",
  "SCAN_TIME_INVALID",
  "ADMIT_EXCEEDS_REMAINING",
  "PAYMENT_DECLINED",
  "CANCELLATION_CLOSED",
  "NOT_SOLD_OUT",
  "WAITLIST_FIRST",
  "RATE_LIMITED",
  "INTERNAL",
  "SERVICE_UNAVAILABLE",
  "DATABASE_UNAVAILABLE",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  /** Hints for whoever answers the caller (a rate limit's Retry-After, say); transports decide. */
  readonly headers?: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { details?: Record<string, unknown>; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.details = opts.details;
    this.headers = opts.headers;
  }
}

/** Codes that mean the fault is ours (or our database's), not the caller's: lib/http answers them 5xx. */
export const OUR_FAULT: ReadonlySet<ErrorCode> = new Set<ErrorCode>(["INTERNAL", "SERVICE_UNAVAILABLE", "DATABASE_UNAVAILABLE"]);

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found`);

/** "PAYMENT_PENDING" → "payment pending": a status as a sentence says it. */
export const statusWords = (status: string) => status.toLowerCase().replaceAll("_", " ");

/** SQLSTATEs of data exceptions caused by a value itself, never by the server's state. */
const INPUT_SQLSTATES = new Set([
  "22001", // string_data_right_truncation
  "22003", // numeric_value_out_of_range
  "22007", // invalid_datetime_format
  "22008", // datetime_field_overflow
  "22021", // character_not_in_repertoire (NUL, bad UTF-8)
  "22P02", // invalid_text_representation
  "22P05", // untranslatable_character
]);

const DATABASE_RETRY_AFTER_SECONDS = 5;

function describeConnectionError(err: unknown): string {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === "string") return `${code}${typeof message === "string" ? `: ${message.split("\n")[0]}` : ""}`;
  }
  return String(err);
}

/** Turns anything thrown into a safe, typed error. Unknown errors are logged and hidden. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  // A value Postgres refused as data (a byte it cannot store, a date or number out of its range)
  // is the caller's bad input that validation let through: a 400, logged so the gap gets closed.
  const db = databaseError(err);
  if (db && INPUT_SQLSTATES.has(db.code)) {
    logger.warn({ sqlstate: db.code, reason: err instanceof Error ? err.message.split("\n")[0] : "" }, "input refused by the database");
    return new AppError("VALIDATION_FAILED", "Some of the values sent are out of range or not valid text.", { details: { sqlstate: db.code } });
  }
  // The database restarting, failing over or out of reach: nothing the caller did, and worth a
  // retry in a moment, so a 503 with Retry-After rather than an opaque 500.
  if (isConnectionError(err)) {
    logger.warn({ reason: describeConnectionError(err) }, "database unavailable");
    return new AppError("DATABASE_UNAVAILABLE", "We can't reach our database right now. Please try again in a few seconds.", {
      headers: { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) },
      cause: err,
    });
  }
  logger.error({ err }, "unexpected error");
  return new AppError("INTERNAL", "Something went wrong on our side. Please try again.");
}
