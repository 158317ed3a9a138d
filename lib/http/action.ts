import "server-only";
import type { z } from "zod";
import { toAppError, type ErrorCode, type FieldErrors } from "@/lib/errors";
import { parseInput } from "./validation";

export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      code: ErrorCode;
      message: string;
      fieldErrors?: FieldErrors;
      details?: Record<string, unknown>;
      /** What was submitted (never passwords or tokens), so a form can show it again. */
      values?: Record<string, string>;
    };

const SECRET_FIELD = /password|confirm|token|secret|card|cvc/i;

async function run<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  handler: (input: z.output<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await handler(parseInput(schema, input, "form")) };
  } catch (err) {
    const e = toAppError(err);
    const fieldErrors = e.details?.fieldErrors as FieldErrors | undefined;
    return { ok: false, code: e.code, message: e.message, ...(fieldErrors ? { fieldErrors } : {}), ...(e.details ? { details: e.details } : {}) };
  }
}

/** A server action taking a plain object: parse with zod, run, answer a discriminated result. */
export function action<S extends z.ZodType, T>(schema: S, handler: (input: z.output<S>) => Promise<T>) {
  return (input: unknown) => run(schema, input, handler);
}

/** The same for `useActionState` forms: `(previousState, formData)`. */
export function formAction<S extends z.ZodType, T>(schema: S, handler: (input: z.output<S>) => Promise<T>) {
  return async (_prev: ActionResult<T> | null, form: FormData): Promise<ActionResult<T>> => {
    const input: Record<string, unknown> = {};
    for (const key of new Set(form.keys())) {
      const all = form.getAll(key).filter((v) => typeof v === "string");
      input[key] = all.length > 1 ? all : all[0];
    }
    const result = await run(schema, input, handler);
    if (result.ok) return result;
    const values = Object.fromEntries(
      Object.entries(input).filter(([k, v]) => typeof v === "string" && !SECRET_FIELD.test(k) && !k.startsWith("$")) as [string, string][],
    );
    return { ...result, values };
  };
}
