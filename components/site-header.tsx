import Link from "next/link";
import { Suspense } from "react";
import { preferredCity } from "@/lib/catalog/city-preference";
import { CATEGORIES, CATEGORY_LABELS, CATEGORY_SLUGS } from "@/lib/catalog/filters";
import { CityPicker } from "./city-picker";
import { SearchBox } from "./search-box";

export async function SiteHeader() {
  const { city, cities } = await preferredCity();
  return (
    <header className="bg-ink-900 text-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-3 px-4 py-3 sm:flex-nowrap sm:gap-6">
        <Link href="/" className="flex items-center gap-2 text-xl font-extrabold tracking-tight">
          <span aria-hidden className="grid h-8 w-8 place-items-center rounded-md bg-brand-500 text-base">M</span>
          Marquee
        </Link>
        <div className="order-3 w-full sm:order-none sm:flex-1">
          <Suspense>
            <SearchBox />
          </Suspense>
        </div>
        <div className="ml-auto flex items-center gap-4">
          <Suspense>
            <CityPicker cities={cities.map((c) => ({ id: c.id, name: c.name }))} current={city.id} />
          </Suspense>
        </div>
      </div>
      <nav aria-label="Categories" className="border-t border-white/10 bg-ink-800">
        <ul className="scrollbar-none mx-auto flex max-w-7xl gap-5 overflow-x-auto px-4 py-2 text-sm text-slate-300">
          {CATEGORIES.map((c) => (
            <li key={c}>
              <Link className="whitespace-nowrap hover:text-white" href={`/events?${new URLSearchParams({ city: city.id, category: CATEGORY_SLUGS[c] })}`}>
                {CATEGORY_LABELS[c]}
              </Link>
            </li>
          ))}
          <li className="ml-auto">
            <Link className="whitespace-nowrap hover:text-white" href={`/venues?city=${city.id}`}>
              Venues
            </Link>
          </li>
        </ul>
      </nav>
    </header>
  );
}
