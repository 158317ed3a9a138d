// One error vocabulary for route handlers, server actions and the domain. A code maps to an
// HTTP status and a message that is safe to show; internal causes are logged, never returned.

import { databaseError } from "@/db/errors";

export const errorStatus = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  INVALID_CURSOR: 400,
  UNAUTHORIZED: 401,
  PAYMENT_REQUIRED: 402,
  DUPLICATE_SEATS: 400,
  TOO_MANY_SEATS: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  SEATS_UNAVAILABLE: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  INVALID_STATE: 409,
  SEAT_LIMIT_REACHED: 409,
  SHOW_NOT_ON_SALE: 409,
  HOLD_EXPIRED: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  UNKNOWN_SEATS: 422,
  PROMO_INVALID: 422,
  SCAN_TIME_INVALID: 422,
  PAYMENT_DECLINED: 402,
  CANCELLATION_CLOSED: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
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

  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found`);

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: Record<string, unknown> } };

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

/** Turns anything thrown into a safe, typed error. Unknown errors are logged and hidden. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  // A value Postgres refused as data (a byte it cannot store, a date or number out of its range)
  // is the caller's bad input that validation let through: a 400, logged so the gap gets closed.
  const db = databaseError(err);
  if (db && INPUT_SQLSTATES.has(db.code)) {
    console.warn("[marquee] input refused by the database", db.code, err instanceof Error ? err.message.split("\n")[0] : "");
    return new AppError("VALIDATION_FAILED", "Some of the values sent are out of range or not valid text.", { details: { sqlstate: db.code } });
  }
  console.error("[marquee] unexpected error", err);
  return new AppError("INTERNAL", "Something went wrong on our side. Please try again.");
}
