import type { Metadata } from "next";
import Link from "next/link";
import { StatusBadge } from "@/components/account/status-badge";
import { Pagination } from "@/components/admin/pagination";
import { requireStaffPage } from "@/lib/admin/access";
import { bookingListSchema, listBookings, searchBookings, type StaffBookingRow } from "@/lib/admin/bookings";
import { venueTime } from "@/lib/admin/time";
import { formatMoney } from "@/lib/format/money";

export const metadata: Metadata = { title: "Admin · Bookings" };

const VIEWS = { upcoming: "Upcoming shows", recent: "Recently made" } as const;

function BookingList({ rows }: { rows: StaffBookingRow[] }) {
  return (
    <ul className="divide-y divide-slate-100" data-testid="booking-rows">
      {rows.map((b) => (
        <li key={b.id}>
          <Link href={`/admin/bookings/${b.id}`} className="grid gap-1 px-4 py-3 hover:bg-slate-50 md:grid-cols-[9rem_1fr_14rem_7rem] md:items-center md:gap-3">
            <span className="flex items-center gap-2">
              <span className="font-mono font-semibold">{b.reference}</span>
              <StatusBadge status={b.status} />
            </span>
            <span className="min-w-0">
              <span className="block truncate font-medium">{b.title}</span>
              <span className="block text-xs text-slate-500">
                <time dateTime={b.startsAt.toISOString()} data-testid="show-time">{venueTime(b.startsAt, b.timeZone)}</time> · {b.venue}
              </span>
            </span>
            <span className="min-w-0 truncate text-sm text-slate-600">{b.name} · {b.email}</span>
            <span className="tabular-nums md:text-right">{formatMoney(b.totalMinor, b.currency)}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

export default async function AdminBookings({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireStaffPage("/admin/bookings");
  const raw = await searchParams;
  const term = typeof raw.q === "string" ? raw.q.replaceAll("\u0000", "").trim().slice(0, 100) : "";
  const searched = term.length >= 3 ? await searchBookings(user, term) : null;
  const opts = bookingListSchema.parse({ view: raw.view, page: raw.page });
  const list = searched ? null : await listBookings(user, opts);
  const href = (view: keyof typeof VIEWS, page = 1) => `/admin/bookings?${new URLSearchParams({ view, ...(page > 1 ? { page: String(page) } : {}) })}`;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Bookings</h1>
      <form method="get" className="flex gap-2">
        <label htmlFor="q" className="sr-only">Reference, email or phone</label>
        <input id="q" name="q" type="search" defaultValue={term} placeholder="Reference, email or phone" className="min-w-0 flex-1 rounded-lg border border-slate-300 bg-white px-3 py-2" />
        <button className="rounded-lg bg-ink-900 px-4 py-2 font-semibold text-white">Search</button>
      </form>
      {term && term.length < 3 ? <p className="text-sm text-slate-600">Type at least 3 characters.</p> : null}
      {searched ? (
        <section aria-labelledby="found" className="rounded-2xl bg-white shadow-sm ring-1 ring-black/5">
          <div className="flex flex-wrap items-baseline justify-between gap-2 px-4 pt-3">
            <h2 id="found" className="font-semibold">Matching “{term}”: {searched.length}{searched.length === 50 ? " (the 50 newest)" : ""}</h2>
            <Link href="/admin/bookings" className="text-sm font-semibold text-brand-700 underline">All bookings</Link>
          </div>
          {searched.length === 0 ? <p className="p-6 text-center text-slate-600">No bookings match at your venues.</p> : <BookingList rows={searched} />}
        </section>
      ) : list ? (
        <section aria-labelledby="list" className="rounded-2xl bg-white shadow-sm ring-1 ring-black/5">
          <div className="flex flex-wrap items-center justify-between gap-2 px-4 pt-3">
            <h2 id="list" className="font-semibold">{VIEWS[opts.view]} · {list.total}</h2>
            <nav aria-label="Which bookings" className="flex gap-1 text-sm">
              {(Object.keys(VIEWS) as (keyof typeof VIEWS)[]).map((v) => (
                <Link key={v} href={href(v)} aria-current={v === opts.view ? "page" : undefined} className={`rounded-lg px-3 py-1.5 font-medium ${v === opts.view ? "bg-ink-900 text-white" : "ring-1 ring-slate-300 hover:bg-slate-50"}`}>
                  {VIEWS[v]}
                </Link>
              ))}
            </nav>
          </div>
          <p className="px-4 pt-1 text-xs text-slate-500">
            {opts.view === "upcoming" ? "Confirmed bookings for shows still to come, soonest show first. Cancelled and refunded bookings are under “Recently made”." : "Every booking, newest first, whatever became of it."}
          </p>
          {list.rows.length === 0 ? <p className="p-6 text-center text-slate-600">No bookings here yet.</p> : <BookingList rows={list.rows} />}
          <Pagination page={list.page} pageCount={list.pageCount} href={(p) => href(opts.view, p)} label="Booking pages" />
        </section>
      ) : null}
    </div>
  );
}
