// Shared state for the schedulers: the places shows can go, the per-section calendar that keeps
// shows from overlapping, and the list of planned shows.
import type { Category } from "./data";
import type { EventPlan } from "./events";
import type { LayoutName, SeatType, SectionKind, ZoneSeed } from "./layouts";
import type { ShowPrice, ZonePrice } from "./pricing";
import type { Rng } from "./random";
import { addDays, addMinutes, localDate, zonedInstant } from "./time";

export type Stage = {
  sectionId: string;
  venueId: string;
  cityId: string;
  timeZone: string;
  layout: LayoutName;
  kind: SectionKind;
  seatTypes: SeatType[];
  /** The section's general admission zones, with the ids given to them. */
  zones: (ZoneSeed & { id: string })[];
};

export type ShowPlan = {
  id: string;
  eventId: string;
  sectionId: string;
  venueId: string;
  cityId: string;
  startsAt: Date;
  endsAt: Date;
  language: string;
  format: string;
  prices: ShowPrice[];
  zonePrices: ZonePrice[];
};

/** Turnaround between shows in a section: cleaning a screen, resetting a stage, clearing a stadium. */
const GAP_MINUTES: Record<SectionKind, number> = { SCREEN: 15, AUDITORIUM: 30, STADIUM: 60, HALL: 0 };

export const DAYS = 14;

export class ScheduleContext {
  readonly shows: ShowPlan[] = [];
  private readonly busy = new Map<string, [number, number][]>();

  constructor(
    readonly now: Date,
    readonly rng: Rng,
    readonly ids: Rng,
  ) {}

  /** Local calendar date `offset` days from today in the stage's time zone. */
  date(stage: Stage, offset: number): string {
    return addDays(localDate(this.now, stage.timeZone), offset);
  }

  private interval(stage: Stage, event: EventPlan, date: string, time: string, minutes = event.durationMinutes) {
    const startsAt = zonedInstant(date, time, stage.timeZone);
    return { startsAt, endsAt: addMinutes(startsAt, minutes + GAP_MINUTES[stage.kind]) };
  }

  isFree(stage: Stage, event: EventPlan, date: string, time: string, minutes?: number): boolean {
    const { startsAt, endsAt } = this.interval(stage, event, date, time, minutes);
    const [s, e] = [startsAt.getTime(), endsAt.getTime()];
    return !(this.busy.get(stage.sectionId) ?? []).some(([a, b]) => s < b && a < e);
  }

  /**
   * Books a show if it starts after `now` (or `allowPast`) and fits the section's calendar.
   * ends_at includes the turnaround gap, so back-to-back shows never overlap.
   */
  tryBook(
    stage: Stage,
    event: EventPlan,
    date: string,
    time: string,
    details: { language: string; format: string; prices: ShowPrice[]; zonePrices: ZonePrice[]; minutes?: number },
    allowPast = false,
  ): ShowPlan | null {
    const { minutes, ...rest } = details;
    const { startsAt, endsAt } = this.interval(stage, event, date, time, minutes);
    if (!allowPast && startsAt <= this.now) return null;
    if (!this.isFree(stage, event, date, time, minutes)) return null;
    const taken = this.busy.get(stage.sectionId) ?? [];
    taken.push([startsAt.getTime(), endsAt.getTime()]);
    this.busy.set(stage.sectionId, taken);
    const show: ShowPlan = {
      id: this.ids.uuid(),
      eventId: event.id,
      sectionId: stage.sectionId,
      venueId: stage.venueId,
      cityId: stage.cityId,
      startsAt,
      endsAt,
      ...rest,
    };
    this.shows.push(show);
    return show;
  }
}

/** Which kinds of event each drawn hall hosts, and how strongly a category prefers it. */
export const HOSTS: Record<LayoutName, Partial<Record<Category, number>>> = {
  screen150: { MOVIE: 1 },
  screenCompact: { MOVIE: 1 },
  screenImax: { MOVIE: 1 },
  screen4dx: { MOVIE: 1 },
  screenRecliner: { MOVIE: 1 },
  auditorium: { CONCERT: 3, PLAY: 1.5, COMEDY: 0.5 },
  studio: { CONCERT: 1, PLAY: 3, COMEDY: 1 },
  club: { COMEDY: 3, CONCERT: 0.3 },
  clubSmall: { COMEDY: 3, CONCERT: 0.3 },
  stadium: { SPORTS: 1 },
  hall: { EXHIBITION: 1 },
  hallLarge: { EXHIBITION: 1.5 },
  arena: { CONCERT: 4, COMEDY: 0.3 },
  festivalGround: { CONCERT: 2 },
  footballGround: { SPORTS: 1 },
};
