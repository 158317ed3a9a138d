// Exhibitions: one long daily session (10:00–20:00 or 11:00–19:00) for every day of the run,
// each run holding one hall for its whole length.
import type { EventPlan } from "./events";
import { liveTiers, showPrices } from "./pricing";
import { addDays } from "./time";
import { DAYS, type ScheduleContext, type Stage } from "./schedule-context";

export type Run = { start: string; end: string };

/** Days of the run that fall inside the seeded window, including yesterday (a past session). */
function sessionDays(runStart: number, runDays: number): number[] {
  const days: number[] = [];
  for (let d = Math.max(runStart, -1); d < Math.min(runStart + runDays, DAYS); d++) days.push(d);
  return days;
}

export function scheduleExhibitions(ctx: ScheduleContext, halls: Stage[], events: EventPlan[]): Map<string, Run> {
  const runs = new Map<string, Run>();
  const ordered = [...events].sort((a, b) => (b.runDays ?? 0) - (a.runDays ?? 0));
  for (const event of ordered) {
    const runDays = event.runDays ?? 7;
    // Long runs opened a while ago and outlast the window; short fairs open within it.
    const runStart = runDays > DAYS ? -ctx.rng.int(1, runDays - DAYS) : ctx.rng.int(0, DAYS - runDays);
    const days = sessionDays(runStart, runDays);
    const time = event.durationMinutes >= 600 ? "10:00" : "11:00";
    const prices = liveTiers("EXHIBITION", Boolean(event.star), ctx.rng);
    const local = halls.filter((h) => event.cities?.includes(h.cityId));
    for (const hall of [...local, ...halls]) {
      if (!days.every((d) => ctx.isFree(hall, event, ctx.date(hall, d), time))) continue;
      for (const d of days) {
        const language = event.languages[0] as string;
        ctx.tryBook(hall, event, ctx.date(hall, d), time, { language, format: "Live", prices: showPrices(prices, hall.seatTypes) }, d < 0);
      }
      const first = ctx.date(hall, 0);
      runs.set(event.id, { start: addDays(first, runStart), end: addDays(first, runStart + runDays - 1) });
      break;
    }
  }
  return runs;
}
