// listing_shows (migration 0018) is the listing's copy of scheduled shows, kept by triggers on
// shows and events. These tests change shows and events the way the app and staff do and check
// that the listing follows.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { createCity, createEvent, createShow, createVenue } from "@/lib/testing/fixtures";
import { addDays, zonedTimeToInstant, zonedYmd } from "@/lib/time/zone";
import { listEvents } from "./events";
import { eventFiltersSchema } from "./filters";

const filters = (input: Record<string, unknown>) => eventFiltersSchema.parse(input);
const KOLKATA = "Asia/Kolkata";
const now = new Date();
const today = zonedYmd(now, KOLKATA);
const at = (daysAhead: number, hh: number, mm = 0, tz = KOLKATA) => zonedTimeToInstant(addDays(zonedYmd(now, tz), daysAhead), hh, mm, tz);

async function world(timeZone = KOLKATA) {
  const city = await createCity({ timeZone });
  const { venue, section } = await createVenue(city.id);
  const show = (eventId: string, startsAt: Date, over: Partial<Parameters<typeof createShow>[0]> = {}) =>
    createShow({ eventId, venue: { id: venue.id, cityId: city.id }, sectionId: section.id, startsAt, ...over });
  const list = async (f: Record<string, unknown> = {}, when = now) => (await listEvents(filters({ city: city.id, ...f }), { now: when })).items;
  return { city, show, list };
}

