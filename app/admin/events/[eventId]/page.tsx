import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { publishEventAction } from "@/app/actions/admin-catalog";
import { StatusBadge } from "@/components/account/status-badge";
import { EventForm, PosterForm } from "@/components/admin/catalog-forms";
import { requireStaffPage } from "@/lib/admin/access";
import { getEventForStaff } from "@/lib/admin/events";
import { AppError } from "@/lib/http/errors";

export const metadata: Metadata = { title: "Admin · Event" };

export default async function EventAdmin({ params, searchParams }: { params: Promise<{ eventId: string }>; searchParams: Promise<{ saved?: string }> }) {
  const { eventId } = await params;
  const { saved } = await searchParams;
  await requireStaffPage(`/admin/events/${eventId}`);
  if (!/^[0-9a-f-]{36}$/i.test(eventId)) notFound();
  const e = await getEventForStaff(eventId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const published = e.status === "PUBLISHED";
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
    </div>
  );
}
