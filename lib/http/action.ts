import "server-only";
import { notFound, unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { Role, User } from "@/lib/auth/accounts";
import { sessionUser } from "@/lib/auth/current-user";
import { AppError, toAppError, type ErrorCode, type FieldErrors } from "@/lib/errors";
import { enforceRateLimit, type PolicyName } from "@/lib/ratelimit";
import { httpStatus } from "./errors";
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

/** Who may call an action: anyone signed in, or a signed-in user with one of these roles. */
export type ActionAuth = "user" | readonly Role[];

/** The handler's user: the signed-in caller when the action asks for `auth`, else null. */
export type ActionUser<A> = [A] extends [undefined] ? null : User;

/** A rate limit counted before the handler runs; a null key (say, no promo code sent) skips it. */
export type ActionRateLimit<I, U> = {
  policy: PolicyName;
  key: (input: I, user: U) => string | null | undefined | Promise<string | null | undefined>;
};

type Options<S extends z.ZodType, A extends ActionAuth | undefined, T, Ctx> = {
  /** Parsed with parseInput (refuses NUL characters too); omitted, the handler gets undefined. */
  input?: S;
  auth?: A;
  /** The refusals' wording, where an action has its own. */
  messages?: { unauthorized?: string; forbidden?: string };
  rateLimit?: ActionRateLimit<z.output<S>, ActionUser<A>> | readonly ActionRateLimit<z.output<S>, ActionUser<A>>[];
  run: (input: z.output<S>, ctx: Ctx & { user: ActionUser<A> }) => Promise<T>;
};

const SECRET_FIELD = /password|confirm|token|secret|card|cvc/i;

async function caller(auth: ActionAuth, messages: Options<z.ZodType, ActionAuth, unknown, object>["messages"]): Promise<User> {
  const user = await sessionUser();
  if (!user) throw new AppError("UNAUTHORIZED", messages?.unauthorized ?? "Sign in to continue.");
  if (auth !== "user" && !auth.includes(user.role)) throw new AppError("FORBIDDEN", messages?.forbidden ?? "You don't have access to this.");
  return user;
}

// Parse, authenticate, authorise, count, run: in that order, so a refusal names the first problem.
async function run<S extends z.ZodType, A extends ActionAuth | undefined, T, Ctx extends object>(
  options: Options<S, A, T, Ctx>,
  raw: unknown,
  ctx: Ctx,
): Promise<ActionResult<T>> {
  try {
    const input = (options.input ? parseInput(options.input, raw, "form") : undefined) as z.output<S>;
    const user = (options.auth ? await caller(options.auth, options.messages) : null) as ActionUser<A>;
    for (const limit of [options.rateLimit ?? []].flat()) {
      const key = await limit.key(input, user);
      if (key) await enforceRateLimit(limit.policy, key);
    }
    return { ok: true, data: await options.run(input, { ...ctx, user }) };
  } catch (err) {
    // redirect(), notFound() and Next's other interrupts are control flow, not failures.
    unstable_rethrow(err);
    const e = toAppError(err);
    const fieldErrors = e.details?.fieldErrors as FieldErrors | undefined;
    return { ok: false, code: e.code, message: e.message, ...(fieldErrors ? { fieldErrors } : {}), ...(e.details ? { details: e.details } : {}) };
  }
}

/**
 * A server action taking a plain object: parse with zod, check the session (and role), count any
 * rate limits, run, and answer a discriminated result. Unexpected errors are logged and answered
 * as INTERNAL; Next's redirect()/notFound() pass through.
 *
 *   export const releaseHoldAction = action({ input: z.object({ bookingId: z.uuid() }), auth: "user", run: ({ bookingId }, { user }) => … });
 */
export function action<S extends z.ZodType = z.ZodUndefined, const A extends ActionAuth | undefined = undefined, T = unknown>(options: Options<S, A, T, object>) {
  return (input: unknown): Promise<ActionResult<T>> => run(options, input, {});
}

/**
 * The same for `useActionState` forms: `(previousState, formData)`. The fields become an object
 * (repeated names an array; files are left to the handler, which gets the FormData too), and a
 * refusal echoes what was typed, without secrets, as `values`.
 */
export function formAction<S extends z.ZodType = z.ZodUndefined, const A extends ActionAuth | undefined = undefined, T = unknown>(
  options: Options<S, A, T, { form: FormData }>,
) {
  return async (_prev: ActionResult<T> | null, form: FormData): Promise<ActionResult<T>> => {
    if (!(form instanceof FormData)) return { ok: false, code: "VALIDATION_FAILED", message: "Invalid form" };
    const input: Record<string, unknown> = {};
    for (const key of new Set(form.keys())) {
      const all = form.getAll(key).filter((v) => typeof v === "string");
      input[key] = all.length > 1 ? all : all[0];
    }
    const result = await run(options, input, { form });
    if (result.ok) return result;
    const values = Object.fromEntries(
      Object.entries(input).filter(([k, v]) => typeof v === "string" && !SECRET_FIELD.test(k) && !k.startsWith("$")) as [string, string][],
    );
    return { ...result, values };
  };
}

/**
 * For a plain `<form action>` button, which has no state to show a refusal in: a refusal is the
 * not-found page (as an admin page is to whoever may not see it), a fault on our side an error.
 */
export function refuseAsPage(result: Extract<ActionResult<unknown>, { ok: false }>): never {
  if (httpStatus(result.code) >= 500) throw new AppError(result.code, result.message);
  notFound();
}
