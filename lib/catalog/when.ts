import { addDays, isYmd, weekday, zonedDayRange, zonedTimeToInstant, zonedYmd } from "@/lib/time/zone";

export const WHEN_PRESETS = ["today", "tomorrow", "weekend"] as const;
export type When = (typeof WHEN_PRESETS)[number] | string; // or "YYYY-MM-DD"

export const isWhen = (s: string) => (WHEN_PRESETS as readonly string[]).includes(s) || isYmd(s);

/**
 * The instants a "when" filter covers in a city's time zone, clipped to start no earlier than
 * `now` (shows that already began are not for sale). No filter means "from now on".
 */
export function whenRange(when: When | undefined, timeZone: string, now = new Date()): { from: Date; to?: Date } {
  if (!when) return { from: now };
  const today = zonedYmd(now, timeZone);
  let range: { from: Date; to: Date };
  if (when === "today") range = zonedDayRange(today, timeZone);
  else if (when === "tomorrow") range = zonedDayRange(addDays(today, 1), timeZone);
  else if (when === "weekend") {
    // Friday evening to Sunday night; on a weekend day, from now to Sunday night.
    const dow = weekday(today);
    const friday = dow === 0 ? addDays(today, -2) : addDays(today, 5 - dow);
    range = { from: zonedTimeToInstant(friday, 17, 0, timeZone), to: zonedDayRange(addDays(friday, 2), timeZone).to };
  } else range = zonedDayRange(when, timeZone);
  return { from: range.from > now ? range.from : now, to: range.to };
}
