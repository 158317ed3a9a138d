// One show: details, live seat map, best-available seats, prices and its on-sale waiting room.
import { z } from "zod";
import { showIdParams } from "@/lib/catalog/shows";
import { pricingStrategy, seatType } from "@/db/schema";
import { MAX_SEATS_PER_BOOKING } from "@/lib/seating/types";
import { RoomState, SeatMap, SeatStatusMap, ShowDetails, ShowPrice } from "./catalog-schemas";
import { Currency, MinorUnits, Uuid } from "./shared";
import { op } from "./op";

const ETAG_HEADERS = { "If-None-Match": { description: "The ETag of the answer you have: 304 while nothing changed." } };

export const getShow = op({
  method: "GET",
  path: "/shows/{showId}",
  operationId: "getShow",
  summary: "Get a show",
  description: "The show with its event, venue, hall and prices per seat type (with live availability). Shows of unpublished events are 404.",
  tag: "Shows",
  scope: "catalog:read",
  params: showIdParams,
  responses: { 200: { description: "The show.", schema: z.object({ show: ShowDetails }) } },
});

export const seatsQuerySchema = z.object({
  view: z.enum(["full", "status"]).default("full").describe("`status`: the cheap poll, one character per seat in layout order."),
});

export const getShowSeats = op({
  method: "GET",
  path: "/shows/{showId}/seats",
  operationId: "getShowSeats",
  summary: "The live seat map",
  description:
    "`view=full` (default): the hall and every seat with its live status and price, and standing zones with counts. `view=status`: the cheap poll, one character per seat. Both carry an ETag: send it back as If-None-Match and get 304 while nothing changed. At most half a second old.",
  tag: "Shows",
  scope: "catalog:read",
  rateLimit: false,
  params: showIdParams,
  query: seatsQuerySchema,
  headers: ETAG_HEADERS,
  responses: {
    200: { description: "The seat map (`full`) or the status string (`status`).", schema: z.union([SeatMap, SeatStatusMap]), headers: { ETag: "Of this answer: send it back as If-None-Match." } },
    304: { description: "Not modified since the ETag sent.", headers: { ETag: "Unchanged." } },
  },
});

export const bestAvailableQuerySchema = z
  .object({
    count: z.coerce.number().int("must be a whole number").min(1, "at least 1").max(MAX_SEATS_PER_BOOKING, `at most ${MAX_SEATS_PER_BOOKING}`).default(2).describe("How many tickets."),
    accessible: z.coerce.number().int("must be a whole number").min(0, "at least 0").max(MAX_SEATS_PER_BOOKING).default(0).describe("How many of them are wheelchair spaces."),
  })
  .refine((q) => q.accessible <= q.count, { message: "accessible must not exceed count", path: ["accessible"] });

export const getBestAvailableSeats = op({
  method: "GET",
  path: "/shows/{showId}/best-available",
  operationId: "getBestAvailableSeats",
  summary: "Suggest the best available seats",
  description:
    "The seats \"best available\" picks for `count` tickets, `accessible` of them wheelchair spaces (each with its companion seat while the count allows). A suggestion only, nothing is held: pass the ids to lock-seats. `seats` is empty when nothing fits.",
  tag: "Shows",
  scope: "catalog:read",
  params: showIdParams,
  query: bestAvailableQuerySchema,
  responses: {
    200: {
      description: "The suggestion.",
      schema: z.object({
        showId: Uuid,
        version: z.int(),
        count: z.int(),
        accessible: z.int(),
        seats: z.array(z.object({ id: Uuid, label: z.string(), rowLabel: z.string(), row: z.int(), col: z.int(), type: z.enum(seatType.enumValues), priceMinor: MinorUnits })),
      }),
    },
  },
});

export const getShowPricing = op({
  method: "GET",
  path: "/shows/{showId}/pricing",
  operationId: "getShowPricing",
  summary: "A show's prices",
  description: "Price per seat type, with how many of those seats exist and are free now.",
  tag: "Shows",
  scope: "catalog:read",
  params: showIdParams,
  responses: {
    200: {
      description: "Prices.",
      schema: z.object({ showId: Uuid, currency: Currency, strategy: z.enum(pricingStrategy.enumValues), prices: z.array(ShowPrice) }),
    },
  },
});

export const getQueueRoom = op({
  method: "GET",
  path: "/shows/{showId}/queue/room",
  operationId: "getQueueRoom",
  summary: "The on-sale waiting room, as everyone sees it",
  description:
    "Phase, on-sale time, how many places are through, the rate, whether it is paused or closed. One answer for all: poll it and work out your own wait from your place (POST /shows/{showId}/queue). Cacheable for a second; ETag/304.",
  tag: "Shows",
  scope: "catalog:read",
  rateLimit: false,
  params: showIdParams,
  headers: ETAG_HEADERS,
  responses: {
    200: { description: "The room.", schema: z.object({ room: RoomState }), headers: { ETag: "Of this answer.", "Cache-Control": "public, max-age=1" } },
    304: { description: "Not modified since the ETag sent.", headers: { ETag: "Unchanged." } },
  },
});
