import type { Metadata } from "next";
import Link from "next/link";
import { searchEventsCached, searchQuerySchema } from "@/lib/catalog/search";
import { CATEGORY_LABELS } from "@/lib/catalog/filters";

export const metadata: Metadata = { title: "Search" };

export default async function SearchPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const { q } = await searchParams;
  const parsed = searchQuerySchema.safeParse({ query: typeof q === "string" ? q : "" });
  const hits = parsed.success ? await searchEventsCached(parsed.data) : [];
  return (
    <section aria-labelledby="search-heading">
      <h1 id="search-heading" className="mb-1 text-2xl font-bold">
        {parsed.success ? <>Results for &ldquo;{parsed.data.query}&rdquo;</> : "Search"}
      </h1>
      <p className="mb-6 text-sm text-slate-600" aria-live="polite">
        {!parsed.success
          ? "Type a movie, artist, team, play or exhibition in the search box above."
          : hits.length === 0
            ? "No matches. Check the spelling or try fewer words."
            : `${hits.length} ${hits.length === 1 ? "match" : "matches"}, best first`}
      </p>
      {hits.length > 0 && (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="search-results">
          {hits.map((h) => (
            <li key={h.id}>
              <Link href={`/events/${h.slug}`} className="flex gap-3 rounded-xl bg-white p-3 shadow-sm ring-1 ring-black/5 hover:ring-brand-500">
                {h.posterUrl && (
                  // eslint-disable-next-line @next/next/no-img-element
                  <img src={h.posterUrl} alt="" className="h-24 w-16 shrink-0 rounded-md object-cover" loading="lazy" />
                )}
                <span className="min-w-0">
                  <span className="block font-semibold text-ink-900">{h.title}</span>
                  <span className="block text-sm text-slate-600">{CATEGORY_LABELS[h.category]}</span>
                  <span className="block text-sm text-slate-500">{h.languages.slice(0, 3).join(", ")}</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
