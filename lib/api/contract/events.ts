// Catalog: events, search, people, venues and cities. Request schemas live with the catalog
// (the pages parse the same URLs); this names them and describes the answers.
import { z } from "zod";
import { eventFiltersSchema } from "@/lib/catalog/filters";
import { eventIdParams, personIdParams, personQuerySchema, showtimesQuerySchema } from "@/lib/catalog/params";
import { autocompleteQuerySchema, searchQuerySchema } from "@/lib/catalog/search";
import { venueQuerySchema } from "@/lib/catalog/venues";
import { City, Event, EventCard, EventShowtimes, Person, PersonEvent, SearchHit, Suggestion, VenueSummary } from "./catalog-schemas";
import { cursorPage, list, Uuid } from "./shared";
import { op } from "./op";

export const listEvents = op({
  method: "GET",
  path: "/events",
  operationId: "listEvents",
  summary: "List events",
  description:
    "Published events with an upcoming show matching the filters, most popular first. Show filters (city, date, language, price) apply to the shows: each card carries the next matching show and the lowest matching price. Paginated by `cursor`.",
  tag: "Catalog",
  scope: "catalog:read",
  query: eventFiltersSchema,
  responses: { 200: { description: "A page of event cards.", schema: cursorPage(EventCard) } },
  errors: ["INVALID_CURSOR"],
});

export const searchEvents = op({
  method: "GET",
  path: "/events/search",
  operationId: "searchEvents",
  summary: "Search events, people and venues",
  description: "Typo tolerant. `items` are events, best first (those in `city` first); `people` and `venues` match by name; `readAs` is the query as read when words were corrected.",
  tag: "Catalog",
  scope: "catalog:read",
  query: searchQuerySchema,
  responses: {
    200: {
      description: "Matches.",
      schema: z.object({
        items: z.array(SearchHit),
        people: z.array(z.object({ id: Uuid, slug: z.string(), name: z.string(), kind: z.enum(["PERSON", "GROUP"]), events: z.int().describe("Upcoming events crediting them.") })),
        venues: z.array(z.object({ id: Uuid, slug: z.string(), name: z.string(), cityId: z.string(), address: z.string() })),
        readAs: z.string().nullable().describe("The query as read, when words were corrected; else null."),
      }),
    },
  },
});

export const autocompleteEvents = op({
  method: "GET",
  path: "/events/autocomplete",
  operationId: "autocompleteEvents",
  summary: "Suggestions while typing",
  description: "The last word is a prefix, and a slip in it is forgiven. Events first, then people and venues.",
  tag: "Catalog",
  scope: "catalog:read",
  query: autocompleteQuerySchema,
  responses: { 200: { description: "Suggestions, best first.", schema: z.object({ suggestions: z.array(Suggestion) }) } },
});

export const getEvent = op({
  method: "GET",
  path: "/events/{eventId}",
  operationId: "getEvent",
  summary: "Get an event",
  description: "By id or slug. Only published events; anything else is 404.",
  tag: "Catalog",
  scope: "catalog:read",
  params: eventIdParams,
  responses: { 200: { description: "The event with its credits.", schema: z.object({ event: Event }) } },
});

export const listEventShows = op({
  method: "GET",
  path: "/events/{eventId}/shows",
  operationId: "listEventShows",
  summary: "An event's shows, by venue",
  description: "Upcoming scheduled shows, grouped by venue hall, for one date (the one asked, else the first with shows) plus the dates and chips to choose from.",
  tag: "Catalog",
  scope: "catalog:read",
  params: eventIdParams,
  query: showtimesQuerySchema,
  responses: { 200: { description: "Showtimes.", schema: EventShowtimes } },
});

export const getPerson = op({
  method: "GET",
  path: "/people/{personId}",
  operationId: "getPerson",
  summary: "Get a person and their upcoming events",
  description: "A performer, cast or crew member, band or team, by id or slug; their upcoming events, those in `city` first.",
  tag: "Catalog",
  scope: "catalog:read",
  params: personIdParams,
  query: personQuerySchema,
  responses: { 200: { description: "The person and their events.", schema: z.object({ person: Person, events: z.array(PersonEvent) }) } },
});

export const listVenues = op({
  method: "GET",
  path: "/venues",
  operationId: "listVenues",
  summary: "List venues",
  description: "In a `city`, or within `radiusKm` of `lat`,`lng` (nearest first). One of the two is required.",
  tag: "Catalog",
  scope: "catalog:read",
  query: venueQuerySchema,
  responses: { 200: { description: "Venues.", schema: list(VenueSummary) } },
});

export const listCities = op({
  method: "GET",
  path: "/cities",
  operationId: "listCities",
  summary: "List cities",
  tag: "Catalog",
  scope: "catalog:read",
  responses: { 200: { description: "Every city, in display order.", schema: list(City) } },
});
