import { captureLogs } from "@/lib/testing/logs";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { redirect } from "next/navigation";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { User } from "@/lib/auth/accounts";
import { configureRateLimiter } from "@/lib/ratelimit";

// The session is the one thing faked: the Auth.js cookie needs a request.
let signedIn: User | null = null;
vi.mock("@/lib/auth/current-user", () => ({ sessionUser: async () => signedIn }));

const { action, formAction } = await import("./action");

const user = (role: User["role"]) => ({ id: `user-${role}`, role }) as User;
const form = (fields: Record<string, string | string[]>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of [v].flat()) f.append(k, item);
  return f;
};

const named = z.object({ name: z.string().trim().min(1, "Give a name"), count: z.coerce.number().int().min(1).optional() });

beforeEach(() => {
  signedIn = null;
  configureRateLimiter({ redis: null });
});
afterEach(() => {
  configureRateLimiter();
  vi.restoreAllMocks();
});

describe("action()", () => {
  it("parses the input and hands the handler the parsed value", async () => {
    const hello = action({ input: named, run: async ({ name }) => `hello ${name}` });
    expect(await hello({ name: "  Ada " })).toEqual({ ok: true, data: "hello Ada" });
  });

  it("answers bad input as VALIDATION_FAILED naming each field, without running the handler", async () => {
    const run = vi.fn(async () => "ran");
    const result = await action({ input: named, run })({ name: " ", count: "0" });
    expect(result).toMatchObject({ ok: false, code: "VALIDATION_FAILED", message: "Invalid form: name: Give a name" });
    expect(result.ok || result.fieldErrors).toEqual({ name: ["Give a name"], count: [expect.any(String)] });
    expect(run).not.toHaveBeenCalled();
  });

  it("refuses NUL characters in any field (parseInput)", async () => {
    const result = await action({ input: named, run: async () => "ran" })({ name: "a\u0000b" });
    expect(result).toMatchObject({ ok: false, code: "VALIDATION_FAILED", fieldErrors: { name: ["must not contain NUL characters"] } });
  });

  it("answers UNAUTHORIZED when auth is asked for and nobody is signed in", async () => {
    const run = vi.fn(async () => "ran");
    expect(await action({ input: named, auth: "user", run })({ name: "x" })).toEqual({ ok: false, code: "UNAUTHORIZED", message: "Sign in to continue." });
    expect(await action({ auth: "user", messages: { unauthorized: "Sign in to hold seats." }, run })(undefined)).toMatchObject({ code: "UNAUTHORIZED", message: "Sign in to hold seats." });
    expect(run).not.toHaveBeenCalled();
  });

  it("gives the handler the signed-in user", async () => {
    signedIn = user("customer");
    expect(await action({ auth: "user", run: async (_input, ctx) => ctx.user.id })(undefined)).toEqual({ ok: true, data: "user-customer" });
  });

  it("answers FORBIDDEN to a role not on the list, and lets the listed ones in", async () => {
    const staffOnly = action({ auth: ["staff", "admin"], messages: { forbidden: "This is for venue staff." }, run: async (_input, { user }) => user.role });
    signedIn = user("customer");
    expect(await staffOnly(undefined)).toEqual({ ok: false, code: "FORBIDDEN", message: "This is for venue staff." });
    signedIn = user("staff");
    expect(await staffOnly(undefined)).toEqual({ ok: true, data: "staff" });
    signedIn = user("admin");
    expect(await staffOnly(undefined)).toEqual({ ok: true, data: "admin" });
    signedIn = user("staff");
    expect(await action({ auth: ["admin"], run: async () => "ran" })(undefined)).toMatchObject({ code: "FORBIDDEN", message: "You don't have access to this." });
  });

  it("answers RATE_LIMITED once the policy's limit for the key is spent, and skips a limit whose key is null", async () => {
    configureRateLimiter({ limits: { promo: { limit: 2, window: "60 s" } }, redis: null });
    signedIn = user("customer");
    const run = vi.fn(async () => "ran");
    const quote = action({
      input: z.object({ promoCode: z.string().optional() }),
      auth: "user",
      rateLimit: { policy: "promo", key: ({ promoCode }, u) => (promoCode ? `user:${u.id}` : null) },
      run,
    });
    expect(await quote({ promoCode: "A" })).toMatchObject({ ok: true });
    expect(await quote({ promoCode: "B" })).toMatchObject({ ok: true });
    const limited = await quote({ promoCode: "C" });
    expect(limited).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    expect(run).toHaveBeenCalledTimes(2);
    // No promo code, no count.
    expect(await quote({})).toMatchObject({ ok: true });
    // Another key has its own count.
    signedIn = user("admin");
    expect(await quote({ promoCode: "A" })).toMatchObject({ ok: true });
  });

  it("answers an unexpected error as INTERNAL, logged, its text never returned", async () => {
    const logs = captureLogs();
    const boom = new Error("unexpected token in the ledger");
    const result = await action({ run: async () => Promise.reject(boom) })(undefined);
    logs.restore();
    expect(result).toEqual({ ok: false, code: "INTERNAL", message: "Something went wrong on our side. Please try again." });
    // Logged with its stack, for whoever reads the logs.
    expect(logs.lines).toEqual([expect.objectContaining({ level: "error", msg: "unexpected error", err: expect.objectContaining({ message: boom.message, stack: boom.stack }) })]);
  });

  it("lets redirect() through rather than turning it into a result", async () => {
    const go = action({
      run: async () => {
        redirect("/account?welcome=1");
      },
    });
    const thrown = await go(undefined).then(
      () => null,
      (err: unknown) => err,
    );
    expect(isRedirectError(thrown)).toBe(true);
  });
});

describe("formAction()", () => {
  it("reads the form's fields (repeated names as an array) and passes the FormData along", async () => {
    const pick = formAction({
      input: z.object({ days: z.array(z.string()), eventId: z.string() }),
      run: async ({ days }, { form }) => ({ days, poster: form.get("poster") instanceof File }),
    });
    const f = form({ days: ["mon", "tue"], eventId: "e1" });
    f.set("poster", new File(["x"], "p.png", { type: "image/png" }));
    expect(await pick(null, f)).toEqual({ ok: true, data: { days: ["mon", "tue"], poster: true } });
  });

  it("echoes what was typed on a refusal, never passwords, tokens or card fields", async () => {
    const signUp = formAction({ input: z.object({ name: z.string(), email: z.email("Enter an email") }), run: async () => ({}) });
    const result = await signUp(null, form({ name: "Ada", email: "nope", password: "hunter2hunter2", confirm: "hunter2hunter2", token: "t".repeat(30), cardNumber: "4242", $ACTION_ID_x: "" }));
    expect(result).toMatchObject({ ok: false, code: "VALIDATION_FAILED", fieldErrors: { email: ["Enter an email"] } });
    expect(result.ok ? null : result.values).toEqual({ name: "Ada", email: "nope" });
  });

  it("checks the role after the input, like action()", async () => {
    signedIn = user("customer");
    const staffForm = formAction({ input: named, auth: ["staff", "admin"], run: async () => "ran" });
    expect(await staffForm(null, form({ name: "" }))).toMatchObject({ code: "VALIDATION_FAILED" });
    expect(await staffForm(null, form({ name: "Ada" }))).toMatchObject({ code: "FORBIDDEN", values: { name: "Ada" } });
  });

  it("refuses a call without a FormData instead of failing", async () => {
    const f = formAction({ input: named, run: async () => "ran" });
    expect(await f(null, "not a form" as unknown as FormData)).toMatchObject({ ok: false, code: "VALIDATION_FAILED" });
  });
});
