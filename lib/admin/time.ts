// Times on staff pages are the venue's wall clock with the zone named ("7:30 pm IST"), never the
// server's zone: a show at a Dubai venue reads the same to staff in Mumbai and to its buyers.
import { formatInZone } from "@/lib/time/zone";

const STYLES = {
  /** 6 Dec 2026, 7:30 pm IST */
  short: { day: "numeric", month: "short", year: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" },
  /** Sunday, 6 December 2026, 7:30 pm IST */
  long: { weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" },
  /** 06/12/26, 19:30:05 IST — for histories, where seconds order events */
  stamp: { day: "2-digit", month: "2-digit", year: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZoneName: "short" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export function venueTime(instant: Date | string, timeZone: string, style: keyof typeof STYLES = "short"): string {
  return formatInZone(new Date(instant), timeZone, STYLES[style]);
}
