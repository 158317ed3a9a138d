"use client";
import Link from "next/link";
import { useActionState } from "react";
import { forgotPassword, resetPasswordAction, signInWithPassword, signUp } from "@/app/actions/auth";
import { Field, FormError, SubmitButton } from "@/components/ui/field";

const topError = (s: { ok: false; message: string; fieldErrors?: Record<string, string[]> } | { ok: true } | null) =>
  s && !s.ok && !s.fieldErrors ? s.message : undefined;
const fieldErrors = (s: unknown, name: string) => (s as { fieldErrors?: Record<string, string[]> } | null)?.fieldErrors?.[name];
// React resets a form after its action; put back what was typed (never passwords).
const typed = (s: unknown, name: string) => (s as { values?: Record<string, string> } | null)?.values?.[name];

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState(signInWithPassword, null);
  return (
    <form action={action} className="space-y-4" aria-label="Sign in">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormError message={state && !state.ok ? state.message : undefined} />
      <Field label="Email" name="email" type="email" autoComplete="email" required defaultValue={typed(state, "email")} errors={fieldErrors(state, "email")} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required errors={fieldErrors(state, "password")} />
      <SubmitButton pending={pending}>Sign in</SubmitButton>
      <p className="text-center text-sm">
        <Link href="/forgot-password" className="text-brand-600 hover:underline">
          Forgot your password?
        </Link>
      </p>
    </form>
  );
}

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState(signUp, null);
  return (
    <form action={action} className="space-y-4" aria-label="Create account">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormError message={topError(state)} />
      <Field label="Full name" name="name" autoComplete="name" required defaultValue={typed(state, "name")} errors={fieldErrors(state, "name")} />
      <Field label="Email" name="email" type="email" autoComplete="email" required defaultValue={typed(state, "email")} errors={fieldErrors(state, "email")} />
      <Field label="Mobile number" name="phone" type="tel" autoComplete="tel" required placeholder="+91 98200 12345" defaultValue={typed(state, "phone")} errors={fieldErrors(state, "phone")} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters, mixing letters with digits or symbols."
        errors={fieldErrors(state, "password")}
      />
      <SubmitButton pending={pending}>Create account</SubmitButton>
    </form>
  );
}

export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState(forgotPassword, null);
  if (state?.ok) {
    return (
      <p role="status" className="rounded-lg bg-emerald-50 p-4 text-emerald-800 ring-1 ring-emerald-200">
        If an account exists for that email, a reset link is on its way. It works once, for 30 minutes.
      </p>
    );
  }
  return (
    <form action={action} className="space-y-4" aria-label="Reset password">
      <FormError message={topError(state)} />
      <Field label="Email" name="email" type="email" autoComplete="email" required defaultValue={typed(state, "email")} errors={fieldErrors(state, "email")} />
      <SubmitButton pending={pending}>Send reset link</SubmitButton>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(resetPasswordAction, null);
  return (
    <form action={action} className="space-y-4" aria-label="Choose a new password">
      <input type="hidden" name="token" value={token} />
      <FormError message={topError(state)} />
      <Field label="New password" name="password" type="password" autoComplete="new-password" required errors={fieldErrors(state, "password")} />
      <Field label="Repeat it" name="confirm" type="password" autoComplete="new-password" required errors={fieldErrors(state, "confirm")} />
      <SubmitButton pending={pending}>Save new password</SubmitButton>
    </form>
  );
}
