import { beforeAll, describe, expect, it } from "vitest";
import { callRoute } from "@/lib/testing/route-call";
import { GET as listEvents } from "./events/route";
import { GET as search } from "./events/search/route";
import { GET as autocomplete } from "./events/autocomplete/route";
import { GET as getEvent } from "./events/[eventId]/route";
import { GET as eventShows } from "./events/[eventId]/shows/route";
import { GET as venues } from "./venues/route";
import { GET as show } from "./shows/[showId]/route";
import { GET as pricing } from "./shows/[showId]/pricing/route";
import { GET as unknownPath } from "./[...path]/route";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";

const call = callRoute;

describe("catalog API", () => {
  let cityId = "";
  let eventId = "";
  let eventSlug = "";
  let showId = "";

  beforeAll(async () => {
    const city = await createCity();
    cityId = city.id;
    const { venue, section } = await createVenue(city.id);
    const event = await createEvent({ title: "Interstellar", popularity: 10 });
    eventId = event.id;
    eventSlug = event.slug;
    showId = (await createShow({ eventId, venue, sectionId: section.id, startsAt: hoursFromNow(30), prices: { REGULAR: 25000, PREMIUM: 40000 } })).id;
  });

  it("lists events with items and a cursor", async () => {
    const { status, body } = await call(listEvents, `/api/v1/events?city=${cityId}&category=movies`);
    expect(status).toBe(200);
    expect(body.items.map((e: { id: string }) => e.id)).toEqual([eventId]);
    expect(body.items[0].minPriceMinor).toBe(25000);
    expect(body.nextCursor).toBeNull();
  });

  it.each([
    ["/api/v1/events?category=opera", "category"],
    ["/api/v1/events?date=tomorrowish", "date"],
    ["/api/v1/events?minPrice=abc", "minPrice"],
    ["/api/v1/events?limit=5000", "limit"],
    ["/api/v1/events?city=Not%20A%20Slug!", "city"],
  ])("answers %s with 400 VALIDATION_FAILED naming the field", async (path, field) => {
    const { status, body } = await call(listEvents, path);
    expect(status).toBe(400);
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(body.error.details.fieldErrors)).toContain(field);
  });

  it("rejects a forged cursor and an unknown city with 400, never 500", async () => {
    expect((await call(listEvents, "/api/v1/events?cursor=%7B%7D")).body.error.code).toBe("INVALID_CURSOR");
    const unknownCity = await call(listEvents, "/api/v1/events?city=atlantis");
    expect(unknownCity.status).toBe(400);
    expect(unknownCity.body.error.details.fieldErrors.city).toBeDefined();
  });

  it("searches and autocompletes, and requires the query", async () => {
    expect((await call(search, "/api/v1/events/search?query=intersteller")).body.items[0].id).toBe(eventId);
    expect((await call(autocomplete, "/api/v1/events/autocomplete?prefix=inter&limit=3")).body.suggestions[0].title).toBe("Interstellar");
    expect((await call(search, "/api/v1/events/search")).status).toBe(400);
    // The chosen city must be a real one: a typo in it is the caller's mistake, not an empty answer.
    expect((await call(search, "/api/v1/events/search?query=interstellar&city=atlantis")).body.error.code).toBe("VALIDATION_FAILED");
    expect((await call(search, "/api/v1/events/search?query=interstellar&city=no%20such")).status).toBe(400);
    expect((await call(autocomplete, "/api/v1/events/autocomplete?prefix=inter&city=atlantis")).status).toBe(400);
    const inCity = await call(search, `/api/v1/events/search?query=interstellar&city=${cityId}`);
    expect(inCity.body.items[0]).toMatchObject({ id: eventId, inCity: true, cities: [cityId] });
    expect((await call(autocomplete, "/api/v1/events/autocomplete?prefix=")).status).toBe(400);
  });

  it("gets an event by id or slug, 404 otherwise, and its shows by venue", async () => {
    expect((await call(getEvent, `/api/v1/events/${eventId}`, { eventId })).body.event.title).toBe("Interstellar");
    const bySlug = await call(getEvent, `/api/v1/events/${eventSlug}`, { eventId: eventSlug });
    expect(bySlug.body.event.id).toBe(eventId);
    expect(bySlug.body.event.searchVector).toBeUndefined();
    expect(bySlug.body.event.nameVector).toBeUndefined();
    const missing = await call(getEvent, "/api/v1/events/nope", { eventId: "00000000-0000-0000-0000-000000000000" });
    expect(missing).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
    expect((await call(getEvent, "/x", { eventId: "bad id;" })).status).toBe(400);
    const shows = await call(eventShows, `/api/v1/events/${eventId}/shows?city=${cityId}`, { eventId });
    expect(shows.body.venues[0].shows[0].id).toBe(showId);
    expect((await call(eventShows, `/api/v1/events/${eventId}/shows?date=2026-13-45`, { eventId })).status).toBe(400);
    // Language and format filters: the chips' options come whatever the filter, the times narrow.
    expect(shows.body).toMatchObject({ playing: true, formats: ["2D"] });
    const in2d = await call(eventShows, `/api/v1/events/${eventId}/shows?city=${cityId}&format=2d`, { eventId });
    expect(in2d.body.venues[0].shows[0].id).toBe(showId);
    const inImax = await call(eventShows, `/api/v1/events/${eventId}/shows?city=${cityId}&format=IMAX%203D`, { eventId });
    expect(inImax.body).toMatchObject({ playing: true, dates: [], venues: [], formats: ["2D"] });
    const bad = await call(eventShows, `/api/v1/events/${eventId}/shows?language=%3Cscript%3E`, { eventId });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
    expect((await call(eventShows, `/api/v1/events/${eventId}/shows?format=${"x".repeat(40)}`, { eventId })).status).toBe(400);
  });

  it("gets a show and its pricing; a malformed id is 400 and an unknown one 404", async () => {
    const s = await call(show, `/api/v1/shows/${showId}`, { showId });
    expect(s.body.show.event.id).toBe(eventId);
    const p = await call(pricing, `/api/v1/shows/${showId}/pricing`, { showId });
    expect(p.body.prices).toEqual([
      { seatType: "PREMIUM", priceMinor: 40000, seats: 4, available: 4 },
      { seatType: "REGULAR", priceMinor: 25000, seats: 8, available: 8 },
    ]);
    expect((await call(show, "/x", { showId: "42" })).status).toBe(400);
    expect((await call(show, "/x", { showId: "00000000-0000-4000-8000-000000000000" })).status).toBe(404);
  });

  it("finds venues by city or nearest to a point, and validates the point", async () => {
    expect((await call(venues, `/api/v1/venues?city=${cityId}`)).body.items).toHaveLength(1);
    expect((await call(venues, "/api/v1/venues?lat=19.07&lng=72.87&radiusKm=1")).body.items.length).toBeGreaterThan(0);
    expect((await call(venues, "/api/v1/venues?lat=91&lng=0")).status).toBe(400);
    expect((await call(venues, "/api/v1/venues?lat=19")).status).toBe(400);
    expect((await call(venues, "/api/v1/venues")).status).toBe(400);
  });

  it("answers unknown API paths with a JSON 404", async () => {
    expect(await call(unknownPath, "/api/v1/nope")).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
  });
});
