import type { Metadata } from "next";
import { ForgotPasswordForm } from "@/components/auth/forms";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <div className="mx-auto max-w-sm rounded-2xl bg-white p-6 shadow-sm ring-1 ring-black/5">
      <h1 className="mb-2 text-2xl font-bold">Forgot your password?</h1>
      <p className="mb-4 text-sm text-slate-600">We&apos;ll email you a link to choose a new one.</p>
      <ForgotPasswordForm />
    </div>
  );
}
