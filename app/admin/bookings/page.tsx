import type { Metadata } from "next";
import Link from "next/link";
import { StatusBadge } from "@/components/account/status-badge";
import { requireStaffPage } from "@/lib/admin/access";
import { searchBookings } from "@/lib/admin/bookings";
import { formatMoney } from "@/lib/format/money";

export const metadata: Metadata = { title: "Admin · Bookings" };

export default async function AdminBookings({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const user = await requireStaffPage("/admin/bookings");
  const { q } = await searchParams;
  const term = typeof q === "string" ? q.replaceAll("\u0000", "").trim().slice(0, 100) : "";
  const rows = term.length >= 3 ? await searchBookings(user, term) : null;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Bookings</h1>
      <form method="get" className="flex gap-2">
        <label htmlFor="q" className="sr-only">Reference, email or phone</label>
        <input id="q" name="q" defaultValue={term} placeholder="Booking reference, email or phone" className="flex-1 rounded-lg border border-slate-300 bg-white px-3 py-2" />
        <button className="rounded-lg bg-ink-900 px-4 py-2 font-semibold text-white">Search</button>
      </form>
      {term && term.length < 3 ? <p className="text-sm text-slate-600">Type at least 3 characters.</p> : null}
      {rows ? (
        rows.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">No bookings match at your venues.</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-2xl bg-white shadow-sm ring-1 ring-black/5">
            {rows.map((b) => (
              <li key={b.id}>
                <Link href={`/admin/bookings/${b.id}`} className="flex flex-wrap items-center gap-3 px-4 py-3 hover:bg-slate-50">
                  <span className="font-mono font-semibold">{b.reference}</span>
                  <StatusBadge status={b.status} />
                  <span className="flex-1">{b.title} · {b.venue}</span>
                  <span className="text-sm text-slate-600">{b.name} · {b.email}</span>
                  <span className="tabular-nums">{formatMoney(b.totalMinor, b.currency)}</span>
                </Link>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}
