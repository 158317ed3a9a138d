import type { Metadata } from "next";
import Link from "next/link";
import { VenueForm } from "@/components/admin/catalog-forms";
import { requireStaffPage } from "@/lib/admin/access";
import { listManagedVenues } from "@/lib/admin/venues";
import { listCities } from "@/lib/catalog/cities";

export const metadata: Metadata = { title: "Admin · Venues" };

export default async function VenuesAdmin() {
  const user = await requireStaffPage("/admin/venues");
  const [venues, cities] = await Promise.all([listManagedVenues(user), listCities()]);
  return (
    <div className="space-y-6">
      <section>
        <h1 className="text-2xl font-bold">Venues</h1>
        <ul className="mt-3 grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {venues.map((v) => (
            <li key={v.id}>
              <Link href={`/admin/venues/${v.id}`} className="block rounded-xl bg-white p-4 shadow-sm ring-1 ring-black/5 hover:ring-brand-300">
                <span className="font-semibold">{v.name}</span>
                <span className="block text-sm text-slate-600">{v.address}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      {user.role === "admin" ? (
        <section aria-labelledby="new-venue">
          <h2 id="new-venue" className="mb-3 text-xl font-bold">Open a venue</h2>
          <VenueForm cities={cities.map((c) => ({ id: c.id, name: c.name }))} initial={{ cityId: cities[0]?.id ?? "", name: "", address: "", lat: "", lng: "", timeZone: "Asia/Kolkata" }} />
        </section>
      ) : null}
    </div>
  );
}
