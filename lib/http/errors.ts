// Domain errors (lib/errors.ts) as HTTP: each code's status and the JSON body the API answers.
import type { ErrorCode } from "@/lib/errors";

export const errorStatus = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  INVALID_CURSOR: 400,
  UNAUTHORIZED: 401,
  PAYMENT_REQUIRED: 402,
  DUPLICATE_SEATS: 400,
  TOO_MANY_SEATS: 400,
  COMPANION_SEAT_ALONE: 422,
  COMPANION_SEAT_NOT_ADJACENT: 422,
  TOO_MANY_COMPANION_SEATS: 422,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  SEATS_UNAVAILABLE: 409,
  ZONE_SOLD_OUT: 409,
  UNKNOWN_ZONE: 422,
  ZONE_IN_USE: 409,
  INVALID_QUANTITY: 400,
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
  ADMIT_EXCEEDS_REMAINING: 409,
  PAYMENT_DECLINED: 402,
  CANCELLATION_CLOSED: 409,
  NOT_SOLD_OUT: 409,
  WAITLIST_FIRST: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const satisfies Record<ErrorCode, number>;

/** The HTTP status an error code answers with. */
export const httpStatus = (code: ErrorCode): number => errorStatus[code];

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: Record<string, unknown> } };
