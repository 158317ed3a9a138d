import type { Metadata } from "next";
import Link from "next/link";
import { CheckinApp } from "@/components/checkin/checkin-app";
import { requirePageUser } from "@/lib/auth/require-page-user";
import { doorShows } from "@/lib/checkin/checkin";
import { ticketPublicKey } from "@/lib/tickets/keys";

export const metadata: Metadata = { title: "Check-in" };

export default async function CheckinPage() {
  const user = await requirePageUser("/checkin");
  if (!["scanner", "staff", "admin"].includes(user.role)) {
    return (
      <div className="mx-auto mt-10 max-w-md rounded-2xl bg-white p-6 text-center shadow-sm ring-1 ring-black/5">
        <h1 className="text-xl font-bold">Check-in is for door staff</h1>
        <p className="mt-2 text-slate-600">Sign in with a scanner or venue staff account to admit tickets.</p>
        <Link href="/" className="mt-4 inline-block font-semibold text-brand-600 hover:underline">
          Back to Marquee
        </Link>
      </div>
    );
  }
  const shows = await doorShows(user);
  return (
    // The door brings its own header (components/checkin): the shop's is not shown here (app/layout.tsx).
    <div className="flex-1 bg-ink-900 text-white">
      <CheckinApp shows={shows} publicKey={ticketPublicKey().jwk} staffName={user.name} />
    </div>
  );
}
