import type { Metadata } from "next";
import Link from "next/link";
import { verifyEmailToken } from "@/app/actions/auth";

export const metadata: Metadata = { title: "Confirm email" };

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const ok = typeof token === "string" && (await verifyEmailToken(token));
  return (
    <div className="mx-auto max-w-sm rounded-2xl bg-white p-6 text-center shadow-sm ring-1 ring-black/5">
      <h1 className="mb-2 text-2xl font-bold">{ok ? "Email confirmed" : "This link has expired"}</h1>
      <p className="text-slate-600">{ok ? "Thanks! Tickets and reminders will reach you." : "It may have been used already. Sign in to ask for a new one."}</p>
      <Link href={ok ? "/" : "/signin"} className="mt-4 inline-block rounded-lg bg-brand-500 px-4 py-2 font-medium text-white">
        {ok ? "Find something to watch" : "Sign in"}
      </Link>
    </div>
  );
}
