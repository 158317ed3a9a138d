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
import { clientIp, enforceRateLimit } from "@/lib/ratelimit";
import type { ActionResult } from "@/lib/http/action";
import { formAction } from "@/lib/http/action";
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
const signInAction = formAction(signInSchema, async ({ email, password }) => {
  await signInOrFail(email, password);
  return {};
});

export async function signInWithPassword(prev: ActionResult<object> | null, form: FormData) {
  const result = await signInAction(prev, form);
  // redirect() throws by design: it must run outside the wrapper's try/catch.
  if (result.ok) redirect(safeCallbackUrl(form.get("callbackUrl")));
  return result;
}

const signUpAction = formAction(registerSchema.extend({ callbackUrl: z.string().optional() }), async (input) => {
  await enforceRateLimit("signUp", await ip());
  await registerUser(input);
  await signInOrFail(input.email, input.password);
  return {};
});

export async function signUp(prev: ActionResult<object> | null, form: FormData) {
  const result = await signUpAction(prev, form);
  if (result.ok) redirect(safeCallbackUrl(form.get("callbackUrl"), "/account?welcome=1"));
  return result;
}

export async function signOutAction() {
  await signOut({ redirectTo: "/" });
}

const forgotAction = formAction(z.object({ email: emailSchema }), async ({ email }) => {
  await enforceRateLimit("passwordReset", `${await ip()}:${email}`);
  await requestPasswordReset(email);
  // The same answer whether or not the account exists.
  return { sent: true };
});

export async function forgotPassword(prev: ActionResult<{ sent: boolean }> | null, form: FormData) {
  return forgotAction(prev, form);
}

const resetAction = formAction(
  z.object({ token: z.string().min(20).max(200), password: passwordSchema, confirm: z.string() }).refine((v) => v.password === v.confirm, {
    message: "The two passwords differ",
    path: ["confirm"],
  }),
  async ({ token, password }) => {
    await enforceRateLimit("passwordReset", await ip());
    const user = await resetPassword(token, password);
    await signInOrFail(user.email, password);
    return {};
  },
);

export async function resetPasswordAction(prev: ActionResult<object> | null, form: FormData) {
  const result = await resetAction(prev, form);
  if (result.ok) redirect("/account?reset=1");
  return result;
}

export async function verifyEmailToken(token: string): Promise<boolean> {
  return z.string().min(20).max(200).safeParse(token).success ? confirmEmail(token) : false;
}
