import Link from "next/link";
import { listEventsCached } from "@/lib/catalog/events";
import { preferredCity } from "@/lib/catalog/city-preference";
import { CATEGORIES, CATEGORY_LABELS, CATEGORY_SLUGS, eventFiltersSchema } from "@/lib/catalog/filters";
import { Rail } from "@/components/catalog/rail";
import { CategoryIcon } from "@/components/catalog/category-icon";

export default async function HomePage() {
  const { city } = await preferredCity();
  const rail = (f: Record<string, string>) => listEventsCached(eventFiltersSchema.parse({ city: city.id, limit: 12, ...f }));
  const [today, weekend, trending, movies, live] = await Promise.all([
    rail({ date: "today" }),
    rail({ date: "weekend" }),
    rail({}),
    rail({ category: "MOVIE" }),
    rail({ category: "CONCERT" }),
  ]);
  const link = (f: Record<string, string>) => `/events?${new URLSearchParams({ city: city.id, ...f })}`;

  return (
    <>
      <section className="mb-8 overflow-hidden rounded-2xl bg-gradient-to-r from-ink-900 via-ink-800 to-brand-700 px-6 py-8 text-white sm:px-10">
        <p className="text-sm uppercase tracking-widest text-brand-100">{city.name}</p>
        <h1 className="mt-1 text-3xl font-extrabold sm:text-4xl">What&apos;s on in {city.name}</h1>
        <p className="mt-2 max-w-xl text-slate-200">Movies, concerts, sports, plays, comedy and exhibitions — pick a show, choose your seats, get your ticket.</p>
      </section>

      <nav aria-label="Browse by category" className="mb-10">
        <ul className="grid grid-cols-3 gap-3 sm:grid-cols-6">
          {CATEGORIES.map((c) => (
            <li key={c}>
              <Link
                href={link({ category: CATEGORY_SLUGS[c] })}
                className="flex flex-col items-center gap-2 rounded-xl bg-white p-4 text-sm font-medium shadow-sm ring-1 ring-black/5 hover:ring-brand-500"
              >
                <CategoryIcon category={c} />
                {CATEGORY_LABELS[c]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <Rail title="Today" events={today.items} href={link({ date: "today" })} timeZone={city.timeZone} empty={`Nothing else on today in ${city.name}.`} />
      <Rail title="This weekend" events={weekend.items} href={link({ date: "weekend" })} timeZone={city.timeZone} empty="Nothing scheduled this weekend yet." />
      <Rail title="Trending" events={trending.items} href={link({})} timeZone={city.timeZone} empty={`No upcoming events in ${city.name}.`} />
      <Rail title="Movies" events={movies.items} href={link({ category: "movies" })} timeZone={city.timeZone} empty="No movies showing." />
      <Rail title="Live music" events={live.items} href={link({ category: "concerts" })} timeZone={city.timeZone} empty="No concerts coming up." />
    </>
  );
}
