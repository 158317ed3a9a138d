// One API operation, described once: the route handler validates with these schemas
// (`route(op, handler)`), and the OpenAPI document is generated from the same object. Pure data
// and zod: no server imports, so the generator, the docs page and tests can read every contract.
import type { z } from "zod";
import type { ApiScope } from "@/lib/auth/scopes";
import type { ErrorCode } from "@/lib/errors";
import type { PolicyName } from "@/lib/ratelimit/policies";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Role = "customer" | "staff" | "scanner" | "admin";

export type ResponseSpec = {
  description: string;
  /** The JSON body; absent for an empty answer (204) or a non-JSON one (see contentType). */
  schema?: z.ZodType;
  /** Default application/json. */
  contentType?: string;
  /** Response headers worth documenting, name → description. */
  headers?: Record<string, string>;
  /** Other media types the same answer may come as, chosen by the request (`?format=csv`); their bodies are not JSON. */
  alternatives?: readonly { contentType: string; description?: string }[];
};

export type Operation = {
  method: Method;
  /** The path under /api/v1, in OpenAPI form: "/events/{eventId}/shows". */
  path: string;
  /** Stable, camelCase: "listEventShows". */
  operationId: string;
  /** One line, sentence case. */
  summary: string;
  /** Markdown: behaviour a client must know (idempotency, ordering, what 409 means here…). */
  description?: string;
  /** Groups operations on the docs page: "Catalog", "Bookings", "Payments", "Check-in", "Staff"… */
  tag: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Request headers the operation reads (Idempotency-Key, If-None-Match, queue pass…), name → description. */
  headers?: Record<string, { description: string; required?: boolean }>;
  /** "required": 401 without a valid credential; "optional": works signed out, more when signed in. */
  auth?: "required" | "optional";
  /** Roles allowed (implies auth "required"); others get 403. */
  roles?: readonly Role[];
  /** The partner API key scope that may call it; none: API keys are refused (403). */
  scope?: ApiScope;
  rateLimit?: PolicyName | false;
  /** Successful answers by status. */
  responses: Partial<Record<200 | 201 | 202 | 204 | 304, ResponseSpec>>;
  /** The error codes this operation may answer with, besides those every operation may (see COMMON_ERRORS). */
  errors?: readonly ErrorCode[];
};

/** Errors any operation may answer with: bad input, rate limit, and the server's own failures. */
export const COMMON_ERRORS = ["VALIDATION_FAILED", "RATE_LIMITED", "INTERNAL", "SERVICE_UNAVAILABLE", "DATABASE_UNAVAILABLE"] as const satisfies readonly ErrorCode[];

/** Declares an operation (identity at runtime; keeps the literal types for `route()`). */
export function op<const O extends Operation>(o: O): O {
  return o;
}
