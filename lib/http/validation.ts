import { z } from "zod";
import { FIRST_DAY, LAST_DAY, isYmd } from "@/lib/time/zone";
import { AppError, type FieldErrors } from "@/lib/errors";

/** Flattens zod issues into `{ "field.path": ["message", …] }`. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/**
 * The path of the first string in `input` holding a NUL character, or null. Postgres text cannot
 * store U+0000 (it fails the statement), and no name, email or code has one: such input is refused
 * at the boundary, whichever field carries it.
 */
export function nulPath(input: unknown, path: (string | number)[] = [], depth = 0): string | null {
  if (typeof input === "string") return input.includes("\u0000") ? path.join(".") || "_" : null;
  if (depth > 8 || input === null || typeof input !== "object") return null;
  for (const [key, value] of Array.isArray(input) ? input.entries() : Object.entries(input)) {
    if (typeof key === "string" && key.includes("\u0000")) return [...path, key.replaceAll("\u0000", "\\0")].join(".");
    const found = nulPath(value, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/** Parses `input` with `schema` or throws a 400 VALIDATION_FAILED naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where = "request"): z.output<S> {
  const nul = nulPath(input);
  if (nul) {
    throw new AppError("VALIDATION_FAILED", `Invalid ${where}: ${nul === "_" ? "" : `${nul}: `}must not contain NUL characters`, {
      details: { fieldErrors: { [nul]: ["must not contain NUL characters"] } },
    });
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors = fieldErrorsOf(result.error);
  const first = Object.entries(fieldErrors)[0];
  const message = first ? `Invalid ${where}: ${first[0] === "_" ? "" : `${first[0]}: `}${first[1][0]}` : `Invalid ${where}`;
  throw new AppError("VALIDATION_FAILED", message, { details: { fieldErrors } });
}

/** URLSearchParams → plain object; repeated keys become arrays, empty values are dropped. */
export function searchParamsToObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key).filter((v) => v !== "");
    if (values.length === 1) out[key] = values[0]!;
    else if (values.length > 1) out[key] = values;
  }
  return out;
}

/** A real "YYYY-MM-DD" day between FIRST_DAY and LAST_DAY. */
export const isoDay = (message = "must be a date (YYYY-MM-DD)") =>
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, message).refine(isYmd, `${message}, between ${FIRST_DAY} and ${LAST_DAY}`);

/** An instant (ISO 8601 or epoch ms) within the same years: nothing Postgres or Date would choke on. */
export const instant = (message = "must be a date and time (ISO 8601)") =>
  z.coerce
    .date({ error: message })
    .refine((d) => !Number.isNaN(d.getTime()) && d.getTime() >= Date.parse(`${FIRST_DAY}T00:00:00Z`) && d.getTime() <= Date.parse(`${LAST_DAY}T23:59:59.999Z`), `${message}, between ${FIRST_DAY} and ${LAST_DAY}`);
