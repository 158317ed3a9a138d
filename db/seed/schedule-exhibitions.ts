// Exhibitions sell timed entry: every day of the run the hall opens at 10:00 (or 11:00) and
// admits visitors in 30-minute slots until an hour before closing, each slot a show with the
// hall's timed-entry allowance. A run holds its hall for the whole of its opening hours.
import type { EventPlan } from "./events";
import { liveTiers, showPrices, zonePrices } from "./pricing";
import { addDays } from "./time";
import { DAYS, type ScheduleContext, type Stage } from "./schedule-context";

export type Run = { start: string; end: string };

/** Minutes between two timed-entry slots. */
export const SLOT_MINUTES = 30;

/** Days of the run that fall inside the seeded window, including yesterday (a past session). */
function sessionDays(runStart: number, runDays: number): number[] {
  const days: number[] = [];
  for (let d = Math.max(runStart, -1); d < Math.min(runStart + runDays, DAYS); d++) days.push(d);
  return days;
}

/** Slot start times ("10:00", "10:30", …) from opening until an hour before the hall closes. */
export function slotTimes(opening: string, openMinutes: number): string[] {
  const [h, m] = opening.split(":").map(Number) as [number, number];
  const times: string[] = [];
  for (let t = h * 60 + m; t <= h * 60 + m + openMinutes - 60; t += SLOT_MINUTES) {
    times.push(`${String(Math.floor(t / 60)).padStart(2, "0")}:${String(t % 60).padStart(2, "0")}`);
  }
  return times;
}

export function scheduleExhibitions(ctx: ScheduleContext, halls: Stage[], events: EventPlan[]): Map<string, Run> {
  const runs = new Map<string, Run>();
  const ordered = [...events].sort((a, b) => (b.runDays ?? 0) - (a.runDays ?? 0));
  for (const event of ordered) {
    const runDays = event.runDays ?? 7;
    // Long runs opened a while ago and outlast the window; short fairs open within it.
    const runStart = runDays > DAYS ? -ctx.rng.int(1, runDays - DAYS) : ctx.rng.int(0, DAYS - runDays);
    const days = sessionDays(runStart, runDays);
    const opening = event.durationMinutes >= 600 ? "10:00" : "11:00";
    const tiers = liveTiers("EXHIBITION", Boolean(event.star), ctx.rng);
    const local = halls.filter((h) => event.cities?.includes(h.cityId));
    for (const hall of [...local, ...halls]) {
      if (!days.every((d) => ctx.isFree(hall, event, ctx.date(hall, d), opening))) continue;
      const language = event.languages[0] as string;
      const details = { language, format: "Timed entry", prices: showPrices(tiers, hall.seatTypes), zonePrices: zonePrices(tiers, hall.zones), minutes: SLOT_MINUTES };
      for (const d of days) {
        // Yesterday's slots stay as past sessions; today's that have begun are not sold (tryBook).
        for (const time of slotTimes(opening, event.durationMinutes)) ctx.tryBook(hall, event, ctx.date(hall, d), time, details, d < 0);
      }
      const first = ctx.date(hall, 0);
      runs.set(event.id, { start: addDays(first, runStart), end: addDays(first, runStart + runDays - 1) });
      break;
    }
  }
  return runs;
}
