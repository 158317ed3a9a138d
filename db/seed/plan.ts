// The whole normal catalog as plain rows, computed in memory from the hand-written data, a seed
// and `now`. Nothing here touches the database.
import type * as schema from "../schema";
import { CITIES, TIME_ZONE, type CitySeed } from "./cities";
import type { Category } from "./data";
import { planEvents, type EventPlan } from "./events";
import { LAYOUTS, type Layout, type LayoutName } from "./layouts";
import { planCredits } from "./people";
import { CINEMA_BASES } from "./pricing";
import { promoRows } from "./promos";
import { Rng } from "./random";
import { scheduleCinemas } from "./schedule-cinemas";
import { ScheduleContext, type ShowPlan, type Stage } from "./schedule-context";
import { scheduleExhibitions, type Run } from "./schedule-exhibitions";
import { scheduleLive } from "./schedule-live";
import { uniqueSlugs } from "./slug";
import { addDays, localDate } from "./time";
import { VENUES } from "./venues";

type Insert<T extends { $inferInsert: unknown }> = T["$inferInsert"];

export type CatalogPlan = {
  cities: Insert<typeof schema.cities>[];
  venues: Insert<typeof schema.venues>[];
  sections: Insert<typeof schema.sections>[];
  seats: Insert<typeof schema.seats>[];
  zones: Insert<typeof schema.zones>[];
  events: Insert<typeof schema.events>[];
  shows: Insert<typeof schema.shows>[];
  showPrices: Insert<typeof schema.showPrices>[];
  showZonePrices: Insert<typeof schema.showZonePrices>[];
  promoCodes: Insert<typeof schema.promoCodes>[];
  people: Insert<typeof schema.people>[];
  eventCredits: Insert<typeof schema.eventCredits>[];
};

export type PlanOptions = { now: Date; seed: number };

function eventDates(event: EventPlan, shows: ShowPlan[], run: Run | undefined, today: string) {
  if (run) return { startDate: run.start, endDate: run.end };
  const dates = shows.map((s) => localDate(s.startsAt, TIME_ZONE)).sort();
  const first = event.releaseDate ?? dates[0] ?? today;
  return { startDate: first, endDate: dates[dates.length - 1] ?? addDays(first, 56) };
}

export function buildCatalog({ now, seed }: PlanOptions): CatalogPlan {
  const rng = new Rng(seed);
  // Ids come from their own stream so adding a row never reshuffles the rest of the catalog.
  const ids = new Rng(seed ^ 0x5eed);
  const plan: CatalogPlan = { cities: [], venues: [], sections: [], seats: [], zones: [], events: [], shows: [], showPrices: [], showZonePrices: [], promoCodes: [], people: [], eventCredits: [] };

  CITIES.forEach((c, i) =>
    plan.cities.push({ id: c.id, name: c.name, state: c.state, timeZone: TIME_ZONE, lat: c.lat, lng: c.lng, sortOrder: (i + 1) * 10 }),
  );

  const layouts = new Map<LayoutName, Layout>();
  const stages: Stage[] = [];
  const cinemaBases = new Map<string, number>();
  const venueSlugs = uniqueSlugs(VENUES.map((v) => v.name));
  VENUES.forEach((v, i) => {
    const venueId = ids.uuid();
    plan.venues.push({ id: venueId, cityId: v.cityId, name: v.name, slug: venueSlugs[i] as string, address: v.address, lat: v.lat, lng: v.lng, timeZone: TIME_ZONE });
    for (const [name, layoutName] of v.sections) {
      const layout = layouts.get(layoutName) ?? LAYOUTS[layoutName]();
      layouts.set(layoutName, layout);
      const sectionId = ids.uuid();
      plan.sections.push({ id: sectionId, venueId, name, kind: layout.kind, rowCount: layout.rowCount, colCount: layout.colCount, stageLabel: layout.stageLabel });
      for (const seat of layout.seats) plan.seats.push({ id: ids.uuid(), sectionId, ...seat });
      const seatTypes = [...new Set(layout.seats.map((s) => s.type))];
      // A zone's capacity is that many unit rows in seats, as lib/seating/zones.ts addZone makes them.
      const zones = layout.zones.map((z, sortOrder) => {
        const zoneId = ids.uuid();
        plan.zones.push({ id: zoneId, sectionId, name: z.name, kind: z.kind, capacity: z.capacity, sortOrder });
        for (let n = 1; n <= z.capacity; n++) {
          plan.seats.push({ id: ids.uuid(), sectionId, label: `${z.name} #${n}`, rowLabel: z.name, rowIndex: -1, colIndex: n, type: "REGULAR", zoneId });
        }
        return { ...z, id: zoneId };
      });
      stages.push({ sectionId, venueId, cityId: v.cityId, timeZone: TIME_ZONE, layout: layoutName, kind: layout.kind, seatTypes, zones });
      if (layout.kind === "SCREEN" && !cinemaBases.has(venueId)) cinemaBases.set(venueId, rng.pick(CINEMA_BASES));
    }
  });

  const today = localDate(now, TIME_ZONE);
  const events = planEvents(rng, ids, today);
  const byCategory = (...cats: Category[]) => events.filter((e) => cats.includes(e.category));
  const cities = new Map<string, CitySeed>(CITIES.map((c) => [c.id, c]));
  const ctx = new ScheduleContext(now, rng, ids);
  scheduleCinemas(ctx, stages.filter((s) => s.kind === "SCREEN"), byCategory("MOVIE"), cities, cinemaBases);
  scheduleLive(ctx, stages.filter((s) => s.kind === "AUDITORIUM" || s.kind === "STADIUM"), byCategory("CONCERT", "PLAY", "COMEDY", "SPORTS"), cities);
  const runs = scheduleExhibitions(ctx, stages.filter((s) => s.kind === "HALL"), byCategory("EXHIBITION"));

  for (const e of events) {
    const own = ctx.shows.filter((s) => s.eventId === e.id);
    plan.events.push({
      id: e.id,
      slug: e.slug,
      title: e.title,
      category: e.category,
      description: e.description,
      languages: e.languages,
      genres: e.genres,
      durationMinutes: e.durationMinutes,
      certificate: e.certificate,
      ratingTenths: e.ratingTenths,
      ratingCount: e.ratingCount,
      popularity: e.popularity,
      posterUrl: `/posters/${e.slug}.svg`,
      ...eventDates(e, own, runs.get(e.id), today),
    });
  }

  for (const s of ctx.shows) {
    const amounts = [...s.prices, ...s.zonePrices].map((p) => p.priceMinor);
    plan.shows.push({
      id: s.id,
      eventId: s.eventId,
      sectionId: s.sectionId,
      venueId: s.venueId,
      cityId: s.cityId,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      language: s.language,
      format: s.format,
      currency: "INR",
      minPriceMinor: Math.min(...amounts),
      maxPriceMinor: Math.max(...amounts),
    });
    for (const p of s.prices) plan.showPrices.push({ showId: s.id, seatType: p.seatType, priceMinor: p.priceMinor });
    for (const p of s.zonePrices) plan.showZonePrices.push({ showId: s.id, zoneId: p.zoneId, priceMinor: p.priceMinor });
  }

  plan.promoCodes = promoRows(now);
  // People draw ids from a stream of their own, so they never shift the catalog's ids.
  Object.assign(plan, planCredits(events, new Rng(seed ^ 0x9e091e)));
  return plan;
}
