import { z } from "zod";
import { AppError, type FieldErrors } from "./errors";

/** Flattens zod issues into `{ "field.path": ["message", …] }`. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** Parses `input` with `schema` or throws a 400 VALIDATION_FAILED naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where = "request"): z.output<S> {
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
