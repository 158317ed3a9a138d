// Cinemas: every screen runs 4–5 shows a day at fixed slots, staggered by screen, drawing from
// a per-cinema lineup weighted by popularity and by how well a film's language suits the city.
import type { CitySeed } from "./cities";
import type { EventPlan } from "./events";
import { cinemaTiers, showPrices } from "./pricing";
import { isWeekend } from "./time";
import { DAYS, type ScheduleContext, type Stage } from "./schedule-context";

const SLOTS = ["10:00", "13:15", "16:30", "19:45", "22:30"];

function shiftTime(time: string, minutes: number): string {
  const [h = 0, m = 0] = time.split(":").map(Number);
  const total = h * 60 + m + minutes;
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}

/** How well a film sells in a city: regional hits at home, Hindi/English everywhere, others a little. */
function affinity(movie: EventPlan, city: CitySeed): number {
  const [original] = movie.languages;
  if (original === city.regionalLanguage) return 3;
  if (movie.languages.includes(city.regionalLanguage)) return 1.6;
  if (original === "Hindi" || original === "English") return 1;
  return 0.25;
}

function format(stage: Stage, movie: EventPlan, ctx: ScheduleContext): string {
  const formats = movie.formats ?? [];
  if (stage.layout === "screenImax") return formats.includes("IMAX") ? "IMAX 2D" : "2D";
  if (stage.layout === "screen4dx" && formats.includes("4DX")) return "4DX";
  if (stage.layout === "screenRecliner") return "2D";
  return formats.includes("3D") && ctx.rng.chance(0.35) ? "3D" : "2D";
}

function language(movie: EventPlan, city: CitySeed, ctx: ScheduleContext): string {
  const langs = movie.languages;
  if (langs.includes(city.regionalLanguage) && ctx.rng.chance(0.7)) return city.regionalLanguage;
  return ctx.rng.chance(0.65) ? (langs[0] as string) : ctx.rng.pick(langs);
}

function premiumBoost(stage: Stage, movie: EventPlan): number {
  const formats = movie.formats ?? [];
  if (stage.layout === "screenImax") return formats.includes("IMAX") ? 6 : 0.3;
  if (stage.layout === "screen4dx") return formats.includes("4DX") ? 6 : 0.5;
  return 1;
}

type Cinema = { venueId: string; city: CitySeed; screens: Stage[]; lineup: EventPlan[]; base: number };

function buildLineups(ctx: ScheduleContext, cinemas: Cinema[], movies: EventPlan[]): void {
  for (const cinema of cinemas) {
    const size = Math.min(movies.length, cinema.screens.length * 3 + 2);
    const pool = [...movies];
    while (cinema.lineup.length < size) {
      const i = ctx.rng.weightedIndex(pool.map((m) => affinity(m, cinema.city) * Math.sqrt(m.popularity)));
      cinema.lineup.push(...pool.splice(i, 1));
    }
  }
  // Every film plays somewhere: strays go to the cinema whose city suits them best.
  for (const movie of movies) {
    if (cinemas.some((c) => c.lineup.includes(movie))) continue;
    const best = [...cinemas].sort(
      (a, b) => affinity(movie, b.city) - affinity(movie, a.city) || a.lineup.length - b.lineup.length,
    )[0];
    best?.lineup.push(movie);
  }
}

export function scheduleCinemas(
  ctx: ScheduleContext,
  screens: Stage[],
  movies: EventPlan[],
  cities: Map<string, CitySeed>,
  bases: Map<string, number>,
): void {
  const cinemas = new Map<string, Cinema>();
  for (const screen of screens) {
    const cinema = cinemas.get(screen.venueId) ?? {
      venueId: screen.venueId,
      city: cities.get(screen.cityId) as CitySeed,
      screens: [],
      lineup: [],
      base: bases.get(screen.venueId) ?? 250,
    };
    cinema.screens.push(screen);
    cinemas.set(screen.venueId, cinema);
  }
  const list = [...cinemas.values()];
  buildLineups(ctx, list, movies);

  const firstInCity = new Set<string>();
  for (const cinema of list) {
    const counts = new Map<EventPlan, number>();
    // The first cinema of each city also ran two evening shows yesterday, so "upcoming only"
    // filters have something to exclude.
    const hasPast = !firstInCity.has(cinema.city.id);
    firstInCity.add(cinema.city.id);
    cinema.screens.forEach((screen, screenIndex) => {
      const fromDay = hasPast && screenIndex === 0 ? -1 : 0;
      for (let day = fromDay; day < DAYS; day++) {
        const date = ctx.date(screen, day);
        const weekend = isWeekend(date);
        for (const slot of SLOTS) {
          if (day < 0 && slot < "19:00") continue;
          if (slot === "10:00" && ctx.rng.chance(weekend ? 0.1 : 0.35)) continue;
          const showing = cinema.lineup.filter((m) => (m.releaseDate ?? "") <= date);
          if (showing.length === 0) continue;
          const weights = showing.map(
            (m) => (affinity(m, cinema.city) * Math.sqrt(m.popularity) * premiumBoost(screen, m)) / (1 + (counts.get(m) ?? 0)) ** 2,
          );
          const movie = showing[ctx.rng.weightedIndex(weights)] as EventPlan;
          const time = shiftTime(slot, (screenIndex % 3) * 15);
          const fmt = format(screen, movie, ctx);
          const prices = showPrices(cinemaTiers(cinema.base, time, weekend, fmt), screen.seatTypes);
          const booked = ctx.tryBook(screen, movie, date, time, { language: language(movie, cinema.city, ctx), format: fmt, prices, zonePrices: [] }, day < 0);
          if (booked) counts.set(movie, (counts.get(movie) ?? 0) + 1);
        }
      }
    });
  }
}
