import type { Metadata } from "next";
import Link from "next/link";
import { StatusBadge } from "@/components/account/status-badge";
import { EventForm } from "@/components/admin/catalog-forms";
import { requireStaffPage } from "@/lib/admin/access";
import { listEventsForStaff } from "@/lib/admin/events";

export const metadata: Metadata = { title: "Admin · Events" };

export default async function EventsAdmin() {
  const user = await requireStaffPage("/admin/events");
  const events = await listEventsForStaff(user);
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_480px]">
      <section>
        <h1 className="text-2xl font-bold">Events</h1>
        <ul className="mt-3 divide-y divide-slate-100 rounded-2xl bg-white shadow-sm ring-1 ring-black/5">
          {events.map((e) => (
            <li key={e.id}>
              <Link href={`/admin/events/${e.id}`} className="flex items-center gap-3 px-4 py-2.5 hover:bg-slate-50">
                <span className="flex-1 font-medium">{e.title}</span>
                <span className="text-xs text-slate-500">{e.category.toLowerCase()} · {e.shows} upcoming shows</span>
                <StatusBadge status={e.status} />
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="new-event">
        <h2 id="new-event" className="mb-3 text-xl font-bold">New event</h2>
        <EventForm />
      </section>
    </div>
  );
}
