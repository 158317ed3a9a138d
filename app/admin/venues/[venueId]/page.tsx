import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { VenueForm } from "@/components/admin/catalog-forms";
import { requireStaffPage } from "@/lib/admin/access";
import { hallsFor } from "@/lib/admin/catalog";
import { getManagedVenue } from "@/lib/admin/venues";
import { AppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Admin · Venue" };

export default async function VenueAdmin({ params, searchParams }: { params: Promise<{ venueId: string }>; searchParams: Promise<{ saved?: string }> }) {
  const { venueId } = await params;
  const { saved } = await searchParams;
  const user = await requireStaffPage(`/admin/venues/${venueId}`);
  if (!/^[0-9a-f-]{36}$/i.test(venueId)) notFound();
  const venue = await getManagedVenue(user, venueId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const halls = (await hallsFor(user)).filter((h) => h.venue === venue.name);
  return (
    <div className="space-y-4">
      {saved ? <p role="status" className="rounded-xl bg-emerald-50 p-3 text-emerald-800 ring-1 ring-emerald-200">Saved.</p> : null}
      <h1 className="text-2xl font-bold">{venue.name}</h1>
      <VenueForm cities={[]} initial={{ id: venue.id, cityId: venue.cityId, name: venue.name, address: venue.address, lat: String(venue.lat), lng: String(venue.lng), timeZone: venue.timeZone }} />
      <section aria-labelledby="halls" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-black/5">
        <h2 id="halls" className="font-semibold">Halls</h2>
        <ul className="mt-2 space-y-1 text-sm">
          {halls.map((h) => (
            <li key={h.id}><Link href={`/admin/halls/${h.id}`} className="text-brand-700 hover:underline">{h.name}</Link> · {h.seats} seats</li>
          ))}
        </ul>
        <Link href="/admin/halls" className="mt-3 inline-block text-sm font-semibold text-brand-700 underline">Build a new hall</Link>
      </section>
    </div>
  );
}
