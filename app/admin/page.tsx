import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/admin/pagination";
import { RevenueChart } from "@/components/admin/revenue-chart";
import { MoneySplit } from "@/components/admin/money-split";
import { requireStaffPage } from "@/lib/admin/access";
import { revenueByDay, salesFiltersSchema, salesPage, type SalesFilters } from "@/lib/admin/sales";
import { venueTime } from "@/lib/admin/time";
import { listManagedVenues } from "@/lib/admin/venues";
import { formatMoney } from "@/lib/format/money";

export const metadata: Metadata = { title: "Admin · Sales" };

const WHEN_LABEL = { upcoming: "Upcoming shows", past: "Past shows", all: "All shows" } as const;
const input = "w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm";

/** The list's URL with these filters (and page); defaults left out so links stay short. */
function salesHref(f: SalesFilters, page = 1): string {
  const q = new URLSearchParams();
  if (f.when !== "upcoming") q.set("when", f.when);
  if (f.venueId) q.set("venueId", f.venueId);
  if (f.q) q.set("q", f.q);
  if (page > 1) q.set("page", String(page));
  const s = q.toString();
  return s ? `/admin?${s}` : "/admin";
}

export default async function AdminHome({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireStaffPage("/admin");
  const raw = await searchParams;
  const scheduled = typeof raw.scheduled === "string" ? raw.scheduled.replace(/\D/g, "").slice(0, 4) : "";
  const filters = salesFiltersSchema.parse({ when: raw.when, venueId: raw.venueId || undefined, q: typeof raw.q === "string" ? raw.q.replaceAll("\u0000", "") || undefined : undefined, page: raw.page });
  const [sales, daily, venues] = await Promise.all([salesPage(user, filters), revenueByDay(user), listManagedVenues(user)]);
  const csv = `/api/v1/admin/sales?${new URLSearchParams({ format: "csv", when: filters.when, ...(filters.venueId ? { venueId: filters.venueId } : {}), ...(filters.q ? { q: filters.q } : {}) })}`;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-bold">Sales</h1>
          <p className="text-sm text-slate-600">{user.role === "admin" ? "All venues" : "Your venues"} · {WHEN_LABEL[filters.when].toLowerCase()} · times are each venue&apos;s own</p>
        </div>
        <a href={csv} download className="rounded-lg px-3 py-1.5 text-sm font-semibold ring-1 ring-slate-300 hover:bg-white">Export CSV</a>
      </div>
      {scheduled ? <p role="status" className="rounded-xl bg-emerald-50 p-3 text-emerald-800 ring-1 ring-emerald-200">Scheduled {scheduled} show(s).</p> : null}
      <form method="get" action="/admin" aria-label="Filter shows" className="grid gap-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-black/5 sm:grid-cols-[10rem_1fr_1fr_auto] sm:items-end">
        <div>
          <label htmlFor="when" className="mb-1 block text-xs font-semibold text-slate-600">Shows</label>
          <select id="when" name="when" defaultValue={filters.when} className={input}>
            <option value="upcoming">Upcoming</option>
            <option value="past">Past</option>
            <option value="all">All</option>
          </select>
        </div>
        <div>
          <label htmlFor="venueId" className="mb-1 block text-xs font-semibold text-slate-600">Venue</label>
          <select id="venueId" name="venueId" defaultValue={filters.venueId ?? ""} className={input}>
            <option value="">{user.role === "admin" ? "All venues" : "All your venues"}</option>
            {venues.map((v) => (
              <option key={v.id} value={v.id}>{v.name}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="sales-q" className="mb-1 block text-xs font-semibold text-slate-600">Event title</label>
          <input id="sales-q" name="q" type="search" defaultValue={filters.q ?? ""} maxLength={100} placeholder="e.g. Hamlet" className={input} />
        </div>
        <div className="flex gap-2">
          <button className="rounded-lg bg-ink-900 px-4 py-2 text-sm font-semibold text-white">Show</button>
          {salesHref(filters) !== "/admin" ? <Link href="/admin" className="rounded-lg px-3 py-2 text-sm font-semibold ring-1 ring-slate-300">Clear</Link> : null}
        </div>
      </form>
      <section aria-labelledby="totals" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-black/5">
        <h2 id="totals" className="font-semibold">
          {WHEN_LABEL[filters.when]} matching: {sales.total} · money from confirmed bookings
        </h2>
        {sales.totals.length === 0 ? <p className="mt-2 text-sm text-slate-600">No confirmed bookings yet.</p> : null}
        {sales.totals.map((t) => (
          <MoneySplit key={t.currency} totals={t} className="mt-3" />
        ))}
        <p className="mt-2 text-xs text-slate-500">Ticket revenue is ticket prices less discounts; the booking fee and its GST are shown apart, and gross is what buyers paid. Refunds are of cancelled bookings, which are not in the other figures.</p>
      </section>
      <section aria-labelledby="rev" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-black/5">
        <h2 id="rev" className="font-semibold">Ticket revenue, last 30 days</h2>
        <RevenueChart data={daily} />
      </section>
      <section aria-labelledby="shows" className="rounded-2xl bg-white shadow-sm ring-1 ring-black/5">
        <h2 id="shows" className="px-5 pt-4 font-semibold">
          Shows {sales.total ? `${(sales.page - 1) * sales.pageSize + 1}–${(sales.page - 1) * sales.pageSize + sales.rows.length} of ${sales.total}` : "(none)"}
        </h2>
        {sales.total === 0 ? <p className="px-5 py-6 text-sm text-slate-600">No shows match. Try another venue or “All”.</p> : null}
        {/* A phone gets one card per show; wider screens the table. */}
        <ul className="mt-2 divide-y divide-slate-100 md:hidden" data-testid="sales-cards">
          {sales.rows.map((s) => (
            <li key={s.showId} className="px-4 py-3">
              <Link href={`/admin/shows/${s.showId}`} className="font-medium text-brand-700 hover:underline">{s.title}</Link>
              <p className="text-xs text-slate-500">
                <time dateTime={s.startsAt.toISOString()}>{venueTime(s.startsAt, s.timeZone)}</time> · {s.venue}, {s.section}
                {s.status === "CANCELLED" ? <span className="font-semibold text-red-700"> · cancelled</span> : null}
              </p>
              <dl className="mt-2 grid grid-cols-3 gap-x-3 gap-y-1 text-xs tabular-nums">
                <div><dt className="text-slate-500">Sold</dt><dd className="text-sm">{s.sold} / {s.seats - s.blocked}</dd></div>
                <div><dt className="text-slate-500">Held · free</dt><dd className="text-sm">{s.held} · {s.available}</dd></div>
                <div><dt className="text-slate-500">Occupancy</dt><dd className="text-sm">{Math.round(s.occupancy * 100)}%</dd></div>
                <div><dt className="text-slate-500">Revenue</dt><dd className="text-sm font-semibold">{formatMoney(s.revenueMinor, s.currency)}</dd></div>
                <div><dt className="text-slate-500">Fee + GST</dt><dd className="text-sm">{formatMoney(s.feeMinor + s.gstMinor, s.currency)}</dd></div>
                <div><dt className="text-slate-500">Refunds</dt><dd className="text-sm">{formatMoney(s.refundedMinor, s.currency)}</dd></div>
              </dl>
            </li>
          ))}
        </ul>
        <div className="hidden overflow-x-auto md:block">
          <table className="mt-2 w-full min-w-[900px] text-left text-sm">
            <thead className="text-slate-500">
              <tr>
                <th scope="col" className="px-5 py-2 font-medium">Show</th>
                <th scope="col" className="py-2 font-medium">Sold</th>
                <th scope="col" className="py-2 font-medium">Held</th>
                <th scope="col" className="py-2 font-medium">Free</th>
                <th scope="col" className="py-2 font-medium">Occupancy</th>
                <th scope="col" className="py-2 text-right font-medium">Ticket revenue</th>
                <th scope="col" className="py-2 text-right font-medium">Fee</th>
                <th scope="col" className="py-2 text-right font-medium">GST</th>
                <th scope="col" className="py-2 text-right font-medium">Gross</th>
                <th scope="col" className="py-2 pr-5 text-right font-medium">Refunds</th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {sales.rows.map((s) => (
                <tr key={s.showId} className="border-t border-slate-100">
                  <td className="px-5 py-2">
                    <Link href={`/admin/shows/${s.showId}`} className="font-medium text-brand-700 hover:underline">{s.title}</Link>
                    <span className="block text-xs text-slate-500">
                      <time dateTime={s.startsAt.toISOString()}>{venueTime(s.startsAt, s.timeZone)}</time> · {s.venue}, {s.section}
                      {s.status === "CANCELLED" ? <span className="font-semibold text-red-700"> · cancelled</span> : null}
                    </span>
                  </td>
                  <td className="py-2">{s.sold}</td>
                  <td className="py-2">{s.held}</td>
                  <td className="py-2">{s.available}</td>
                  <td className="py-2">
                    <span className="flex items-center gap-2">
                      <span className="h-2 w-16 overflow-hidden rounded bg-slate-100"><span className="block h-full bg-brand-500" style={{ width: `${Math.round(s.occupancy * 100)}%` }} /></span>
                      {Math.round(s.occupancy * 100)}%
                    </span>
                  </td>
                  <td className="py-2 text-right font-semibold">{formatMoney(s.revenueMinor, s.currency)}</td>
                  <td className="py-2 text-right">{formatMoney(s.feeMinor, s.currency)}</td>
                  <td className="py-2 text-right">{formatMoney(s.gstMinor, s.currency)}</td>
                  <td className="py-2 text-right">{formatMoney(s.grossMinor, s.currency)}</td>
                  <td className="py-2 pr-5 text-right">{formatMoney(s.refundedMinor, s.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pagination page={sales.page} pageCount={sales.pageCount} href={(p) => salesHref(filters, p)} label="Sales pages" />
      </section>
    </div>
  );
}
