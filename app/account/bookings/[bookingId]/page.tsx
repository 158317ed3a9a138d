import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/account/status-badge";
import { requirePageUser } from "@/lib/auth/require-page-user";
import { getUserBooking } from "@/lib/booking/history";
import { AppError } from "@/lib/http/errors";
import { formatMoney } from "@/lib/format/money";
import { formatInZone } from "@/lib/time/zone";

export const metadata: Metadata = { title: "Booking" };

export default async function BookingPage({ params }: { params: Promise<{ bookingId: string }> }) {
  const { bookingId } = await params;
  const user = await requirePageUser(`/account/bookings/${bookingId}`);
  if (!/^[0-9a-f-]{36}$/i.test(bookingId)) notFound();
  const b = await getUserBooking(user.id, bookingId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  return (
    <article className="mx-auto max-w-xl rounded-2xl bg-white p-6 shadow-sm ring-1 ring-black/5">
      <Link href="/account/bookings" className="text-sm text-brand-600 hover:underline">
        ‹ Your bookings
      </Link>
      <div className="mt-2 flex items-center gap-2">
        <h1 className="text-2xl font-bold">{b.event.title}</h1>
        <StatusBadge status={b.status} />
      </div>
      <dl className="mt-4 space-y-2 text-sm">
        <div className="flex justify-between gap-4"><dt className="text-slate-500">When</dt><dd className="text-right font-medium">{formatInZone(b.show.startsAt, b.venue.timeZone, { weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "numeric", minute: "2-digit" })}</dd></div>
        <div className="flex justify-between gap-4"><dt className="text-slate-500">Where</dt><dd className="text-right font-medium">{b.venue.name}, {b.venue.sectionName}</dd></div>
        <div className="flex justify-between gap-4"><dt className="text-slate-500">Seats</dt><dd className="text-right font-medium">{b.seatLabels.join(", ")}</dd></div>
        <div className="flex justify-between gap-4"><dt className="text-slate-500">Paid</dt><dd className="text-right font-medium">{formatMoney(b.totalMinor, b.currency)}</dd></div>
        <div className="flex justify-between gap-4"><dt className="text-slate-500">Booking reference</dt><dd className="text-right font-mono font-medium">{b.reference}</dd></div>
      </dl>
    </article>
  );
}
