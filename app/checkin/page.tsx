import type { Metadata } from "next";
import { CheckinApp } from "@/components/checkin/checkin-app";
import { requirePageUser } from "@/lib/auth/require-page-user";
import { doorShows } from "@/lib/checkin/checkin";
import { ticketPublicKey } from "@/lib/tickets/keys";

export const metadata: Metadata = { title: "Check-in" };

export default async function CheckinPage() {
  const user = await requirePageUser("/checkin");
  if (!["scanner", "staff", "admin"].includes(user.role)) {
    return (
      <div className="mx-auto max-w-md rounded-2xl bg-white p-6 text-center shadow-sm ring-1 ring-black/5">
        <h1 className="text-xl font-bold">Check-in is for door staff</h1>
        <p className="mt-2 text-slate-600">Sign in with a scanner or venue staff account to admit tickets.</p>
      </div>
    );
  }
  const shows = await doorShows(user);
  return (
    <div className="-mx-4 -my-6 min-h-[80vh] bg-ink-900 px-4 py-6 text-white">
      <div className="mx-auto max-w-5xl">
        <CheckinApp shows={shows} publicKey={ticketPublicKey().jwk} />
      </div>
    </div>
  );
}
