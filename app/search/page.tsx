import type { Metadata } from "next";
import Link from "next/link";
import { searchCached, searchQuerySchema, type SearchHit } from "@/lib/catalog/search";
import { CATEGORY_LABELS } from "@/lib/catalog/filters";
import { preferredCity } from "@/lib/catalog/city-preference";
import { whereItPlays } from "@/lib/catalog/where";

export const metadata: Metadata = { title: "Search" };

type Props = { searchParams: Promise<{ q?: string | string[]; city?: string | string[] }> };

export default async function SearchPage({ searchParams }: Props) {
  const { q, city: cityParam } = await searchParams;
  const { city, cities } = await preferredCity(typeof cityParam === "string" ? cityParam : undefined);
  const parsed = searchQuerySchema.safeParse({ query: typeof q === "string" ? q : "", city: city.id });
  const results = parsed.success ? await searchCached(parsed.data) : { events: [], people: [], venues: [], readAs: null };
  const { events: hits, people, venues, readAs } = results;
  const cityName = (id: string) => cities.find((c) => c.id === id)?.name ?? id;
  const here = hits.filter((h) => h.inCity);
  const elsewhere = hits.filter((h) => !h.inCity);
  const total = hits.length + people.length + venues.length;

  return (
    <section aria-labelledby="search-heading">
      <h1 id="search-heading" className="mb-1 text-2xl font-bold">
        {parsed.success ? <>Results for &ldquo;{parsed.data.query}&rdquo;</> : "Search"}
      </h1>
      {readAs && (
        <p className="mb-1 text-sm text-slate-700" data-testid="read-as">
          Showing results for <strong className="font-semibold">{readAs}</strong>
        </p>
      )}
      <p className="mb-6 text-sm text-slate-600" aria-live="polite">
        {!parsed.success
          ? "Type a movie, artist, team, play, venue or exhibition in the search box above."
          : total === 0
            ? "No matches. Check the spelling or try fewer words."
            : `${hits.length} ${hits.length === 1 ? "event" : "events"}${here.length ? `, ${here.length} in ${city.name}` : ""}`}
      </p>

      {(people.length > 0 || venues.length > 0) && (
        <div className="mb-8 grid gap-6 md:grid-cols-2">
          <Chips
            heading="People"
            testId="search-people"
            items={people.map((p) => ({ id: p.id, href: `/people/${p.slug}`, name: p.name, note: `${p.events} ${p.events === 1 ? "event" : "events"}` }))}
          />
          <Chips
            heading="Venues"
            testId="search-venues"
            items={venues.map((v) => ({ id: v.id, href: `/venues/${v.slug}`, name: v.name, note: cityName(v.cityId) }))}
          />
        </div>
      )}

      {here.length > 0 && <Hits hits={here} cityName={cityName} chosen={city.name} testId="search-results" />}
      {elsewhere.length > 0 && (
        <>
          {here.length > 0 && (
            <h2 className="mb-3 mt-8 text-lg font-semibold" id="elsewhere-heading">
              Not playing in {city.name}
            </h2>
          )}
          <Hits hits={elsewhere} cityName={cityName} chosen={city.name} testId={here.length ? "search-elsewhere" : "search-results"} />
        </>
      )}
    </section>
  );
}

function Hits({ hits, cityName, chosen, testId }: { hits: SearchHit[]; cityName: (id: string) => string; chosen: string; testId: string }) {
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid={testId}>
      {hits.map((h) => (
        <li key={h.id}>
          <Link href={`/events/${h.slug}`} className="flex gap-3 rounded-xl bg-white p-3 shadow-sm ring-1 ring-black/5 hover:ring-brand-500">
            {h.posterUrl && (
              // eslint-disable-next-line @next/next/no-img-element
              <img src={h.posterUrl} alt="" className="h-24 w-16 shrink-0 rounded-md object-cover" loading="lazy" />
            )}
            <span className="min-w-0">
              <span className="block font-semibold text-ink-900">{h.title}</span>
              <span className="block text-sm text-slate-600">
                {CATEGORY_LABELS[h.category]}
                {h.languages.length > 0 && <> · {h.languages.slice(0, 3).join(", ")}</>}
              </span>
              <span className={`mt-1 block text-sm ${h.inCity ? "text-emerald-700" : "text-slate-600"}`} data-testid="where">
                {whereItPlays(h, chosen, cityName)}
              </span>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

function Chips({ heading, testId, items }: { heading: string; testId: string; items: { id: string; href: string; name: string; note: string }[] }) {
  if (!items.length) return null;
  const id = `${testId}-heading`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-600">
        {heading}
      </h2>
      <ul className="flex flex-wrap gap-2" data-testid={testId}>
        {items.map((x) => (
          <li key={x.id}>
            <Link
              href={x.href}
              className="inline-flex items-center gap-2 rounded-full bg-white px-3 py-1.5 text-sm shadow-sm ring-1 ring-black/10 hover:ring-brand-500"
            >
              <span className="font-medium text-ink-900">{x.name}</span>
              <span className="text-slate-600">{x.note}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
