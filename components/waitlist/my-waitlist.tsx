// The account page's list of the user's live waitlist places, each linking to its show.
import "server-only";
import Link from "next/link";
import { myWaitlistEntries } from "@/lib/waitlist/entries";

export async function MyWaitlist({ userId }: { userId: string }) {
  const entries = await myWaitlistEntries(userId, undefined, { liveOnly: true });
  if (entries.length === 0) return null;
  return (
    <section aria-labelledby="my-waitlist" className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-black/5">
      <h2 id="my-waitlist" className="text-lg font-semibold">Your waitlists</h2>
      <ul className="mt-2 divide-y divide-slate-100 text-sm">
        {entries.map((e) => (
          <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <Link href={`/shows/${e.showId}`} className="font-medium text-brand-700 hover:underline">
              {e.title}
              {e.zoneName ? ` · ${e.zoneName}` : ""}
            </Link>
            <span className="text-slate-600">
              {e.status === "OFFERED" ? (
                <Link href={`/checkout/${e.bookingId}`} className="font-semibold text-emerald-700 underline">
                  Held for you — complete your booking
                </Link>
              ) : (
                `#${e.position} in line for ${e.quantity}`
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
