// Seed-side helpers over lib/time/zone (the one implementation of venue-local time).
import { addDays, weekday, zonedTimeToInstant, zonedYmd } from "@/lib/time/zone";

export { addDays, weekday };

/** "YYYY-MM-DD" of `instant` in `timeZone`. */
export const localDate = zonedYmd;

export function isWeekend(date: string): boolean {
  const d = weekday(date);
  return d === 0 || d === 5 || d === 6; // Friday nights sell like weekends
}

/** The instant at which the wall clock in `timeZone` reads `date` `time` ("HH:MM"). */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  return zonedTimeToInstant(date, hh, mm, timeZone);
}

export function addMinutes(instant: Date, minutes: number): Date {
  return new Date(instant.getTime() + minutes * 60_000);
}
