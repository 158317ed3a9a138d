import type { Metadata } from "next";
import Link from "next/link";
import { listEventsCached } from "@/lib/catalog/events";
import { preferredCity } from "@/lib/catalog/city-preference";
import { CATEGORIES, CATEGORY_LABELS, CATEGORY_SLUGS, eventFiltersSchema } from "@/lib/catalog/filters";
import { listLanguages } from "@/lib/catalog/languages";
import { PRICE_BANDS, priceBandOf } from "@/lib/catalog/price-bands";
import { AppError } from "@/lib/errors";
import { fieldErrorsOf, nulPath, searchParamsToObject } from "@/lib/http/validation";
import { EventGrid } from "@/components/catalog/event-card";
import { AutoSubmitForm } from "@/components/catalog/auto-submit-form";
import { addDays, zonedYmd } from "@/lib/time/zone";

export const metadata: Metadata = { title: "Events" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Presets, then each of the next two weeks' days, in the city's time zone. */
function dateOptions(timeZone: string, selected?: string) {
  const today = zonedYmd(new Date(), timeZone);
  const days = Array.from({ length: 14 }, (_, i) => addDays(today, i + 2));
  if (selected && /^\d/.test(selected) && !days.includes(selected)) days.unshift(selected);
  return [
    { id: "", label: "Any day" },
    { id: "today", label: "Today" },
    { id: "tomorrow", label: "Tomorrow" },
    { id: "weekend", label: "This weekend" },
    ...days.map((d) => ({
      id: d,
      label: new Intl.DateTimeFormat("en-IN", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" }).format(new Date(`${d}T00:00:00Z`)),
    })),
  ];
}

export default async function EventsPage({ searchParams }: Props) {
  const raw = searchParamsToObject(new URLSearchParams(Object.entries(await searchParams).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : v ? [[k, v]] : []))));
  const band = PRICE_BANDS.find((b) => b.id === raw.price);
  if (band) Object.assign(raw, "minPrice" in band ? { minPrice: String(band.minPrice) } : {}, "maxPrice" in band ? { maxPrice: String(band.maxPrice) } : {});
  delete raw.price;
  // A filter carrying a NUL byte is junk from no form of ours: dropped, not sent to the database.
  for (const key of Object.keys(raw)) if (nulPath(raw[key])) delete raw[key];
  const { city, cities } = await preferredCity(typeof raw.city === "string" ? raw.city : undefined);
  const parsed = eventFiltersSchema.safeParse({ ...raw, city: city.id });
  // A tampered or outdated "next page" link is a bad filter too, not a server error.
  const page = parsed.success
    ? await listEventsCached(parsed.data).catch((err: unknown) => {
        if (err instanceof AppError && err.code === "INVALID_CURSOR") return null;
        throw err;
      })
    : null;

  if (!parsed.success || !page) {
    const errors = parsed.success ? { cursor: ["this page link is not valid any more; start from the first page"] } : fieldErrorsOf(parsed.error);
    return (
      <div role="alert" className="rounded-xl bg-white p-8 text-center shadow-sm">
        <h1 className="text-xl font-bold">These filters don&apos;t look right</h1>
        <ul className="mt-2 text-slate-600">
          {Object.entries(errors).map(([k, v]) => (
            <li key={k}>
              <strong>{k}</strong>: {v.join(", ")}
            </li>
          ))}
        </ul>
        <Link href={`/events?city=${city.id}`} className="mt-4 inline-block rounded-lg bg-brand-500 px-4 py-2 font-medium text-white">
          Clear filters
        </Link>
      </div>
    );
  }
  const f = parsed.data;
  const languages = await listLanguages();
  const selectedCats = new Set(f.category ?? []);
  const priceBand = priceBandOf(f.minPrice, f.maxPrice);
  const heading = f.category?.length === 1 ? CATEGORY_LABELS[f.category[0]!] : "Events";

  const nextParams = new URLSearchParams(Object.entries(raw).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]])));
  nextParams.set("city", city.id);
  if (priceBand) {
    nextParams.delete("minPrice");
    nextParams.delete("maxPrice");
    nextParams.set("price", priceBand);
  }
  const firstPage = new URLSearchParams(nextParams);
  firstPage.delete("cursor");
  if (page.nextCursor) nextParams.set("cursor", page.nextCursor);

  return (
    <div className="flex flex-col gap-6 md:flex-row">
      <aside id="filters" className="order-last md:order-first md:w-64 md:shrink-0">
        <AutoSubmitForm action="/events" label="Filters" className="space-y-5 rounded-xl bg-white p-4 shadow-sm ring-1 ring-black/5">
          <h2 className="text-lg font-bold">Filters</h2>
          {f.q && <input type="hidden" name="q" value={f.q} />}
          <div>
            <label htmlFor="f-city" className="mb-1 block text-sm font-semibold">
              City
            </label>
            <select id="f-city" name="city" defaultValue={city.id} className="w-full rounded-md border border-slate-300 bg-white px-2 py-1.5">
              {cities.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <fieldset>
            <legend className="mb-1 text-sm font-semibold">Category</legend>
            <div className="flex flex-wrap gap-2">
              {CATEGORIES.map((c) => (
                <label key={c} className="cursor-pointer">
                  <input type="checkbox" name="category" value={CATEGORY_SLUGS[c]} defaultChecked={selectedCats.has(c)} className="peer sr-only" />
                  <span className="inline-block rounded-full border border-slate-300 px-3 py-1 text-sm peer-checked:border-brand-500 peer-checked:bg-brand-500 peer-checked:text-white peer-focus-visible:outline-2 peer-focus-visible:outline-brand-500">
                    {CATEGORY_LABELS[c]}
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <div>
            <label htmlFor="f-date" className="mb-1 block text-sm font-semibold">
              Date
            </label>
            <select id="f-date" name="date" defaultValue={f.date ?? ""} className="w-full rounded-md border border-slate-300 bg-white px-2 py-1.5">
              {dateOptions(city.timeZone, f.date).map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="f-lang" className="mb-1 block text-sm font-semibold">
              Language
            </label>
            <select id="f-lang" name="language" defaultValue={f.language ?? ""} className="w-full rounded-md border border-slate-300 bg-white px-2 py-1.5">
              <option value="">Any language</option>
              {languages.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </div>
          <fieldset>
            <legend className="mb-1 text-sm font-semibold">Price</legend>
            <div className="space-y-1">
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" name="price" value="" defaultChecked={!priceBand} className="accent-brand-500" />
                Any price
              </label>
              {PRICE_BANDS.map((b) => (
                <label key={b.id} className="flex items-center gap-2 text-sm">
                  <input type="radio" name="price" value={b.id} defaultChecked={priceBand === b.id} className="accent-brand-500" />
                  {b.label}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="flex gap-2">
            <button type="submit" className="flex-1 rounded-lg bg-brand-500 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-600">
              Apply
            </button>
            <Link href={`/events?city=${city.id}`} className="rounded-lg border border-slate-300 px-3 py-2 text-sm">
              Reset
            </Link>
          </div>
        </AutoSubmitForm>
      </aside>

      <section className="min-w-0 flex-1" aria-labelledby="results-heading">
        <div className="flex items-baseline justify-between gap-3">
          <h1 id="results-heading" className="mb-1 text-2xl font-bold">
            {heading} in {city.name}
          </h1>
          {/* On phones the filters follow the results. */}
          <a href="#filters" className="shrink-0 rounded-lg border border-slate-300 bg-white px-3 py-1 text-sm md:hidden">
            Filters
          </a>
        </div>
        <p className="mb-4 text-sm text-slate-600" aria-live="polite">
          {f.q ? <>Matching &ldquo;{f.q}&rdquo; · </> : null}
          {page.items.length === 0 ? "Nothing matches these filters." : `Showing ${page.items.length}${page.nextCursor ? "+" : ""} events, most popular first`}
        </p>
        {page.items.length > 0 ? (
          <EventGrid events={page.items} timeZone={city.timeZone} label="Events" />
        ) : (
          <div className="rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600">
            Try another date, a wider price range, or{" "}
            <Link className="text-brand-600 underline" href={`/events?city=${city.id}`}>
              clear the filters
            </Link>
            .
          </div>
        )}
        <nav aria-label="Pagination" className="mt-8 flex justify-center gap-3">
          {f.cursor && (
            <Link href={`/events?${firstPage}`} className="rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm">
              First page
            </Link>
          )}
          {page.nextCursor && (
            <Link href={`/events?${nextParams}`} className="rounded-lg bg-ink-900 px-4 py-2 text-sm font-medium text-white" rel="next">
              Next page
            </Link>
          )}
        </nav>
      </section>
    </div>
  );
}