describe("listing_shows maintenance", () => {
  it("follows shows being added, cancelled, rescheduled and repriced", async () => {
    const w = await world();
    const event = await createEvent({ popularity: 10 });
    expect(await w.list()).toEqual([]);

    const first = await w.show(event.id, at(3, 19), { prices: { REGULAR: 50000 } });
    let [card] = await w.list();
    expect(card).toMatchObject({ id: event.id, minPriceMinor: 50000 });
    expect(card!.nextShowAt.getTime()).toBe(at(3, 19).getTime());

    // Added: an earlier, cheaper show becomes the card's next show and price.
    const second = await w.show(event.id, at(2, 13), { prices: { REGULAR: 30000 } });
    [card] = await w.list();
    expect(card!.nextShowAt.getTime()).toBe(at(2, 13).getTime());
    expect(card!.minPriceMinor).toBe(30000);
    expect((await w.list({ date: addDays(today, 2) })).map((e) => e.id)).toEqual([event.id]);

    // Rescheduled: the show moves to day 4, so day 2 is empty and day 4 lists it.
    await db.execute(sql`UPDATE shows SET starts_at = ${at(4, 10).toISOString()}::timestamptz, ends_at = ${at(4, 12).toISOString()}::timestamptz WHERE id = ${second.id}::uuid`);
    expect(await w.list({ date: addDays(today, 2) })).toEqual([]);
    expect((await w.list({ date: addDays(today, 4) })).map((e) => e.nextShowAt.getTime())).toEqual([at(4, 10).getTime()]);
    [card] = await w.list();
    expect(card!.nextShowAt.getTime()).toBe(at(3, 19).getTime());

    // Repriced (zone prices change min/max): the price filter follows.
    expect(await w.list({ maxPrice: 20000 })).toEqual([]);
    await db.execute(sql`UPDATE shows SET min_price_minor = 15000, max_price_minor = 15000 WHERE id = ${first.id}::uuid`);
    [card] = await w.list({ maxPrice: 20000 });
    expect(card).toMatchObject({ id: event.id, minPriceMinor: 15000 });
    expect(card!.nextShowAt.getTime()).toBe(at(3, 19).getTime());

    // Cancelled: only the other show is left; with both cancelled the event is gone.
    await db.execute(sql`UPDATE shows SET status = 'CANCELLED' WHERE id = ${first.id}::uuid`);
    [card] = await w.list();
    expect(card!.nextShowAt.getTime()).toBe(at(4, 10).getTime());
    expect(card!.minPriceMinor).toBe(30000);
    await db.execute(sql`UPDATE shows SET status = 'CANCELLED' WHERE id = ${second.id}::uuid`);
    expect(await w.list()).toEqual([]);
    const rows = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM listing_shows WHERE event_id = ${event.id}::uuid`);
    expect(rows[0]!.n).toBe(0);
  });

  it("follows the language filter case-insensitively and a show's language change", async () => {
    const w = await world();
    const event = await createEvent();
    const s = await w.show(event.id, at(2, 19), { language: "Tamil" });
    expect((await w.list({ language: "tamil" })).map((e) => e.id)).toEqual([event.id]);
    await db.execute(sql`UPDATE shows SET language = 'Telugu' WHERE id = ${s.id}::uuid`);
    expect(await w.list({ language: "Tamil" })).toEqual([]);
    expect((await w.list({ language: "TELUGU" })).map((e) => e.id)).toEqual([event.id]);
  });

  it("follows the event's popularity, category and publication", async () => {
    const w = await world();
    const a = await createEvent({ title: "A", popularity: 100 });
    const b = await createEvent({ title: "B", popularity: 50 });
    await w.show(a.id, at(2, 19));
    await w.show(b.id, at(2, 21));
    expect((await w.list()).map((e) => e.title)).toEqual(["A", "B"]);

    await db.execute(sql`UPDATE events SET popularity = 500 WHERE id = ${b.id}::uuid`);
    expect((await w.list()).map((e) => e.title)).toEqual(["B", "A"]);
    // The cursor of the new order pages on without repeating B.
    const first = await listEvents(filters({ city: w.city.id, limit: 1 }), { now });
    const second = await listEvents(filters({ city: w.city.id, limit: 1, cursor: first.nextCursor }), { now });
    expect([...first.items, ...second.items].map((e) => e.title)).toEqual(["B", "A"]);

    await db.execute(sql`UPDATE events SET category = 'CONCERT' WHERE id = ${a.id}::uuid`);
    expect((await w.list({ category: "concerts" })).map((e) => e.title)).toEqual(["A"]);
    expect((await w.list({ category: "movies" })).map((e) => e.title)).toEqual(["B"]);

    await db.execute(sql`UPDATE events SET status = 'DRAFT' WHERE id = ${b.id}::uuid`);
    expect((await w.list()).map((e) => e.title)).toEqual(["A"]);
    await db.execute(sql`UPDATE events SET status = 'PUBLISHED' WHERE id = ${b.id}::uuid`);
    expect((await w.list()).map((e) => e.title)).toEqual(["B", "A"]);
  });

  it("puts a show on its day in the city's own time zone", async () => {
    const tz = "America/New_York";
    const w = await world(tz);
    const late = await createEvent({ title: "Late", popularity: 20 });
    const early = await createEvent({ title: "Early", popularity: 10 });
    const day = addDays(zonedYmd(now, tz), 2);
    await w.show(late.id, zonedTimeToInstant(day, 23, 30, tz)); // 04:30 UTC the next day
    await w.show(early.id, zonedTimeToInstant(addDays(day, 1), 0, 30, tz));
    expect((await w.list({ date: day })).map((e) => e.title)).toEqual(["Late"]);
    expect((await w.list({ date: addDays(day, 1) })).map((e) => e.title)).toEqual(["Early"]);
    const rows = await queryRows<{ day: string }>(db, sql`SELECT local_day::text AS day FROM listing_shows WHERE event_id = ${late.id}::uuid`);
    expect(rows.map((r) => r.day)).toEqual([day]);
  });

  it("does not list a show that already began today, and the card skips it", async () => {
    const w = await world();
    const event = await createEvent();
    const other = await createEvent();
    // A day ahead, as seen at noon: the morning show has begun, the evening one has not.
    const noon = at(5, 12);
    await w.show(event.id, at(5, 10), { prices: { REGULAR: 10000 } });
    await w.show(event.id, at(5, 18), { prices: { REGULAR: 40000 } });
    await w.show(other.id, at(5, 11), { prices: { REGULAR: 10000 } });
    for (const date of ["today", addDays(today, 5)]) {
      const items = await w.list({ date }, noon);
      expect(items.map((e) => e.id)).toEqual([event.id]);
      expect(items[0]!.nextShowAt.getTime()).toBe(at(5, 18).getTime());
      expect(items[0]!.minPriceMinor).toBe(40000);
    }
  });
});
