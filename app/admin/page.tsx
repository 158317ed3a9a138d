import type { Metadata } from "next";
import Link from "next/link";
import { RevenueChart } from "@/components/admin/revenue-chart";
import { requireStaffPage } from "@/lib/admin/access";
import { revenueByDay, showSales } from "@/lib/admin/sales";
import { formatMoney } from "@/lib/format/money";

export const metadata: Metadata = { title: "Admin · Sales" };

export default async function AdminHome({ searchParams }: { searchParams: Promise<{ scheduled?: string }> }) {
  const user = await requireStaffPage("/admin");
  const { scheduled } = await searchParams;
  const [shows, daily] = await Promise.all([showSales(user, { upcoming: true, limit: 60 }), revenueByDay(user)]);
  const total = shows.reduce((s, r) => s + r.revenueMinor, 0);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-bold">Sales</h1>
          <p className="text-sm text-slate-600">{user.role === "admin" ? "All venues" : "Your venues"} · upcoming shows</p>
        </div>
        <a href="/api/v1/admin/sales?format=csv" download className="rounded-lg px-3 py-1.5 text-sm font-semibold ring-1 ring-slate-300 hover:bg-white">Export CSV</a>
      </div>
      {scheduled ? <p role="status" className="rounded-xl bg-emerald-50 p-3 text-emerald-800 ring-1 ring-emerald-200">Scheduled {scheduled} show(s).</p> : null}
      <section aria-labelledby="rev" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-black/5">
        <h2 id="rev" className="font-semibold">Revenue, last 30 days</h2>
        <RevenueChart data={daily} />
      </section>
      <section aria-labelledby="shows" className="overflow-x-auto rounded-2xl bg-white shadow-sm ring-1 ring-black/5">
        <h2 id="shows" className="px-5 pt-4 font-semibold">Shows ({shows.length}) · {formatMoney(total)} confirmed</h2>
        <table className="mt-2 w-full min-w-[720px] text-left text-sm">
          <thead className="text-slate-500">
            <tr>
              <th scope="col" className="px-5 py-2 font-medium">Show</th>
              <th scope="col" className="py-2 font-medium">Sold</th>
              <th scope="col" className="py-2 font-medium">Held</th>
              <th scope="col" className="py-2 font-medium">Free</th>
              <th scope="col" className="py-2 font-medium">Occupancy</th>
              <th scope="col" className="py-2 pr-5 text-right font-medium">Revenue</th>
            </tr>
          </thead>
          <tbody>
            {shows.map((s) => (
              <tr key={s.showId} className="border-t border-slate-100">
                <td className="px-5 py-2">
                  <Link href={`/admin/shows/${s.showId}`} className="font-medium text-brand-700 hover:underline">{s.title}</Link>
                  <span className="block text-xs text-slate-500">
                    {s.startsAt.toLocaleString("en-IN", { timeZone: "Asia/Kolkata", dateStyle: "medium", timeStyle: "short" })} · {s.venue}, {s.section}
                    {s.status === "CANCELLED" ? " · cancelled" : ""}
                  </span>
                </td>
                <td className="py-2">{s.sold}</td>
                <td className="py-2">{s.held}</td>
                <td className="py-2">{s.available}</td>
                <td className="py-2">
                  <span className="flex items-center gap-2">
                    <span className="h-2 w-20 overflow-hidden rounded bg-slate-100"><span className="block h-full bg-brand-500" style={{ width: `${Math.round(s.occupancy * 100)}%` }} /></span>
                    {Math.round(s.occupancy * 100)}%
                  </span>
                </td>
                <td className="py-2 pr-5 text-right tabular-nums">{formatMoney(s.revenueMinor, s.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
