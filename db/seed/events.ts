import { EVENT_SEEDS, type EventSeed } from "./data";
import type { PosterInput } from "./posters";
import type { Rng } from "./random";
import { uniqueSlugs } from "./slug";
import { addDays, weekday } from "./time";

export type EventPlan = EventSeed & {
  id: string;
  slug: string;
  popularity: number;
  ratingTenths: number | null;
  ratingCount: number;
  /** Movies: release date ("YYYY-MM-DD"); shows are only scheduled from then on. */
  releaseDate?: string;
};

const SLUGS = uniqueSlugs(EVENT_SEEDS.map((e) => e.title));

/** Poster inputs depend only on the hand-written data, so posters can be written without a database. */
export function posterInputs(): PosterInput[] {
  return EVENT_SEEDS.map((e, i) => ({
    slug: SLUGS[i] as string,
    title: e.title,
    category: e.category,
    languages: e.languages,
    certificate: e.certificate,
  }));
}

/** The Friday on or before `date`: Indian films release on Fridays. */
function fridayOnOrBefore(date: string): string {
  return addDays(date, -((weekday(date) + 2) % 7));
}

export function planEvents(rng: Rng, ids: Rng, today: string): EventPlan[] {
  const thisFriday = fridayOnOrBefore(today);
  return EVENT_SEEDS.map((seed, i) => {
    // Heavy-tailed: most events are niche, a few are what everyone is booking.
    const popularity = seed.star ? rng.int(60_000, 150_000) : Math.round(300 + 40_000 * rng.next() ** 3);
    const releaseDate =
      seed.category === "MOVIE" ? addDays(thisFriday, 7 * (seed.releaseWeek ?? -rng.int(0, 8))) : undefined;
    const released = releaseDate === undefined || releaseDate <= today;
    const ratingTenths = released ? (seed.star ? rng.int(78, 95) : rng.int(60, 92)) : null;
    const ratingCount = released ? Math.round(popularity * (0.15 + 0.5 * rng.next())) + rng.int(12, 90) : 0;
    return { ...seed, id: ids.uuid(), slug: SLUGS[i] as string, popularity, ratingTenths, ratingCount, releaseDate };
  });
}
