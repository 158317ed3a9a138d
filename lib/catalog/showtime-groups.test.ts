import { describe, expect, it } from "vitest";
import { groupByVenue, matchesShowFilter, showFilterOptions } from "./showtime-groups";
import type { Showtime, VenueShowtimes } from "./showtimes";

const venue = (id: string, name: string) => ({ id, name, slug: id, address: `${name} Road`, cityId: "mumbai", timeZone: "Asia/Kolkata" });
const show = (id: string, language: string | null, format: string | null): Showtime => ({
  id,
  startsAt: new Date("2026-12-12T13:30:00Z"),
  endsAt: new Date("2026-12-12T16:00:00Z"),
  language,
  format,
  minPriceMinor: 20_000,
  maxPriceMinor: 45_000,
  currency: "INR",
  availableSeats: 100,
  totalSeats: 120,
  onSaleAt: null,
});
const hall = (v: ReturnType<typeof venue>, name: string, shows: Showtime[]): VenueShowtimes => ({ venue: v, section: { id: `${v.id}-${name}`, name, admission: "SEATED" }, shows });

describe("show times on the event page", () => {
  it("puts a venue's halls under one heading, keeping the order of venues and halls", () => {
    const pvr = venue("pvr", "PVR Phoenix");
    const inox = venue("inox", "INOX Nariman Point");
    const groups = groupByVenue([
      hall(inox, "Screen 1", [show("a", "Hindi", "2D")]),
      hall(pvr, "Audi 2", [show("b", "Hindi", "2D")]),
      hall(pvr, "IMAX", [show("c", "English", "IMAX 3D"), show("d", "Hindi", "IMAX 3D")]),
      hall(inox, "Screen 3", [show("e", "English", "2D")]),
    ]);
    expect(groups.map((g) => g.venue.name)).toEqual(["INOX Nariman Point", "PVR Phoenix"]);
    expect(groups.map((g) => g.halls.map((h) => h.section.name))).toEqual([
      ["Screen 1", "Screen 3"],
      ["Audi 2", "IMAX"],
    ]);
    expect(groups[1]!.halls[1]!.shows.map((s) => s.id)).toEqual(["c", "d"]);
    expect(groupByVenue([])).toEqual([]);
  });

  it("offers each language and format once, most shows first, as the shows spell them", () => {
    const shows = [show("a", "Hindi", "2D"), show("b", "English", "IMAX 3D"), show("c", "hindi", "2D"), show("d", null, "IMAX 3D"), show("e", "Tamil", null), show("f", "English", "2D"), show("g", "HINDI", null)];
    expect(showFilterOptions(shows)).toEqual({ languages: ["Hindi", "English", "Tamil"], formats: ["2D", "IMAX 3D"] });
    // A tie goes by name.
    expect(showFilterOptions([show("a", "Tamil", "4DX"), show("b", "Bengali", "2D")])).toEqual({ languages: ["Bengali", "Tamil"], formats: ["2D", "4DX"] });
    expect(showFilterOptions([])).toEqual({ languages: [], formats: [] });
  });

  it("filters by language and format regardless of case, both at once", () => {
    const imaxHindi = show("a", "Hindi", "IMAX 3D");
    expect(matchesShowFilter(imaxHindi, {})).toBe(true);
    expect(matchesShowFilter(imaxHindi, { language: "hindi" })).toBe(true);
    expect(matchesShowFilter(imaxHindi, { format: "imax 3d" })).toBe(true);
    expect(matchesShowFilter(imaxHindi, { language: "Hindi", format: "2D" })).toBe(false);
    expect(matchesShowFilter(imaxHindi, { language: "English" })).toBe(false);
    // A show with no language listed is not "Hindi".
    expect(matchesShowFilter(show("b", null, "2D"), { language: "Hindi" })).toBe(false);
    expect(matchesShowFilter(show("b", null, "2D"), { format: "2D" })).toBe(true);
  });
});
