import { describe, expect, it } from "vitest";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { getVenue, getVenueSchedule } from "./venue-schedule";

describe("venue schedule", () => {
  it("finds a venue by slug or id, and 404s the unknown", async () => {
    const city = await createCity();
    const { venue } = await createVenue(city.id);
    expect((await getVenue(venue.slug)).id).toBe(venue.id);
    expect((await getVenue(venue.id)).cityName).toBe(city.name);
    await expect(getVenue("no-such-venue")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("groups the next two weeks' scheduled shows of published events by event, most popular first", async () => {
    const city = await createCity();
    const { venue, section } = await createVenue(city.id);
    const other = await createVenue(city.id);
    const hit = await createEvent({ title: "Hit", popularity: 900 });
    const niche = await createEvent({ title: "Niche", popularity: 5 });
    const draft = await createEvent({ title: "Draft", popularity: 9999, status: "DRAFT" });
    const at = (eventId: string, hours: number, status?: "SCHEDULED" | "CANCELLED", where = { venue, sectionId: section.id }) =>
      createShow({ eventId, venue: where.venue, sectionId: where.sectionId, startsAt: hoursFromNow(hours), status });
    const first = await at(niche.id, 3);
    const second = await at(hit.id, 50);
    const third = await at(hit.id, 26);
    await at(hit.id, -3); // started already
    await at(hit.id, 24 * 15); // beyond two weeks
    await at(hit.id, 30, "CANCELLED");
    await at(draft.id, 30);
    await at(niche.id, 40, undefined, { venue: other.venue, sectionId: other.section.id });

    const schedule = await getVenueSchedule(venue.id);
    expect(schedule.map((e) => [e.event.title, e.shows.map((s) => s.id)])).toEqual([
      ["Hit", [third.id, second.id]],
      ["Niche", [first.id]],
    ]);
    expect(schedule[0]!.shows[0]).toMatchObject({ hall: section.name, minPriceMinor: 20000, currency: "INR" });
    expect(schedule[0]!.shows[0]!.startsAt).toBeInstanceOf(Date);
  });
});
