// Calendar days and clock times in a venue's time zone, without a date library: Intl knows
// every IANA zone and its DST rules.

const partsFormatter = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string) {
  let f = partsFormatter.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsFormatter.set(timeZone, f);
  }
  return f;
}

function wallClock(instant: Date, timeZone: string) {
  const p = Object.fromEntries(formatter(timeZone).formatToParts(instant).map((x) => [x.type, x.value]));
  return { y: +p.year!, m: +p.month!, d: +p.day!, h: +p.hour!, min: +p.minute!, s: +p.second! };
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds. */
function offsetMs(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s) - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The calendar days the app accepts from outside (listings, schedules, reports, scans). */
export const FIRST_DAY = "2000-01-01";
export const LAST_DAY = "2099-12-31";

/** A real "YYYY-MM-DD" day (not "2026-02-31") between FIRST_DAY and LAST_DAY. */
export function isYmd(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || s < FIRST_DAY || s > LAST_DAY) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** "YYYY-MM-DD" of `instant` as seen in `timeZone`. */
export function zonedYmd(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${w.y}-${String(w.m).padStart(2, "0")}-${String(w.d).padStart(2, "0")}`;
}

/** The instant a local wall-clock time happens in `timeZone` (e.g. 19:30 on a date in Kolkata). */
export function zonedTimeToInstant(ymd: string, hh: number, mm: number, timeZone: string): Date {
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  const first = guess - offsetMs(new Date(guess), timeZone);
  // A second pass settles days where the offset changes (DST) between guess and answer.
  return new Date(guess - offsetMs(new Date(first), timeZone));
}

/** [start, end) of a local calendar day, as instants. */
export function zonedDayRange(ymd: string, timeZone: string): { from: Date; to: Date } {
  return { from: zonedTimeToInstant(ymd, 0, 0, timeZone), to: zonedTimeToInstant(addDays(ymd, 1), 0, 0, timeZone) };
}

export function addDays(ymd: string, days: number): string {
  const t = Date.parse(`${ymd}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, for a calendar date. */
export const weekday = (ymd: string) => new Date(`${ymd}T00:00:00Z`).getUTCDay();

// Building an Intl.DateTimeFormat costs far more than formatting with one (tenths of a ms): keep
// them, per zone and options. Callers use a handful of option sets and venues a handful of zones.
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();
const MAX_ZONE_FORMATTERS = 500;

export function formatInZone(instant: Date, timeZone: string, opts: Intl.DateTimeFormatOptions): string {
  const key = `${timeZone}\u0000${JSON.stringify(opts)}`;
  let f = zoneFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-IN", { timeZone, ...opts }); // throws RangeError on an unknown zone, as before
    if (zoneFormatters.size >= MAX_ZONE_FORMATTERS) zoneFormatters.delete(zoneFormatters.keys().next().value!);
    zoneFormatters.set(key, f);
  }
  return f.format(instant);
}
