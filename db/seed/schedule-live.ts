// Concerts, plays, comedy and sports: a few dated performances each, in halls that suit them.
// Tours (concerts, comedy) hop between cities; plays and sports legs run on consecutive days.
import type { CitySeed } from "./cities";
import type { EventPlan } from "./events";
import { liveTiers, showPrices, zonePrices, type Tiers } from "./pricing";
import { isWeekend, weekday } from "./time";
import { DAYS, HOSTS, type ScheduleContext, type Stage } from "./schedule-context";

type LiveCategory = "CONCERT" | "PLAY" | "COMEDY" | "SPORTS";

function times(event: EventPlan, stage: Stage, date: string): string[] {
  const genres = event.genres;
  const weekend = isWeekend(date);
  switch (event.category) {
    case "CONCERT":
      return weekend ? ["19:00", "19:30", "20:00"] : ["19:30", "20:00"];
    case "PLAY": {
      const day = weekday(date);
      return day === 0 || day === 6 ? ["15:30", "19:30"] : ["19:30"]; // matinees on Saturday and Sunday
    }
    case "COMEDY":
      return stage.layout.startsWith("club") ? ["19:00", "21:30"] : ["20:00"];
    default:
      if (genres.includes("ODI")) return ["13:30"];
      if (genres.includes("T20")) return weekend ? ["15:30", "19:30"] : ["19:30"];
      if (genres.includes("Tennis")) return ["14:00"];
      return ["17:00", "19:30", "20:00"];
  }
}

function defaultDates(event: EventPlan, ctx: ScheduleContext): number {
  if (event.dates) return event.dates;
  switch (event.category) {
    case "CONCERT":
      return event.star ? 3 : ctx.rng.int(1, 2);
    case "PLAY":
      return ctx.rng.int(2, 4);
    case "COMEDY":
      return ctx.rng.int(2, 3);
    default:
      return 1;
  }
}

type Live = {
  ctx: ScheduleContext;
  event: EventPlan;
  tiers: Tiers;
  cities: Map<string, CitySeed>;
  /** Stadium days already given to a match: one fixture per ground per day. */
  groundDays: Set<string>;
};

function book(live: Live, stage: Stage, day: number, time?: string): boolean {
  const { ctx, event } = live;
  const date = ctx.date(stage, day);
  if (stage.kind === "STADIUM" && live.groundDays.has(`${stage.sectionId}|${date}`)) return false;
  const regional = live.cities.get(stage.cityId)?.regionalLanguage ?? "";
  const language = event.languages.includes(regional) && ctx.rng.chance(0.5) ? regional : (event.languages[0] as string);
  const at = time ?? ctx.rng.pick(times(event, stage, date));
  const prices = showPrices(live.tiers, stage.seatTypes);
  if (!ctx.tryBook(stage, event, date, at, { language, format: "Live", prices, zonePrices: zonePrices(live.tiers, stage.zones) })) return false;
  if (stage.kind === "STADIUM") live.groundDays.add(`${stage.sectionId}|${date}`);
  return true;
}

function pickStage(live: Live, stages: Stage[], usedCities: Set<string>): Stage {
  const { event } = live;
  return stages[
    live.ctx.rng.weightedIndex(
      stages.map((s) => {
        const fit = HOSTS[s.layout][event.category] ?? 0;
        const headline = event.star && s.layout === "auditorium" ? 4 : 1;
        return fit * headline * (usedCities.has(s.cityId) ? 0.1 : 1);
      }),
    )
  ] as Stage;
}

function pickDay(ctx: ScheduleContext, stage: Stage): number {
  const weights = Array.from({ length: DAYS }, (_, d) => (isWeekend(ctx.date(stage, d)) ? 2.5 : 1));
  return ctx.rng.weightedIndex(weights);
}

/** Tours: each performance tries a fresh city first. */
function scheduleTour(live: Live, stages: Stage[], count: number): number {
  const used = new Set<string>();
  let placed = 0;
  for (let k = 0; k < count; k++) {
    for (let attempt = 0; attempt < 40; attempt++) {
      const stage = pickStage(live, stages, used);
      if (book(live, stage, pickDay(live.ctx, stage))) {
        used.add(stage.cityId);
        placed++;
        break;
      }
    }
  }
  return placed;
}

/** Runs: consecutive days at one place, with a weekend matinee for plays. */
function scheduleRun(live: Live, stages: Stage[], count: number): number {
  let placed = 0;
  for (let attempt = 0; attempt < 6 && placed < count; attempt++) {
    const stage = pickStage(live, stages, new Set());
    const start = live.ctx.rng.int(0, DAYS - 1);
    for (let i = 0; i < DAYS && placed < count; i++) {
      const day = (start + i) % DAYS;
      const slots = live.event.category === "PLAY" ? times(live.event, stage, live.ctx.date(stage, day)) : [undefined];
      for (const time of slots) if (placed < count && book(live, stage, day, time)) placed++;
    }
  }
  return placed;
}

export function scheduleLive(ctx: ScheduleContext, stages: Stage[], events: EventPlan[], cities: Map<string, CitySeed>): void {
  const groundDays = new Set<string>();
  const ordered = [...events].sort((a, b) => b.popularity - a.popularity);
  for (const event of ordered) {
    const category = event.category as LiveCategory;
    const hosts = stages.filter((s) => (HOSTS[s.layout][category] ?? 0) > 0);
    const local = event.cities ? hosts.filter((s) => event.cities?.includes(s.cityId)) : hosts;
    const candidates = local.length > 0 ? local : hosts;
    const live: Live = { ctx, event, tiers: liveTiers(category, Boolean(event.star), ctx.rng), cities, groundDays };
    const count = defaultDates(event, ctx);
    const touring = category === "CONCERT" || category === "COMEDY";
    const placed = touring ? scheduleTour(live, candidates, count) : scheduleRun(live, candidates, count);
    // A crowded calendar in its home city should not leave an event unbookable.
    if (placed === 0) scheduleTour(live, hosts, 1);
  }
}
