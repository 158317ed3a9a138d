// The catalog's answers as JSON: one schema per thing (Event, EventCard, Show, Venue, Seat…),
// reused by every operation that sends it. Named (`.meta({ id })`) so the document shows each once.
import { z } from "zod";
import { eventStatus, creditRole, pricingStrategy, sectionKind, seatType, showStatus, zoneKind } from "@/db/schema";
import { CATEGORIES } from "@/lib/catalog/filters";
import { Currency, DateTime, Day, MinorUnits, Uuid } from "./shared";

const Slug = z.string().describe("Stable, readable id for URLs.");
const Category = z.enum(CATEGORIES).meta({ id: "Category" });

export const Credit = z
  .object({
    personId: Uuid,
    slug: Slug,
    name: z.string(),
    kind: z.enum(["PERSON", "GROUP"]),
    role: z.enum(creditRole.enumValues),
    credit: z.string().describe('What they do: "Director", "as Vikram", "Lead vocals"; may be empty.'),
    position: z.int().describe("Billing order, 0 first."),
  })
  .meta({ id: "Credit" });

const eventFields = {
  id: Uuid,
  slug: Slug,
  title: z.string(),
  category: Category,
  languages: z.array(z.string()),
  genres: z.array(z.string()),
  durationMinutes: z.int(),
  certificate: z.string().nullable().describe('"U", "UA", "A" for films; age guidance otherwise.'),
  ratingTenths: z.int().min(0).max(100).nullable().describe("Rating out of 100: 84 is 8.4/10."),
  posterUrl: z.string().nullable(),
  popularity: z.int(),
};

/** The full event: `GET /events/{eventId}`. */
export const Event = z
  .object({
    ...eventFields,
    status: z.enum(eventStatus.enumValues).describe("Always PUBLISHED here: others are not found."),
    description: z.string(),
    ratingCount: z.int(),
    startDate: Day.nullable(),
    endDate: Day.nullable(),
    createdAt: DateTime,
    updatedAt: DateTime,
    credits: z.array(Credit).describe("Cast, crew, artists, teams, speakers, in billing order."),
  })
  .meta({ id: "Event" });

/** An event in a listing, with its next matching show and lowest matching price. */
export const EventCard = z
  .object({
    ...eventFields,
    nextShowAt: DateTime.describe("The next show matching the filters."),
    minPriceMinor: MinorUnits.describe("The lowest price among matching shows."),
    currency: Currency,
  })
  .meta({ id: "EventCard" });

export const City = z
  .object({
    id: Slug.describe('The city\'s slug, e.g. "mumbai": pass it as `?city=`.'),
    name: z.string(),
    state: z.string(),
    country: z.string(),
    timeZone: z.string().describe("IANA time zone, e.g. Asia/Kolkata."),
    lat: z.number(),
    lng: z.number(),
    sortOrder: z.int(),
  })
  .meta({ id: "City" });

/** A venue as listings show it. */
export const VenueSummary = z
  .object({
    id: Uuid,
    slug: Slug,
    name: z.string(),
    address: z.string(),
    cityId: z.string(),
    lat: z.number(),
    lng: z.number(),
    timeZone: z.string(),
    sections: z.int().describe("Halls, screens or stands."),
    seats: z.int(),
    distanceKm: z.number().nullable().describe("From lat/lng when given, else null."),
  })
  .meta({ id: "VenueSummary" });

/** A venue inside a show: where it is. */
export const Venue = z
  .object({ id: Uuid, cityId: z.string(), name: z.string(), slug: Slug, address: z.string(), lat: z.number(), lng: z.number(), timeZone: z.string(), createdAt: DateTime })
  .meta({ id: "Venue" });

export const ShowPrice = z
  .object({
    seatType: z.enum(seatType.enumValues),
    priceMinor: MinorUnits,
    seats: z.int().describe("Seats of this type in the hall."),
    available: z.int().describe("Of those, free right now."),
  })
  .meta({ id: "ShowPrice" });

/** One show: a performance of an event in a hall at a time. */
export const Show = z
  .object({
    id: Uuid,
    eventId: Uuid,
    sectionId: Uuid,
    venueId: Uuid,
    cityId: z.string(),
    startsAt: DateTime,
    endsAt: DateTime,
    status: z.enum(showStatus.enumValues),
    language: z.string().nullable(),
    format: z.string().nullable().describe('"2D", "IMAX 3D", "Live"…'),
    currency: Currency,
    minPriceMinor: MinorUnits,
    maxPriceMinor: MinorUnits,
    pricingStrategy: z.enum(pricingStrategy.enumValues),
    pricingConfig: z.record(z.string(), z.unknown()).nullable(),
    refundCutoffHours: z.int().describe("Cancellations refund until this many hours before the start."),
    createdAt: DateTime,
  })
  .meta({ id: "Show" });

const { credits: _credits, ...eventWithoutCredits } = Event.shape;
/** `GET /shows/{showId}`: the show with its event (without credits), venue, hall and prices. */
export const ShowDetails = Show.extend({
  event: z.object(eventWithoutCredits),
  venue: Venue,
  section: z.object({ id: Uuid, name: z.string(), kind: z.enum(sectionKind.enumValues) }),
  prices: z.array(ShowPrice),
}).meta({ id: "ShowDetails" });

