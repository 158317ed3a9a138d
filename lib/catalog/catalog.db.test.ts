import { httpStatus } from "@/lib/http/errors";
import { beforeAll, describe, expect, it } from "vitest";
import { listEvents } from "./events";
import { getEventShowtimes } from "./showtimes";
import { listVenues } from "./venues";
import { eventFiltersSchema } from "./filters";
import { autocomplete, searchEvents } from "@/lib/catalog/search";
import { AppError } from "@/lib/errors";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { zonedTimeToInstant, zonedYmd, addDays } from "@/lib/time/zone";

const filters = (input: Record<string, unknown>) => eventFiltersSchema.parse(input);
const now = new Date();
const today = zonedYmd(now, "Asia/Kolkata");
const at = (daysAhead: number, hh: number) => zonedTimeToInstant(addDays(today, daysAhead), hh, 0, "Asia/Kolkata");

describe("event listing", () => {
  let city: Awaited<ReturnType<typeof createCity>>;
  let other: Awaited<ReturnType<typeof createCity>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    city = await createCity();
    other = await createCity();
    const { venue, section } = await createVenue(city.id);
    const far = await createVenue(other.id);
    const mk = async (key: string, over: Parameters<typeof createEvent>[0]) => (ids[key] = (await createEvent(over)).id);
    await mk("popularMovie", { title: "Popular Movie", popularity: 900, languages: ["Hindi", "English"] });
    await mk("concert", { title: "Big Concert", category: "CONCERT", popularity: 500 });
    await mk("elsewhere", { title: "Only Elsewhere", popularity: 800 });
    await mk("past", { title: "Already Happened", popularity: 700 });
    await mk("cancelled", { title: "Cancelled Show", popularity: 650 });
    await mk("draft", { title: "Draft Event", popularity: 999, status: "DRAFT" });
    await mk("cheap", { title: "Cheap Comedy", category: "COMEDY", popularity: 100 });

    await createShow({ eventId: ids.popularMovie!, venue, sectionId: section.id, startsAt: at(2, 19), language: "Hindi" });
    await createShow({ eventId: ids.popularMovie!, venue, sectionId: section.id, startsAt: at(3, 13), language: "English" });
    await createShow({ eventId: ids.concert!, venue, sectionId: section.id, startsAt: at(2, 21), prices: { REGULAR: 150000, PREMIUM: 500000 } });
    await createShow({ eventId: ids.elsewhere!, venue: far.venue, sectionId: far.section.id, startsAt: at(2, 19) });
    await createShow({ eventId: ids.past!, venue, sectionId: section.id, startsAt: hoursFromNow(-3) });
    await createShow({ eventId: ids.cancelled!, venue, sectionId: section.id, startsAt: at(4, 19), status: "CANCELLED" });
    await createShow({ eventId: ids.draft!, venue, sectionId: section.id, startsAt: at(4, 10) });
    await createShow({ eventId: ids.cheap!, venue, sectionId: section.id, startsAt: at(5, 21), prices: { REGULAR: 9900 } });
  });

  it("lists only published events with upcoming scheduled shows in the city, most popular first", async () => {
    const page = await listEvents(filters({ city: city.id }), { now });
    expect(page.items.map((e) => e.title)).toEqual(["Popular Movie", "Big Concert", "Cheap Comedy"]);
    expect(page.items[0]!.minPriceMinor).toBe(20000);
    expect(page.items[0]!.nextShowAt.getTime()).toBe(at(2, 19).getTime());
  });

  it("filters by category, language, date and price", async () => {
    const titles = async (f: Record<string, unknown>) => (await listEvents(filters({ city: city.id, ...f }), { now })).items.map((e) => e.title);
    expect(await titles({ category: "concerts" })).toEqual(["Big Concert"]);
    expect(await titles({ category: ["CONCERT", "COMEDY"] })).toEqual(["Big Concert", "Cheap Comedy"]);
    expect(await titles({ language: "english" })).toEqual(["Popular Movie", "Big Concert", "Cheap Comedy"]);
    expect(await titles({ date: addDays(today, 3) })).toEqual(["Popular Movie"]);
    expect(await titles({ date: addDays(today, 6) })).toEqual([]);
    expect(await titles({ maxPrice: 10000 })).toEqual(["Cheap Comedy"]);
    expect(await titles({ minPrice: 400000 })).toEqual(["Big Concert"]);
    expect(await titles({ q: "concrt" })).toEqual(["Big Concert"]);
  });

  it("uses the show's language for the card's next show and price", async () => {
    const [card] = (await listEvents(filters({ city: city.id, language: "English", category: "MOVIE" }), { now })).items;
    expect(card!.nextShowAt.getTime()).toBe(at(3, 13).getTime());
  });

  it("paginates with a keyset cursor without repeats or gaps", async () => {
    const first = await listEvents(filters({ city: city.id, limit: 2 }), { now });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const second = await listEvents(filters({ city: city.id, limit: 2, cursor: first.nextCursor }), { now });
    expect(second.items.map((e) => e.title)).toEqual(["Cheap Comedy"]);
    expect(second.nextCursor).toBeNull();
  });

  it("rejects a forged cursor and an unknown city with 400 codes", async () => {
    await expect(listEvents(filters({ cursor: "bm9wZQ" }), { now })).rejects.toMatchObject({ code: "INVALID_CURSOR" });
    const err = await listEvents(filters({ city: "atlantis" }), { now }).catch((e: AppError) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(httpStatus((err as AppError).code)).toBe(400);
  });

  it("validates filter values", () => {
    expect(eventFiltersSchema.safeParse({ category: "opera" }).success).toBe(false);
    expect(eventFiltersSchema.safeParse({ date: "2026-02-31x" }).success).toBe(false);
    expect(eventFiltersSchema.safeParse({ minPrice: "500", maxPrice: "100" }).success).toBe(false);
    expect(eventFiltersSchema.safeParse({ minPrice: "12.5" }).success).toBe(false);
    expect(eventFiltersSchema.safeParse({ date: "weekend", category: "movies" }).success).toBe(true);
  });

  it("groups an event's show times by venue for the first day with shows", async () => {
    const st = await getEventShowtimes(ids.popularMovie!, { city: city.id, now });
    expect(st.dates).toEqual([addDays(today, 2), addDays(today, 3)]);
    expect(st.date).toBe(addDays(today, 2));
    expect(st.venues).toHaveLength(1);
    expect(st.venues[0]!.shows).toHaveLength(1);
    expect(st.venues[0]!.shows[0]!).toMatchObject({ language: "Hindi", availableSeats: 12, totalSeats: 12 });
    const day3 = await getEventShowtimes(ids.popularMovie!, { city: city.id, date: addDays(today, 3), now });
    expect(day3.venues[0]!.shows[0]!.language).toBe("English");
    const elsewhere = await getEventShowtimes(ids.popularMovie!, { city: other.id, now });
    expect(elsewhere.venues).toEqual([]);
  });

  it("filters an event's show times by language, offering every language playing", async () => {
    const english = await getEventShowtimes(ids.popularMovie!, { city: city.id, now, language: "english" });
    expect(english.dates).toEqual([addDays(today, 3)]);
    expect(english.date).toBe(addDays(today, 3));
    expect(english.venues.flatMap((v) => v.shows.map((s) => s.language))).toEqual(["English"]);
    expect(english).toMatchObject({ playing: true, languages: ["English", "Hindi"] });
    // A language nothing plays in: no dates, but the event still plays here.
    const tamil = await getEventShowtimes(ids.popularMovie!, { city: city.id, now, language: "Tamil" });
    expect(tamil).toMatchObject({ dates: [], date: null, venues: [], playing: true });
    const elsewhere = await getEventShowtimes(ids.popularMovie!, { city: other.id, now });
    expect(elsewhere).toMatchObject({ playing: false, languages: [], formats: [] });
  });
});

