import type { Metadata } from "next";
import { cache } from "react";
import { notFound } from "next/navigation";
import { EventCard } from "@/components/catalog/event-card";
import { preferredCity } from "@/lib/catalog/city-preference";
import { creditLine, initials } from "@/lib/catalog/credit-groups";
import { getPerson, getPersonEvents, type Person } from "@/lib/catalog/people";
import { orNotFound } from "@/lib/http/page";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const SLUG = /^[A-Za-z0-9-]{1,120}$/;
const personOnce = cache((slug: string) => getPerson(slug));

async function load(slug: string): Promise<Person> {
  if (!SLUG.test(slug)) notFound();
  return orNotFound(personOnce(slug));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  if (!SLUG.test(slug)) return {};
  const person = await personOnce(slug).catch(() => null);
  return person ? { title: person.name, description: person.bio.slice(0, 160) || undefined } : {};
}

export default async function PersonPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const person = await load(slug);
  const sp = await searchParams;
  const { city } = await preferredCity(typeof sp.city === "string" ? sp.city : undefined);
  const events = await getPersonEvents(person.id, { cityId: city.id });
  const here = events.filter((e) => e.inCity);
  const elsewhere = events.filter((e) => !e.inCity);
  const grid = (label: string, list: typeof events) => (
    <ul aria-label={label} className="grid grid-cols-2 gap-x-4 gap-y-6 sm:grid-cols-3 md:grid-cols-4 lg:grid-cols-6">
      {list.map((e) => (
        <EventCard key={e.id} event={e} timeZone={city.timeZone} />
      ))}
    </ul>
  );

  return (
    <article>
      <header className="-mx-4 -mt-6 mb-8 bg-gradient-to-r from-ink-900 to-ink-800 px-4 py-8 text-white">
        <div className="mx-auto flex max-w-7xl items-center gap-5">
          <span aria-hidden className="flex h-20 w-20 shrink-0 items-center justify-center rounded-full bg-white/10 text-2xl font-bold ring-1 ring-white/20 sm:h-28 sm:w-28 sm:text-3xl">
            {initials(person.name)}
          </span>
          <div className="min-w-0">
            <p className="text-sm uppercase tracking-widest text-brand-100">{person.kind === "GROUP" ? "Group" : "Person"}</p>
            <h1 className="mt-1 text-3xl font-extrabold sm:text-4xl">{person.name}</h1>
            {person.bio && <p className="mt-3 max-w-3xl leading-relaxed text-slate-200">{person.bio}</p>}
          </div>
        </div>
      </header>

      <section aria-labelledby="upcoming">
        <h2 id="upcoming" className="mb-3 text-xl font-bold">
          Upcoming in {city.name}
        </h2>
        {here.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
            Nothing in {city.name} right now{elsewhere.length > 0 ? "; see other cities below." : "."}
          </p>
        ) : (
          grid(`${person.name} in ${city.name}`, here)
        )}
      </section>
      {elsewhere.length > 0 && (
        <section aria-labelledby="elsewhere" className="mt-10">
          <h2 id="elsewhere" className="mb-3 text-xl font-bold">
            In other cities
          </h2>
          {grid(`${person.name} in other cities`, elsewhere)}
        </section>
      )}
      {events.length > 0 && (
        <section aria-labelledby="roles" className="mt-10">
          <h2 id="roles" className="mb-3 text-xl font-bold">
            Credits
          </h2>
          <ul className="divide-y divide-slate-200 rounded-xl bg-white text-sm shadow-sm ring-1 ring-black/5">
            {events.map((e) => (
              <li key={e.id} className="flex flex-wrap justify-between gap-2 px-4 py-2">
                <span className="font-medium">{e.title}</span>
                <span className="text-slate-600">{e.credits.map(creditLine).join(", ")}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
