import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { publishEventAction } from "@/app/actions/admin-catalog";
import { StatusBadge } from "@/components/account/status-badge";
import { EventForm, PosterForm } from "@/components/admin/catalog-forms";
import { CreditsEditor } from "@/components/admin/credits-editor";
import { listCreditsForStaff } from "@/lib/admin/credits";
import { requireStaffPage } from "@/lib/admin/access";
import { getEventForStaff } from "@/lib/admin/events";
import { revenueByDay, showSales } from "@/lib/admin/sales";
import { MoneySplit } from "@/components/admin/money-split";
import { RevenueChart } from "@/components/admin/revenue-chart";
import { AppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Admin · Event" };

export default async function EventAdmin({ params, searchParams }: { params: Promise<{ eventId: string }>; searchParams: Promise<{ saved?: string }> }) {
  const { eventId } = await params;
  const { saved } = await searchParams;
  const user = await requireStaffPage(`/admin/events/${eventId}`);
  if (!/^[0-9a-f-]{36}$/i.test(eventId)) notFound();
  const e = await getEventForStaff(user, eventId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const published = e.status === "PUBLISHED";
  const [sales, daily, credits] = await Promise.all([
    showSales(user, { eventId, limit: 1000 }),
    revenueByDay(user, { eventId, days: 60 }),
    listCreditsForStaff(user, eventId),
  ]);
  const sum = (k: "sold" | "seats" | "blocked" | "revenueMinor" | "feeMinor" | "gstMinor" | "grossMinor" | "discountMinor" | "refundedMinor" | "bookings") => sales.reduce((n, r) => n + r[k], 0);
  const sellable = sum("seats") - sum("blocked");
  return (
    <div className="space-y-4">
      {saved ? <p role="status" className="rounded-xl bg-emerald-50 p-3 text-emerald-800 ring-1 ring-emerald-200">Saved.</p> : null}
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">{e.title}</h1>
        <StatusBadge status={e.status} />
        <form action={publishEventAction}>
          <input type="hidden" name="eventId" value={e.id} />
          <input type="hidden" name="publish" value={published ? "false" : "true"} />
          <button className={`rounded-lg px-4 py-2 text-sm font-semibold ${published ? "ring-1 ring-slate-300" : "bg-emerald-600 text-white"}`}>{published ? "Unpublish" : "Publish"}</button>
        </form>
        {published ? <Link href={`/events/${e.slug}`} className="text-sm text-brand-700 underline">See it as buyers do</Link> : null}
      </div>
      <section aria-labelledby="event-sales" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-black/5">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="event-sales" className="font-semibold">Sales across {sales.length} show(s){user.role === "admin" ? "" : " at your venues"}</h2>
          <a href={`/api/v1/admin/sales?format=csv&eventId=${e.id}`} download className="text-sm font-semibold text-brand-700 underline">Export CSV</a>
        </div>
        <p className="mt-1 text-sm text-slate-700">
          {sum("sold")} of {sellable} seats sold ({sellable ? Math.round((sum("sold") / sellable) * 100) : 0}%) · {sum("bookings")} confirmed bookings
        </p>
        <MoneySplit
          className="mt-3"
          totals={{ currency: sales[0]?.currency ?? "INR", revenueMinor: sum("revenueMinor"), feeMinor: sum("feeMinor"), gstMinor: sum("gstMinor"), grossMinor: sum("grossMinor"), discountMinor: sum("discountMinor"), refundedMinor: sum("refundedMinor") }}
        />
        <RevenueChart data={daily} />
      </section>
      <div className="grid gap-6 lg:grid-cols-[1fr_300px]">
        <EventForm
          initial={{ id: e.id, title: e.title, category: e.category, description: e.description, languages: e.languages.join(", "), genres: e.genres.join(", "), durationMinutes: e.durationMinutes, certificate: e.certificate ?? "", startDate: e.startDate ?? "", endDate: e.endDate ?? "" }}
        />
        <aside className="space-y-3 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-black/5">
          {e.posterUrl ? (
            // eslint-disable-next-line @next/next/no-img-element -- uploaded posters are already sized and cached by their own route
            <img src={e.posterUrl} alt={`Poster of ${e.title}`} className="aspect-[2/3] w-full rounded-lg object-cover" />
          ) : (
            <p className="rounded-lg bg-slate-100 p-6 text-center text-sm text-slate-600">No poster yet.</p>
          )}
          <PosterForm eventId={e.id} />
        </aside>
      </div>
      <CreditsEditor eventId={e.id} credits={credits} isAdmin={user.role === "admin"} />
    </div>
  );
}