export const Showtime = z
  .object({
    id: Uuid.describe("The show id."),
    startsAt: DateTime,
    endsAt: DateTime,
    language: z.string().nullable(),
    format: z.string().nullable(),
    minPriceMinor: MinorUnits,
    maxPriceMinor: MinorUnits,
    currency: Currency,
    availableSeats: z.int(),
    totalSeats: z.int(),
    onSaleAt: DateTime.nullable().describe("When tickets go on sale, if that is still to come."),
  })
  .meta({ id: "Showtime" });

const Admission = z.enum(["SEATED", "STANDING", "MIXED", "TIMED_ENTRY"]).describe("Reserved seats, standing zones (with or without seats), or timed-entry slots.");

export const EventShowtimes = z.object({
  eventId: Uuid,
  dates: z.array(Day).describe("Local dates (venue time) with shows matching the filter."),
  date: Day.nullable().describe("The date shown: the one asked for, else the first."),
  venues: z.array(
    z.object({
      venue: z.object({ id: Uuid, name: z.string(), slug: Slug, address: z.string(), cityId: z.string(), timeZone: z.string() }),
      section: z.object({ id: Uuid, name: z.string(), admission: Admission }),
      shows: z.array(Showtime),
    }),
  ),
  playing: z.boolean().describe("Whether the event has upcoming shows in the city at all, whatever the filter."),
  languages: z.array(z.string()),
  formats: z.array(z.string()),
});

export const Person = z
  .object({ id: Uuid, slug: Slug, name: z.string(), kind: z.enum(["PERSON", "GROUP"]), bio: z.string(), imageUrl: z.string().nullable() })
  .meta({ id: "Person" });

export const PersonEvent = EventCard.extend({
  credits: z.array(z.object({ role: z.enum(creditRole.enumValues), credit: z.string() })),
  inCity: z.boolean().describe("Plays in the `?city=` asked for."),
}).meta({ id: "PersonEvent" });

export const SearchHit = z
  .object({
    id: Uuid,
    slug: Slug,
    title: z.string(),
    category: Category,
    languages: z.array(z.string()),
    posterUrl: z.string().nullable(),
    popularity: z.int(),
    score: z.number(),
    cities: z.array(z.string()).describe("Cities with upcoming shows, the chosen one first."),
    inCity: z.boolean().nullable().describe("Plays in the chosen city; null when no city was given."),
    matchedVia: z.enum(["title", "people", "venue", "description"]),
  })
  .meta({ id: "SearchHit" });

export const Suggestion = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("event"), id: Uuid, slug: Slug, title: z.string(), category: Category, href: z.string() }),
    z.object({ kind: z.literal("person"), id: Uuid, slug: Slug, title: z.string(), href: z.string() }),
    z.object({ kind: z.literal("venue"), id: Uuid, slug: Slug, title: z.string(), href: z.string() }),
  ])
  .meta({ id: "Suggestion" });

const SeatStatus = z.enum(["AVAILABLE", "LOCKED", "BOOKED", "BLOCKED"]).describe("LOCKED: held by someone's booking for a few minutes.");

export const Seat = z
  .object({
    id: Uuid,
    label: z.string().describe('"A12"'),
    rowLabel: z.string(),
    row: z.int().describe("Grid row, 0 first."),
    col: z.int().describe("Grid column, 0 first."),
    type: z.enum(seatType.enumValues),
    status: SeatStatus,
    priceMinor: MinorUnits.nullable().describe("Null when the seat is not for sale at this show."),
  })
  .meta({ id: "Seat" });

export const Zone = z
  .object({
    id: Uuid,
    name: z.string(),
    kind: z.enum(zoneKind.enumValues),
    priceMinor: MinorUnits.nullable(),
    capacity: z.int(),
    available: z.int(),
    held: z.int(),
    sold: z.int(),
    state: z.enum(["AVAILABLE", "FILLING_FAST", "SOLD_OUT"]),
  })
  .meta({ id: "Zone", description: "A standing or timed-entry zone: sold by count, not by seat." });

export const SeatMap = z
  .object({
    showId: Uuid,
    version: z.int().describe("Grows with every change; compare to know which answer is newer."),
    currency: Currency,
    section: z.object({ kind: z.enum(sectionKind.enumValues), stageLabel: z.string(), rowCount: z.int(), colCount: z.int() }),
    seats: z.array(Seat),
    zones: z.array(Zone),
  })
  .meta({ id: "SeatMap" });

export const SeatStatusMap = z
  .object({
    showId: Uuid,
    version: z.int(),
    status: z.string().describe("One character per seat in `seats` order: A available, H held, B booked, X blocked."),
    zones: z.array(Zone),
  })
  .meta({ id: "SeatStatusMap" });

export const RoomState = z
  .object({
    showId: Uuid,
    phase: z.enum(["NONE", "BEFORE", "OPEN", "CLOSED"]).describe("NONE: no waiting room for this show."),
    onSaleAt: DateTime.nullable(),
    admittedThrough: z.int().describe("Queue places let through so far: place N is in when N ≤ admittedThrough."),
    admitPerMinute: z.int(),
    paused: z.boolean(),
    closedReason: z.enum(["SOLD_OUT", "ENDED"]).nullable(),
    queueLength: z.int(),
    earlyJoiners: z.int().describe("How many joined before the on-sale; an early joiner's place is about draw × this."),
  })
  .meta({ id: "RoomState" });
