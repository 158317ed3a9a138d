import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/account/status-badge";
import { RefundForm } from "@/components/admin/forms";
import { requireStaffPage } from "@/lib/admin/access";
import { bookingHistory } from "@/lib/admin/bookings";
import { formatMoney } from "@/lib/format/money";
import { admitsText } from "@/lib/format/places";
import { AppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Admin · Booking" };

export default async function AdminBooking({ params }: { params: Promise<{ bookingId: string }> }) {
  const { bookingId } = await params;
  const user = await requireStaffPage(`/admin/bookings/${bookingId}`);
  if (!/^[0-9a-f-]{36}$/i.test(bookingId)) notFound();
  const { booking: b, history } = await bookingHistory(user, bookingId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  return (
    <div className="grid gap-4 md:grid-cols-[1fr_320px]">
      <section className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-black/5">
        <div className="flex items-center gap-2">
          <h1 className="font-mono text-2xl font-bold">{b.reference}</h1>
          <StatusBadge status={b.status} />
        </div>
        <p className="mt-1 text-slate-700">{b.title} · {b.venue} · {new Date(b.startsAt).toLocaleString("en-IN", { timeZone: "Asia/Kolkata", dateStyle: "medium", timeStyle: "short" })}</p>
        <p className="text-sm text-slate-600">{b.name} · {b.email}{b.phone ? ` · ${b.phone}` : ""} · {admitsText(b.seats ?? [])} · {formatMoney(b.totalMinor, b.currency)}</p>
        <h2 className="mt-4 font-semibold">History</h2>
        <ol className="mt-2 space-y-1 text-sm">
          {history.map((h, i) => (
            <li key={i} className="flex gap-3">
              <time className="w-40 shrink-0 text-slate-500" dateTime={h.at.toISOString()}>{h.at.toLocaleString("en-IN", { timeZone: "Asia/Kolkata", dateStyle: "short", timeStyle: "medium" })}</time>
              <span className="w-20 shrink-0 text-xs font-semibold uppercase text-slate-500">{h.kind}</span>
              <span>{h.what}</span>
            </li>
          ))}
        </ol>
      </section>
      {b.status === "CONFIRMED" ? (
        <aside className="h-fit rounded-2xl bg-white p-5 shadow-sm ring-1 ring-black/5">
          <h2 className="mb-2 font-semibold">Cancel and refund</h2>
          <RefundForm bookingId={b.id} />
        </aside>
      ) : null}
    </div>
  );
}
