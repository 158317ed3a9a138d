import type { Metadata } from "next";
import { cache } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CATEGORY_LABELS } from "@/lib/catalog/filters";
import { getVenue, getVenueSchedule, VENUE_SCHEDULE_DAYS, type VenueDetails } from "@/lib/catalog/venue-schedule";
import { orNotFound } from "@/lib/http/page";
import { formatMoney } from "@/lib/format/money";
import { formatInZone, zonedYmd } from "@/lib/time/zone";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const SLUG = /^[A-Za-z0-9-]{1,120}$/;
const venueOnce = cache((slug: string) => getVenue(slug));

async function load(slug: string): Promise<VenueDetails> {
  if (!SLUG.test(slug)) notFound();
  return orNotFound(venueOnce(slug));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  if (!SLUG.test(slug)) return {};
  const venue = await venueOnce(slug).catch(() => null);
  return venue ? { title: venue.name, description: `Shows at ${venue.name}, ${venue.cityName}` } : {};
}

export default async function VenuePage({ params, searchParams }: Props) {
  const { slug } = await params;
  const venue = await load(slug);
  const sp = await searchParams;
  const schedule = await getVenueSchedule(venue.id);
  const tz = venue.timeZone;
  const ymd = (d: Date) => zonedYmd(d, tz);
  const time = (d: Date) => formatInZone(d, tz, { hour: "numeric", minute: "2-digit" });
  const dayLabel = (d: string) => new Intl.DateTimeFormat("en-IN", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" }).format(new Date(`${d}T00:00:00Z`));
  // One day at a time, as on an event's page: a multiplex's fortnight is hundreds of shows.
  const days = [...new Set(schedule.flatMap((e) => e.shows.map((s) => ymd(s.startsAt))))].sort();
  const day = typeof sp.date === "string" && days.includes(sp.date) ? sp.date : days[0];
  const onDay = schedule.map((e) => ({ ...e, shows: e.shows.filter((s) => ymd(s.startsAt) === day) })).filter((e) => e.shows.length > 0);

  return (
    <article>
      <header className="mb-6">
        <p className="text-sm uppercase tracking-widest text-slate-500">{venue.cityName}</p>
        <h1 className="text-2xl font-bold sm:text-3xl">{venue.name}</h1>
        <p className="mt-1 text-slate-600">{venue.address}</p>
        <a
          className="mt-2 inline-block text-sm text-brand-600 hover:underline"
          href={`https://www.openstreetmap.org/?mlat=${venue.lat}&mlon=${venue.lng}#map=16/${venue.lat}/${venue.lng}`}
          rel="noreferrer"
          target="_blank"
        >
          Map
        </a>
      </header>

      <section aria-labelledby="venue-shows">
        <h2 id="venue-shows" className="mb-3 text-xl font-bold">
          Shows in the next {VENUE_SCHEDULE_DAYS} days
        </h2>
        {!day ? (
          <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">Nothing scheduled here in the next two weeks.</p>
        ) : (
          <>
            <nav aria-label="Dates" className="scrollbar-none mb-4 flex gap-2 overflow-x-auto">
              {days.map((d) => (
                <Link
                  key={d}
                  href={`/venues/${venue.slug}?date=${d}`}
                  aria-current={d === day ? "date" : undefined}
                  className={`shrink-0 rounded-lg px-3 py-2 text-sm font-medium ring-1 ${d === day ? "bg-brand-500 text-white ring-brand-500" : "bg-white ring-slate-300"}`}
                >
                  {dayLabel(d)}
                </Link>
              ))}
            </nav>
            <ul className="space-y-4" data-testid="venue-schedule" aria-label={`Shows on ${dayLabel(day)}`}>
              {onDay.map(({ event, shows }) => (
                <li key={event.id} className="flex gap-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-black/5">
                  {event.posterUrl && (
                    // eslint-disable-next-line @next/next/no-img-element
                    <img src={event.posterUrl} alt="" className="hidden w-16 shrink-0 self-start rounded-lg ring-1 ring-black/5 sm:block" />
                  )}
                  <div className="min-w-0 flex-1">
                    <h3 className="font-semibold">
                      <Link href={`/events/${event.slug}`} className="hover:text-brand-600 hover:underline">
                        {event.title}
                      </Link>
                    </h3>
                    <p className="text-sm text-slate-600">
                      {CATEGORY_LABELS[event.category]}
                      {event.languages.length > 0 && ` · ${event.languages.slice(0, 3).join(", ")}`}
                      {event.certificate && ` · ${event.certificate}`}
                    </p>
                    <ul className="mt-3 flex flex-wrap gap-2" aria-label={`${event.title} show times`}>
                      {shows.map((s) => (
                        <li key={s.id}>
                          <Link
                            href={`/shows/${s.id}`}
                            className="flex flex-col items-center rounded-lg bg-white px-3 py-1.5 text-sm text-emerald-700 ring-1 ring-emerald-500 hover:bg-slate-50"
                            aria-label={`${time(s.startsAt)}, ${s.hall}${s.format ? `, ${s.format}` : ""}${s.language ? `, ${s.language}` : ""}, from ${formatMoney(s.minPriceMinor, s.currency)}`}
                          >
                            <span className="font-semibold">{time(s.startsAt)}</span>
                            <span className="text-[11px] uppercase text-slate-500">{[s.hall, s.format].filter(Boolean).join(" · ")}</span>
                          </Link>
                        </li>
                      ))}
                    </ul>
                  </div>
                </li>
              ))}
            </ul>
          </>
        )}
        <p className="mt-3 text-xs text-slate-500">Times are local to the venue.</p>
      </section>
    </article>
  );
}
