// Show times as the event page lays them out: one heading per venue with its halls' times under
// it (a multiplex's six screens are one venue, not six), and the language/format chips that filter
// them. Pure, so the layout rules are tested without a database.
import type { Showtime, VenueShowtimes } from "./showtimes";

export type HallShowtimes = Pick<VenueShowtimes, "section" | "shows">;
export type VenueGroup = { venue: VenueShowtimes["venue"]; halls: HallShowtimes[] };

/** Halls (sections) grouped under their venue, venues and halls in the order given. */
export function groupByVenue(sections: readonly VenueShowtimes[]): VenueGroup[] {
  const groups = new Map<string, VenueGroup>();
  for (const { venue, section, shows } of sections) {
    let g = groups.get(venue.id);
    if (!g) groups.set(venue.id, (g = { venue, halls: [] }));
    g.halls.push({ section, shows });
  }
  return [...groups.values()];
}

/** `?language=` and `?format=`: matched without regard to case ("hindi" is "Hindi"). */
export type ShowFilter = { language?: string; format?: string };

const same = (a: string | null, b: string | undefined) => b === undefined || (a !== null && a.toLowerCase() === b.toLowerCase());

export function matchesShowFilter(show: Pick<Showtime, "language" | "format">, filter: ShowFilter): boolean {
  return same(show.language, filter.language) && same(show.format, filter.format);
}

/**
 * The chips on offer: each language and format the shows have, most shows first then by name,
 * spelled as the shows spell them. A show without one adds nothing to that list.
 */
export function showFilterOptions(shows: readonly Pick<Showtime, "language" | "format">[]): { languages: string[]; formats: string[] } {
  const tally = (pick: (s: Pick<Showtime, "language" | "format">) => string | null) => {
    const counts = new Map<string, { label: string; n: number }>();
    for (const s of shows) {
      const v = pick(s);
      if (!v) continue;
      const c = counts.get(v.toLowerCase());
      if (c) c.n++;
      else counts.set(v.toLowerCase(), { label: v, n: 1 });
    }
    return [...counts.values()].sort((a, b) => b.n - a.n || a.label.localeCompare(b.label)).map((c) => c.label);
  };
  return { languages: tally((s) => s.language), formats: tally((s) => s.format) };
}
