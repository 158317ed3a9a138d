import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/forms";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { sessionUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  if (await sessionUser()) redirect(callbackUrl);
  return (
    <div className="mx-auto max-w-sm rounded-2xl bg-white p-6 shadow-sm ring-1 ring-black/5">
      <h1 className="mb-4 text-2xl font-bold">Sign in</h1>
      <SignInForm callbackUrl={callbackUrl} />
      <p className="mt-6 text-center text-sm text-slate-600">
        New to Marquee?{" "}
        <Link href={`/signup?${new URLSearchParams({ callbackUrl })}`} className="font-medium text-brand-600 hover:underline">
          Create an account
        </Link>
      </p>
    </div>
  );
}
