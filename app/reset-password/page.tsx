import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/forms";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <div className="mx-auto max-w-sm rounded-2xl bg-white p-6 shadow-sm ring-1 ring-black/5">
      <h1 className="mb-4 text-2xl font-bold">Choose a new password</h1>
      {typeof token === "string" && token.length >= 20 ? (
        <ResetPasswordForm token={token} />
      ) : (
        <p className="text-slate-600">
          This link is incomplete. <Link href="/forgot-password" className="text-brand-600 underline">Ask for a new one</Link>.
        </p>
      )}
    </div>
  );
}
