import { AppError } from "@/lib/errors";
import type { Metadata } from "next";
import Link from "next/link";
import { StatusBadge } from "@/components/account/status-badge";
import { requirePageUser } from "@/lib/auth/require-page-user";
import { historyQuerySchema, listUserBookings } from "@/lib/booking/history";
import { formatMoney } from "@/lib/format/money";
import { admitsText } from "@/lib/format/places";
import { formatInZone } from "@/lib/time/zone";

export const metadata: Metadata = { title: "Your bookings" };

const TABS = [
  { id: "upcoming", label: "Upcoming" },
  { id: "past", label: "Past" },
  { id: "all", label: "All" },
] as const;

export default async function BookingsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requirePageUser("/account/bookings");
  const sp = await searchParams;
  const parsed = historyQuerySchema.safeParse({ when: sp.when ?? "upcoming", cursor: sp.cursor });
  const q = parsed.success ? parsed.data : historyQuerySchema.parse({ when: "upcoming" });
  // A tampered "more" link starts again from the first page.
  const page = await listUserBookings(user.id, q).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "INVALID_CURSOR") return listUserBookings(user.id, { ...q, cursor: undefined });
    throw err;
  });

  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="mb-4 text-2xl font-bold">Your bookings</h1>
      <nav aria-label="Which bookings" className="mb-4 flex gap-2">
        {TABS.map((t) => (
          <Link
            key={t.id}
            href={`/account/bookings?when=${t.id}`}
            aria-current={q.when === t.id ? "page" : undefined}
            className={`rounded-full px-4 py-1.5 text-sm font-medium ring-1 ${q.when === t.id ? "bg-ink-900 text-white ring-ink-900" : "bg-white ring-slate-300"}`}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      {page.items.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600" data-testid="no-bookings">
          {q.when === "past" ? "No past bookings." : "No bookings yet."}{" "}
          <Link href="/" className="text-brand-600 underline">
            Find something to watch
          </Link>
          .
        </div>
      ) : (
        <ul className="space-y-3" data-testid="bookings">
          {page.items.map((b) => (
            <li key={b.id}>
              <Link href={`/account/bookings/${b.id}`} className="flex gap-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-black/5 hover:ring-brand-500">
                {b.event.posterUrl && (
                  // eslint-disable-next-line @next/next/no-img-element
                  <img src={b.event.posterUrl} alt="" className="h-24 w-16 shrink-0 rounded-md object-cover" />
                )}
                <div className="min-w-0 flex-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <h2 className="font-semibold">{b.event.title}</h2>
                    <StatusBadge status={b.status} />
                  </div>
                  <p className="text-sm text-slate-600">
                    {formatInZone(b.show.startsAt, b.venue.timeZone, { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "numeric", minute: "2-digit" })}
                  </p>
                  <p className="text-sm text-slate-600">
                    {b.venue.name} · {b.venue.sectionName} · {admitsText(b.seatLabels)}
                  </p>
                  <p className="mt-1 text-sm">
                    <span className="font-medium">{formatMoney(b.totalMinor, b.currency)}</span> · Ref <span className="font-mono">{b.reference}</span>
                  </p>
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {page.nextCursor && (
        <p className="mt-6 text-center">
          <Link href={`/account/bookings?${new URLSearchParams({ when: q.when, cursor: page.nextCursor })}`} className="rounded-lg bg-ink-900 px-4 py-2 text-sm font-medium text-white" rel="next">
            Older bookings
          </Link>
        </p>
      )}
    </div>
  );
}
