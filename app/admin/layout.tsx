import Link from "next/link";

export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="space-y-4">
      <nav aria-label="Admin" className="flex flex-wrap gap-2 text-sm">
        <Link href="/admin" className="rounded-lg px-3 py-1.5 font-medium ring-1 ring-slate-300 hover:bg-white">Sales</Link>
        <Link href="/admin/venues" className="rounded-lg px-3 py-1.5 font-medium ring-1 ring-slate-300 hover:bg-white">Venues</Link>
        <Link href="/admin/events" className="rounded-lg px-3 py-1.5 font-medium ring-1 ring-slate-300 hover:bg-white">Events</Link>
        <Link href="/admin/promos" className="rounded-lg px-3 py-1.5 font-medium ring-1 ring-slate-300 hover:bg-white">Promo codes</Link>
        <Link href="/admin/halls" className="rounded-lg px-3 py-1.5 font-medium ring-1 ring-slate-300 hover:bg-white">Halls</Link>
        <Link href="/admin/shows/new" className="rounded-lg px-3 py-1.5 font-medium ring-1 ring-slate-300 hover:bg-white">Schedule shows</Link>
        <Link href="/admin/bookings" className="rounded-lg px-3 py-1.5 font-medium ring-1 ring-slate-300 hover:bg-white">Bookings</Link>
        <Link href="/admin/audit" className="rounded-lg px-3 py-1.5 font-medium ring-1 ring-slate-300 hover:bg-white">Audit log</Link>
        <Link href="/checkin" className="rounded-lg px-3 py-1.5 font-medium ring-1 ring-slate-300 hover:bg-white">Check-in</Link>
      </nav>
      {children}
    </div>
  );
}
