import type { Metadata } from "next";
import { cache } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getEvent, type EventDetails } from "@/lib/catalog/events";
import { citiesPlaying, getEventShowtimes } from "@/lib/catalog/showtimes";
import { groupByVenue, type ShowFilter } from "@/lib/catalog/showtime-groups";
import { preferredCity } from "@/lib/catalog/city-preference";
import { CATEGORY_LABELS } from "@/lib/catalog/filters";
import { AppError } from "@/lib/errors";
import { showtimesQuerySchema } from "@/lib/catalog/params";
import { getEventCredits } from "@/lib/catalog/people";
import { CreditsList } from "@/components/catalog/credits-list";
import { ShowtimeFilters } from "@/components/catalog/showtime-filters";
import { ShowtimeList } from "@/components/catalog/showtime-list";

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

/** A query parameter that passes its own schema, or nothing: one bad value does not drop the others. */
function param<K extends keyof typeof showtimesQuerySchema.shape>(sp: Record<string, string | string[] | undefined>, key: K) {
  const raw = sp[key];
  const r = showtimesQuerySchema.shape[key].safeParse(typeof raw === "string" ? raw : undefined);
  return r.success ? r.data : undefined;
}

export default async function EventPage({ params, searchParams }: Props) {
  const { slug } = await params;
  if (!/^[A-Za-z0-9-]{1,120}$/.test(slug)) notFound();
  const sp = await searchParams;
  const filter: ShowFilter = { language: param(sp, "language"), format: param(sp, "format") };
  const chosenDate = param(sp, "date");
  const event = await load(slug);
  const { city } = await preferredCity(param(sp, "city"));
  const [st, credits] = await Promise.all([
    getEventShowtimes(event.id, { city: city.id, date: chosenDate, ...filter }),
    getEventCredits(event.id),
  ]);
  const groups = groupByVenue(st.venues);
  const filtered = filter.language !== undefined || filter.format !== undefined;
  // Every link on the page keeps the city, the day the user chose (if any) and the filters it does
  // not change; with no day chosen, a filter opens on the first day that has matching shows.
  const href = (over: ShowFilter & { date?: string }) => {
    const next = { city: city.id, date: chosenDate, ...filter, ...over };
    const qs = new URLSearchParams(Object.entries(next).filter((e): e is [string, string] => typeof e[1] === "string"));
    return `/events/${event.slug}?${qs}`;
  };
  // Not playing here: say where it does.
  const elsewhere = !st.playing ? await citiesPlaying(event.id) : [];
  const dayLabel = (d: string) =>
    new Intl.DateTimeFormat("en-IN", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" }).format(new Date(`${d}T00:00:00Z`));

  return (
    <article>
      <section className="-mx-4 -mt-6 mb-6 bg-gradient-to-r from-ink-900 to-ink-800 px-4 py-5 text-white sm:mb-8 sm:py-8">
        {/* Poster beside the title on every screen, so on a phone the Book button is above the fold. */}
        <div className="mx-auto grid max-w-7xl grid-cols-[6rem_minmax(0,1fr)] gap-x-4 gap-y-4 sm:grid-cols-[14rem_minmax(0,1fr)] sm:grid-rows-[auto_1fr] sm:gap-x-6">
          {event.posterUrl ? (
            // eslint-disable-next-line @next/next/no-img-element
            <img src={event.posterUrl} alt={`${event.title} poster`} className="w-24 self-start rounded-xl shadow-lg ring-1 ring-white/10 sm:row-span-2 sm:w-56" />
          ) : (
            <div aria-hidden="true" className="sm:row-span-2" />
          )}
          <div className="min-w-0">
            <p className="text-xs uppercase tracking-widest text-brand-100 sm:text-sm">{CATEGORY_LABELS[event.category]}</p>
            <h1 className="mt-1 text-2xl font-extrabold leading-tight sm:text-4xl">{event.title}</h1>
            {event.ratingTenths !== null && (
              <p className="mt-2 inline-flex items-center gap-2 rounded-lg bg-white/10 px-2.5 py-1 text-sm sm:mt-3 sm:px-3 sm:py-1.5 sm:text-base">
                <span aria-hidden className="text-brand-500">★</span>
                <span className="font-semibold">{(event.ratingTenths / 10).toFixed(1)}/10</span>
                <span className="text-sm text-slate-300">({event.ratingCount.toLocaleString("en-IN")} ratings)</span>
              </p>
            )}
            <dl className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-200 sm:mt-4 sm:gap-x-6 sm:gap-y-2">
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
          </div>
          <div className="col-span-2 sm:col-span-1 sm:col-start-2">
            {st.playing ? (
              <a
                href="#showtimes"
                className="flex w-full items-center justify-center rounded-lg bg-brand-500 px-6 py-3 text-base font-bold text-white shadow-sm hover:bg-brand-600 sm:inline-flex sm:w-auto"
                data-testid="book"
              >
                Book tickets
              </a>
            ) : null}
            <p className="mt-4 line-clamp-4 max-w-3xl leading-relaxed text-slate-200 sm:line-clamp-none">{event.description}</p>
          </div>
        </div>
      </section>

      <section aria-labelledby="showtimes">
        <h2 id="showtimes" className="mb-3 scroll-mt-4 text-xl font-bold">
          Show times in {city.name}
        </h2>
        {!st.playing ? (
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
            <nav aria-label="Dates" className="scrollbar-none mb-3 flex gap-2 overflow-x-auto">
              {st.dates.map((d) => (
                <Link
                  key={d}
                  href={href({ date: d })}
                  scroll={false}
                  aria-current={d === st.date ? "date" : undefined}
                  className={`shrink-0 rounded-lg px-3 py-2 text-sm font-medium ring-1 ${d === st.date ? "bg-brand-500 text-white ring-brand-500" : "bg-white ring-slate-300"}`}
                >
                  {dayLabel(d)}
                </Link>
              ))}
            </nav>
            <ShowtimeFilters languages={st.languages} formats={st.formats} active={filter} href={(f) => href(f)} />
            {groups.length === 0 ? (
              <p className="rounded-xl bg-white p-6 text-slate-600" role="status">
                {filtered ? (
                  <>
                    No {[filter.format, filter.language].filter(Boolean).join(" ")} shows {st.dates.length === 0 ? "coming up" : "on this day"}.{" "}
                    <Link href={`/events/${event.slug}?${new URLSearchParams({ city: city.id })}`} scroll={false} className="font-medium text-brand-600 underline">
                      Show all show times
                    </Link>
                  </>
                ) : (
                  "No shows on this day."
                )}
              </p>
            ) : (
              <ShowtimeList groups={groups} date={st.date!} />
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
