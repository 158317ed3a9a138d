import type { Metadata } from "next";
import Link from "next/link";
import { HallEditor } from "@/components/admin/hall-editor";
import { requireStaffPage } from "@/lib/admin/access";
import { hallsFor } from "@/lib/admin/catalog";
import { listManagedVenues } from "@/lib/admin/venues";

export const metadata: Metadata = { title: "Admin · Halls" };

export default async function HallsPage() {
  const user = await requireStaffPage("/admin/halls");
  const [halls, venues] = await Promise.all([hallsFor(user), listManagedVenues(user)]);
  return (
    <div className="space-y-6">
      <section>
        <h1 className="text-2xl font-bold">Halls</h1>
        <ul className="mt-3 grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {halls.map((h) => (
            <li key={h.id}>
              <Link href={`/admin/halls/${h.id}`} className="block rounded-xl bg-white p-4 shadow-sm ring-1 ring-black/5 hover:ring-brand-300">
                <span className="font-semibold">{h.name}</span>
                <span className="block text-sm text-slate-600">{h.venue} · {[`${h.seats} seats`, ...h.zones.map((z) => `${z.name} ${z.capacity}`)].join(" · ")}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="new-hall">
        <h2 id="new-hall" className="mb-2 text-xl font-bold">Build a new hall</h2>
        <HallEditor venues={venues.map((v) => ({ id: v.id, name: v.name }))} />
      </section>
    </div>
  );
}
