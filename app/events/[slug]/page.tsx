import type { Metadata } from "next";
import { cache } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getEvent, type EventDetails } from "@/lib/catalog/events";
import { citiesPlaying, getEventShowtimes, type Admission } from "@/lib/catalog/showtimes";
import { preferredCity } from "@/lib/catalog/city-preference";
import { CATEGORY_LABELS } from "@/lib/catalog/filters";
import { AppError } from "@/lib/errors";
import { formatMoney } from "@/lib/format/money";
import { formatInZone } from "@/lib/time/zone";
import { showtimesQuerySchema } from "@/lib/catalog/params";
import { getEventCredits } from "@/lib/catalog/people";
import { CreditsList } from "@/components/catalog/credits-list";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// generateMetadata and the page render in the same request: one read, not two.
const eventOnce = cache((id: string) => getEvent(id));

async function load(slug: string): Promise<EventDetails> {
  try {
    return await eventOnce(slug);
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  if (!/^[A-Za-z0-9-]{1,120}$/.test(slug)) return {};
  const event = await eventOnce(slug).catch(() => null);
  return event ? { title: event.title, description: event.description.slice(0, 160) } : {};
}

const hm = (m: number) => `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, "0")}m`;

const ADMISSION_NOTE: Record<Admission, string | null> = {
  SEATED: null,
  STANDING: "Standing · general admission",
  MIXED: "Standing zones and reserved seats",
  TIMED_ENTRY: "Timed entry · arrive within your slot",
};

/** "Sold out", "3 left" when few remain, else how many of the allowance are left. */
function slotLeft(available: number, total: number): string {
  if (available === 0) return "Sold out";
  return available <= Math.max(5, total * 0.2) ? `Only ${available} left` : `${available} left`;
}

export default async function EventPage({ params, searchParams }: Props) {
  const { slug } = await params;
  if (!/^[A-Za-z0-9-]{1,120}$/.test(slug)) notFound();
  const sp = await searchParams;
  const q = showtimesQuerySchema.safeParse({ city: typeof sp.city === "string" ? sp.city : undefined, date: typeof sp.date === "string" ? sp.date : undefined });
  const event = await load(slug);
  const { city } = await preferredCity(q.success ? q.data.city : undefined);
  const [st, credits] = await Promise.all([
    getEventShowtimes(event.id, { city: city.id, date: q.success ? q.data.date : undefined }),
    getEventCredits(event.id),
  ]);
  // Not playing here: say where it does.
  const elsewhere = st.dates.length === 0 ? await citiesPlaying(event.id) : [];
  const dayLabel = (d: string) =>
    new Intl.DateTimeFormat("en-IN", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" }).format(new Date(`${d}T00:00:00Z`));

  return (
    <article>
      <section className="-mx-4 -mt-6 mb-8 bg-gradient-to-r from-ink-900 to-ink-800 px-4 py-8 text-white">
        <div className="mx-auto flex max-w-7xl flex-col gap-6 sm:flex-row">
          {event.posterUrl && (
            // eslint-disable-next-line @next/next/no-img-element
            <img src={event.posterUrl} alt={`${event.title} poster`} className="w-40 shrink-0 self-start rounded-xl shadow-lg ring-1 ring-white/10 sm:w-56" />
          )}
          <div className="min-w-0">
            <p className="text-sm uppercase tracking-widest text-brand-100">{CATEGORY_LABELS[event.category]}</p>
            <h1 className="mt-1 text-3xl font-extrabold sm:text-4xl">{event.title}</h1>
            {event.ratingTenths !== null && (
              <p className="mt-3 inline-flex items-center gap-2 rounded-lg bg-white/10 px-3 py-1.5">
                <span aria-hidden className="text-brand-500">★</span>
                <span className="font-semibold">{(event.ratingTenths / 10).toFixed(1)}/10</span>
                <span className="text-sm text-slate-300">({event.ratingCount.toLocaleString("en-IN")} ratings)</span>
              </p>
            )}
            <dl className="mt-4 flex flex-wrap gap-x-6 gap-y-2 text-sm text-slate-200">
              <div>
                <dt className="sr-only">Duration</dt>
                <dd>{hm(event.durationMinutes)}</dd>
              </div>
              {event.certificate && (
                <div>
                  <dt className="sr-only">Certificate</dt>
                  <dd className="rounded border border-white/30 px-1.5">{event.certificate}</dd>
                </div>
              )}
              {event.genres.length > 0 && (
                <div>
                  <dt className="sr-only">Genres</dt>
                  <dd>{event.genres.join(", ")}</dd>
                </div>
              )}
              {event.languages.length > 0 && (
                <div>
                  <dt className="sr-only">Languages</dt>
                  <dd>{event.languages.join(", ")}</dd>
                </div>
              )}
            </dl>
            <p className="mt-4 max-w-3xl leading-relaxed text-slate-200">{event.description}</p>
          </div>
        </div>
      </section>

      <section aria-labelledby="showtimes">
        <h2 id="showtimes" className="mb-3 text-xl font-bold">
          Show times in {city.name}
        </h2>
        {st.dates.length === 0 ? (
          <div className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600" data-testid="plays-elsewhere">
            <p>Not playing in {city.name}.</p>
            {elsewhere.length > 0 ? (
              <>
                <p className="mt-1">Playing in:</p>
                <ul className="mt-3 flex flex-wrap justify-center gap-2">
                  {elsewhere.map((c) => (
                    <li key={c.id}>
                      <Link
                        href={`/events/${event.slug}?${new URLSearchParams({ city: c.id })}`}
                        className="inline-block rounded-lg px-3 py-2 text-sm font-medium text-ink-900 ring-1 ring-slate-300 hover:ring-brand-500"
                      >
                        {c.name}
                      </Link>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="mt-1">No upcoming shows anywhere yet.</p>
            )}
          </div>
        ) : (
          <>
            <nav aria-label="Dates" className="scrollbar-none mb-4 flex gap-2 overflow-x-auto">
              {st.dates.map((d) => (
                <Link
                  key={d}
                  href={`/events/${event.slug}?${new URLSearchParams({ city: city.id, date: d })}`}
                  aria-current={d === st.date ? "date" : undefined}
                  className={`shrink-0 rounded-lg px-3 py-2 text-sm font-medium ring-1 ${d === st.date ? "bg-brand-500 text-white ring-brand-500" : "bg-white ring-slate-300"}`}
                >
                  {dayLabel(d)}
                </Link>
              ))}
            </nav>
            {st.venues.length === 0 ? (
              <p className="rounded-xl bg-white p-6 text-slate-600">No shows on this day.</p>
            ) : (
              <ul className="divide-y divide-slate-200 rounded-xl bg-white shadow-sm ring-1 ring-black/5" data-testid="showtimes">
                {st.venues.map((v) => (
                  <li key={v.section.id} className="flex flex-col gap-3 p-4 md:flex-row md:items-start">
                    <div className="md:w-72 md:shrink-0">
                      <h3 className="font-semibold">
                        <Link href={`/venues/${v.venue.slug}?date=${st.date}`} className="hover:text-brand-600 hover:underline">
                          {v.venue.name}
                        </Link>
                      </h3>
                      <p className="text-sm text-slate-600">
                        {v.section.name} · {v.venue.address}
                      </p>
                      {ADMISSION_NOTE[v.section.admission] && (
                        <p className="mt-1 inline-block rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">{ADMISSION_NOTE[v.section.admission]}</p>
                      )}
                    </div>
                    <ul className="flex flex-wrap gap-2" aria-label={`Shows at ${v.venue.name}`}>
                      {v.shows.map((s) => {
                        const left = s.availableSeats / Math.max(s.totalSeats, 1);
                        const tone = s.availableSeats === 0 ? "text-slate-400 ring-slate-200" : left < 0.2 ? "text-amber-700 ring-amber-400" : "text-emerald-700 ring-emerald-500";
                        const time = formatInZone(s.startsAt, v.venue.timeZone, { hour: "numeric", minute: "2-digit" });
                        const timed = v.section.admission === "TIMED_ENTRY";
                        if (timed && s.availableSeats === 0) {
                          return (
                            <li key={s.id}>
                              <span className="flex flex-col items-center rounded-lg bg-slate-50 px-3 py-1.5 text-sm text-slate-400 ring-1 ring-slate-200" aria-label={`${time} entry slot, sold out`}>
                                <span className="font-semibold line-through">{time}</span>
                                <span className="text-[11px] uppercase">Sold out</span>
                              </span>
                            </li>
                          );
                        }
                        return (
                          <li key={s.id}>
                            <Link
                              href={`/shows/${s.id}`}
                              className={`flex flex-col items-center rounded-lg bg-white px-3 py-1.5 text-sm ring-1 hover:bg-slate-50 ${tone}`}
                              aria-label={
                                s.onSaleAt
                                  ? `${time}, ${s.format ?? ""} ${s.language ?? ""}, on sale ${formatInZone(s.onSaleAt, v.venue.timeZone, { day: "numeric", month: "short", hour: "numeric", minute: "2-digit" })}`
                                  : timed
                                  ? `${time} entry slot, ${s.availableSeats} of ${s.totalSeats} places left, ${formatMoney(s.minPriceMinor, s.currency)}`
                                  : `${time}, ${s.format ?? ""} ${s.language ?? ""}, ${s.availableSeats} of ${s.totalSeats} seats left, from ${formatMoney(s.minPriceMinor, s.currency)}`
                              }
                            >
                              <span className="font-semibold">{time}</span>
                              <span className="text-[11px] uppercase text-slate-500">
                                {s.onSaleAt
                                  ? `On sale ${formatInZone(s.onSaleAt, v.venue.timeZone, { day: "numeric", month: "short" })}`
                                  : timed
                                    ? slotLeft(s.availableSeats, s.totalSeats)
                                    : [s.format, s.language].filter(Boolean).join(" · ")}
                              </span>
                            </Link>
                          </li>
                        );
                      })}
                    </ul>
                  </li>
                ))}
              </ul>
            )}
            <p className="mt-3 text-xs text-slate-500">
              Times are local to each venue.{" "}
              <span className="text-emerald-700">Green</span>: plenty of seats · <span className="text-amber-700">amber</span>: filling fast.
            </p>
          </>
        )}
      </section>

      <CreditsList credits={credits} />
    </article>
  );
}
