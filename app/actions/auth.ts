"use server";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { headers } from "next/headers";
import { z } from "zod";
import { confirmEmail, emailSchema, registerSchema, registerUser, requestPasswordReset, resetPassword } from "@/lib/auth/accounts";
import { signIn, signOut } from "@/lib/auth";
import { passwordSchema } from "@/lib/auth/password";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { SignInRateLimited } from "@/lib/auth/sign-in-limit";
import { clientIp } from "@/lib/ratelimit";
import { action, formAction, type ActionResult } from "@/lib/http/action";
import { AppError } from "@/lib/errors";

const ip = async () => clientIp(await headers());

async function signInOrFail(email: string, password: string) {
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (err) {
    if (err instanceof SignInRateLimited) throw err.appError;
    if (err instanceof AuthError) throw new AppError("UNAUTHORIZED", "Email or password is incorrect.");
    throw err;
  }
}

const signInSchema = z.object({ email: z.string().trim().min(1, "Enter your email").max(254), password: z.string().min(1, "Enter your password").max(128), callbackUrl: z.string().optional() });

// The credentials provider's authorize() counts the attempt (signIn / signInAddress limits).
const signInAction = formAction({
  input: signInSchema,
  run: async ({ email, password }) => {
    await signInOrFail(email, password);
    return {};
  },
});

export async function signInWithPassword(prev: ActionResult<object> | null, form: FormData) {
  const result = await signInAction(prev, form);
  // redirect() throws by design: it must run outside the wrapper's try/catch.
  if (result.ok) redirect(safeCallbackUrl(form.get("callbackUrl")));
  return result;
}

const signUpAction = formAction({
  input: registerSchema.extend({ callbackUrl: z.string().optional() }),
  rateLimit: { policy: "signUp", key: ip },
  run: async (input) => {
    await registerUser(input);
    await signInOrFail(input.email, input.password);
    return {};
  },
});

export async function signUp(prev: ActionResult<object> | null, form: FormData) {
  const result = await signUpAction(prev, form);
  if (result.ok) redirect(safeCallbackUrl(form.get("callbackUrl"), "/account?welcome=1"));
  return result;
}

// signOut() ends in a redirect, which the wrapper lets through.
const signOutNow = action({
  run: async () => {
    await signOut({ redirectTo: "/" });
    return {};
  },
});

export async function signOutAction() {
  const result = await signOutNow(undefined);
  if (!result.ok) throw new AppError(result.code, result.message);
}

const forgotAction = formAction({
  input: z.object({ email: emailSchema }),
  rateLimit: { policy: "passwordReset", key: async ({ email }) => `${await ip()}:${email}` },
  run: async ({ email }) => {
    await requestPasswordReset(email);
    // The same answer whether or not the account exists.
    return { sent: true };
  },
});

export async function forgotPassword(prev: ActionResult<{ sent: boolean }> | null, form: FormData) {
  return forgotAction(prev, form);
}

const resetAction = formAction({
  input: z.object({ token: z.string().min(20).max(200), password: passwordSchema, confirm: z.string() }).refine((v) => v.password === v.confirm, {
    message: "The two passwords differ",
    path: ["confirm"],
  }),
  rateLimit: { policy: "passwordReset", key: ip },
  run: async ({ token, password }) => {
    const user = await resetPassword(token, password);
    await signInOrFail(user.email, password);
    return {};
  },
});

export async function resetPasswordAction(prev: ActionResult<object> | null, form: FormData) {
  const result = await resetAction(prev, form);
  if (result.ok) redirect("/account?reset=1");
  return result;
}

const verifyEmail = action({ input: z.string().min(20).max(200), run: (token) => confirmEmail(token) });

/** For the /verify-email page: whether the link's token confirmed an address. A malformed token is just not one. */
export async function verifyEmailToken(token: string): Promise<boolean> {
  const result = await verifyEmail(token);
  if (result.ok) return result.data;
  if (result.code === "VALIDATION_FAILED") return false;
  throw new AppError(result.code, result.message);
}
