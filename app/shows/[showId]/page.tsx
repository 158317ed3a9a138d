import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getShow, showIdParams } from "@/lib/catalog/shows";
import { AppError } from "@/lib/http/errors";
import { formatMoney } from "@/lib/format/money";
import { formatInZone } from "@/lib/time/zone";

type Props = { params: Promise<{ showId: string }> };

async function load(showId: string) {
  if (!showIdParams.safeParse({ showId }).success) notFound();
  try {
    return await getShow(showId);
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { showId } = await params;
  const s = showIdParams.safeParse({ showId }).success ? await getShow(showId).catch(() => null) : null;
  return s ? { title: `${s.event.title} at ${s.venue.name}` } : {};
}

const SEAT_TYPE_LABEL: Record<string, string> = { REGULAR: "Regular", PREMIUM: "Premium", VIP: "VIP", RECLINER: "Recliner", ACCESSIBLE: "Accessible" };

export default async function ShowPage({ params }: Props) {
  const { showId } = await params;
  const { show, event, venue, section, prices, onSale } = await load(showId);
  const tz = venue.timeZone;
  const when = formatInZone(show.startsAt, tz, { weekday: "long", day: "numeric", month: "long", hour: "numeric", minute: "2-digit" });
  return (
    <article className="mx-auto max-w-3xl">
      <Link href={`/events/${event.slug}`} className="text-sm text-brand-600 hover:underline">
        ‹ {event.title}
      </Link>
      <h1 className="mt-2 text-2xl font-bold">{event.title}</h1>
      <p className="mt-1 text-slate-700">
        <time dateTime={show.startsAt.toISOString()}>{when}</time> · {[show.format, show.language].filter(Boolean).join(" · ")}
      </p>
      <p className="text-slate-600">
        {venue.name}, {section.name} — {venue.address}
      </p>
      {!onSale ? (
        <p role="status" className="mt-6 rounded-xl bg-amber-50 p-4 text-amber-800 ring-1 ring-amber-200">
          {show.status === "CANCELLED" ? "This show has been cancelled." : "This show has already started; tickets are no longer on sale."}
        </p>
      ) : null}
      <section aria-labelledby="prices" className="mt-6 rounded-xl bg-white p-5 shadow-sm ring-1 ring-black/5">
        <h2 id="prices" className="mb-3 text-lg font-semibold">
          Tickets
        </h2>
        <table className="w-full text-left text-sm">
          <thead className="text-slate-500">
            <tr>
              <th scope="col" className="py-1 font-medium">Seat type</th>
              <th scope="col" className="py-1 font-medium">Price</th>
              <th scope="col" className="py-1 text-right font-medium">Available</th>
            </tr>
          </thead>
          <tbody>
            {prices.map((p) => (
              <tr key={p.seatType} className="border-t border-slate-100">
                <td className="py-2">{SEAT_TYPE_LABEL[p.seatType] ?? p.seatType}</td>
                <td className="py-2 font-medium">{formatMoney(p.priceMinor, show.currency)}</td>
                <td className="py-2 text-right">
                  {p.available} of {p.seats}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-4 text-sm text-slate-600">Times are shown in the venue&apos;s local time ({tz}).</p>
      </section>
    </article>
  );
}