describe("venues", () => {
  it("lists a city's venues and the nearest ones to a point within a radius", async () => {
    const c = await createCity();
    const near = await createVenue(c.id, { name: "Near Hall", lat: 12.9716, lng: 77.5946 });
    await createVenue(c.id, { name: "Mid Hall", lat: 13.0, lng: 77.6 }); // ~3.2 km
    await createVenue(c.id, { name: "Far Hall", lat: 13.5, lng: 78.2 }); // ~88 km
    expect((await listVenues({ city: c.id, radiusKm: 25, limit: 50 })).map((v) => v.name)).toEqual(["Far Hall", "Mid Hall", "Near Hall"]);
    const nearest = await listVenues({ lat: 12.97, lng: 77.59, radiusKm: 10, limit: 50 });
    expect(nearest.map((v) => v.name)).toEqual(["Near Hall", "Mid Hall"]);
    expect(nearest[0]!.distanceKm).toBeLessThan(1);
    expect(nearest[1]!.distanceKm).toBeGreaterThan(2.5);
    expect(nearest[0]!.id).toBe(near.venue.id);
    expect(nearest[0]!.seats).toBe(12);
  });
});

describe("search", () => {
  beforeAll(async () => {
    await createEvent({ title: "Avengers: Endgame", popularity: 950, description: "The Avengers assemble once more." });
    await createEvent({ title: "Avatar: The Way of Water", popularity: 800 });
    await createEvent({ title: "The Comedy Store Live", category: "COMEDY", popularity: 300 });
    await createEvent({ title: "Hidden Draft Avengers", status: "DRAFT", popularity: 999 });
    // Shares more trigrams with "avangers" than "Avengers" does, and is more popular.
    await createEvent({ title: "Hockey League: Kolkata Rangers vs Punjab", category: "SPORTS", popularity: 5000 });
  });

  it("is typo tolerant", async () => {
    const hits = await searchEvents({ query: "avangers" });
    expect(hits[0]?.title).toBe("Avengers: Endgame");
    expect(hits.findIndex((h) => h.title.includes("Rangers"))).not.toBe(0);
    expect(hits.some((h) => h.title.includes("Draft"))).toBe(false);
    expect((await searchEvents({ query: "endgme avengrs" }))[0]?.title).toBe("Avengers: Endgame");
  });

  it("matches whole words and prefixes exactly", async () => {
    expect((await searchEvents({ query: "comedy store" })).map((h) => h.title)).toContain("The Comedy Store Live");
    expect(await searchEvents({ query: "zzqqxx" })).toEqual([]);
    expect(await searchEvents({ query: "!!! ''' &&" })).toEqual([]);
  });

  it("autocompletes title prefixes, most popular first", async () => {
    expect((await autocomplete({ prefix: "av", limit: 5 })).map((s) => s.title).slice(0, 2)).toEqual(["Avengers: Endgame", "Avatar: The Way of Water"]);
    expect((await autocomplete({ prefix: "way of", limit: 5 })).map((s) => s.title)).toEqual(["Avatar: The Way of Water"]);
    expect(await autocomplete({ prefix: "(:*&|!", limit: 5 })).toEqual([]);
  });
});
