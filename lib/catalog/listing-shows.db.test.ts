// listing_shows (migration 0018) is the listing's copy of scheduled shows, kept by triggers on
// shows and events. These tests change shows and events the way the app and staff do and check
// that the listing follows.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { databaseKind, db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { addDays, zonedTimeToInstant, zonedYmd } from "@/lib/time/zone";
import { listEvents } from "./events";
import { pruneListing } from "./listing-prune";
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
    expect(await w.list({ date: addDays(today, -1) })).toEqual([]); // a day already over
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

  it("prunes copies of shows that began over an hour ago, and a later edit copies a show back", async () => {
    const w = await world();
    const event = await createEvent();
    const past = await w.show(event.id, hoursFromNow(-2));
    const recent = await w.show(event.id, hoursFromNow(-0.5));
    const coming = await w.show(event.id, at(2, 19));
    const copied = async () =>
      (await queryRows<{ id: string }>(db, sql`SELECT show_id AS id FROM listing_shows WHERE event_id = ${event.id}::uuid`)).map((r) => r.id).sort();
    expect(await copied()).toEqual([past.id, recent.id, coming.id].sort());
    // Other files' fixtures may be due too: prune until nothing is left to prune.
    while ((await pruneListing(db, 2)).pruned > 0);
    expect(await copied()).toEqual([recent.id, coming.id].sort());
    expect((await w.list()).map((e) => e.nextShowAt.getTime())).toEqual([at(2, 19).getTime()]);
    await db.execute(sql`UPDATE shows SET starts_at = ${at(1, 9).toISOString()}::timestamptz, ends_at = ${at(1, 11).toISOString()}::timestamptz WHERE id = ${past.id}::uuid`);
    expect(await copied()).toEqual([past.id, recent.id, coming.id].sort());
    expect((await w.list()).map((e) => e.nextShowAt.getTime())).toEqual([at(1, 9).getTime()]);
  });

  it.skipIf(databaseKind() !== "postgres")("an event update racing a show being added is not lost (Postgres)", async () => {
    const w = await world();
    const event = await createEvent({ popularity: 1 });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const insertedYet = new Promise<void>((r) => (inserted = r));
    // A show is added in a transaction that stays open while the event's popularity changes.
    const adding = db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO shows (event_id, section_id, venue_id, city_id, starts_at, ends_at, min_price_minor, max_price_minor)
        SELECT ${event.id}::uuid, s.id, s.venue_id, v.city_id, ${at(2, 19).toISOString()}::timestamptz, ${at(2, 21).toISOString()}::timestamptz, 100, 100
        FROM sections s JOIN venues v ON v.id = s.venue_id WHERE v.city_id = ${w.city.id} LIMIT 1`);
      inserted();
      await held;
    });
    await insertedYet;
    const updating = db.execute(sql`UPDATE events SET popularity = 77 WHERE id = ${event.id}::uuid`);
    await new Promise((r) => setTimeout(r, 200)); // the update is waiting on the insert's lock
    release();
    await Promise.all([adding, updating]);
    const rows = await queryRows<{ p: number }>(db, sql`SELECT popularity AS p FROM listing_shows WHERE event_id = ${event.id}::uuid`);
    expect(rows.map((r) => r.p)).toEqual([77]);
  });
});
