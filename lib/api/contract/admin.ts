// Venue staff operations: sales, a show's on-sale and waiting room, and venue details. Staff see
// and change their own venues only (others' answer 404, as if they did not exist); admins all.
import { z } from "zod";
import { venueUpdateSchema } from "@/lib/admin/venues";
import { instant } from "@/lib/http/validation";
import { op } from "./op";
import { ShowStatus, count, currency, dateTime, minor, showIdParams, uuid } from "./fields";

const TAG = "Staff";

/** An instant in a query or body: ISO 8601 (or epoch milliseconds), documented as a date-time string. */
const when = (description: string) => instant().meta({ type: "string", format: "date-time", description });
const STAFF = ["staff", "admin"] as const;

/** One show's sales (lib/admin/sales.ts's ShowSales). */
export const ShowSales = z
  .object({
    showId: uuid("a show id"),
    eventId: uuid("an event id"),
    title: z.string(),
    venue: z.string(),
    section: z.string(),
    startsAt: dateTime(),
    timeZone: z.string(),
    status: ShowStatus,
    currency: currency(),
    seats: count(),
    sold: count(),
    held: count(),
    blocked: count(),
    available: count(),
    zonePlaces: count().meta({ description: "Of the counts above, general admission places: in the hall, sold, held." }),
    zoneSold: count(),
    zoneHeld: count(),
    occupancy: z.number().min(0).max(1).meta({ description: "sold / sellable" }),
    bookings: count(),
    revenueMinor: minor().meta({ description: "Ticket revenue of confirmed bookings: subtotal − discount, without the fee and its GST." }),
    feeMinor: minor(),
    gstMinor: minor(),
    grossMinor: minor().meta({ description: "What confirmed bookings paid: revenue + fee + GST." }),
    discountMinor: minor(),
    refundedMinor: minor(),
  })
  .meta({ id: "ShowSales" });

export const ZoneFill = z.object({
  zoneId: uuid("a zone id"),
  name: z.string(),
  kind: z.enum(["STANDING", "TIMED_ENTRY"]),
  priceMinor: minor().nullable().meta({ description: "null: not on sale at this show." }),
  capacity: count(),
  sold: count(),
  held: count(),
  blocked: count(),
  available: count(),
  revenueMinor: minor(),
});

export const listSales = op({
  method: "GET",
  path: "/admin/sales",
  operationId: "listSales",
  summary: "Sales per show",
  description:
    "Sales per show of the caller's venues (admins: all), at most 1000 rows, filtered by show, event, venue, start time (`from`, `to`), title (`q`) and `when`. With `showId` (and a row to show) the answer has its zones' fill too. `format=csv` answers the same rows as a `text/csv` attachment instead of JSON.",
  tag: TAG,
  query: z.object({
    showId: z.uuid().optional().describe("One show: its row, and its zones' fill."),
    eventId: z.uuid().optional().describe("The shows of one event."),
    from: when("Shows starting at or after this instant.").optional(),
    to: when("Shows starting before this instant.").optional(),
    venueId: z.uuid().optional().describe("The shows of one venue (of the caller's)."),
    q: z.string().trim().max(100).optional().describe("Words of the event's title."),
    when: z.enum(["upcoming", "past", "all"]).default("all").describe("By the show's start: still to come, already started, or both."),
    format: z.enum(["json", "csv"]).default("json").describe("`csv`: a text/csv attachment instead of JSON."),
  }),
  roles: STAFF,
  scope: "venue:manage",
  responses: {
    200: {
      description: "The rows as JSON (`format=json`, the default); with `format=csv`, a text/csv attachment (marquee-sales.csv) of the same rows.",
      schema: z.object({ items: z.array(ShowSales), zones: z.array(ZoneFill).optional() }),
      alternatives: [{ contentType: "text/csv", description: "`format=csv`: one row per show, a header line first (Content-Disposition: attachment)." }],
    },
  },
});

const WAITLIST_STATUSES = ["WAITING", "OFFERED", "CLAIMED", "LAPSED", "LEFT", "CLOSED"] as const;

/** The on-sale and its waiting room as staff see it (lib/admin/on-sale.ts's RoomStats). */
export const OnSaleStats = z
  .object({
    settings: z
      .object({
        showId: uuid("a show id"),
        onSaleAt: dateTime(),
        waitingRoom: z.boolean(),
        admitPerMinute: z.number().int().min(1),
        paused: z.boolean(),
        closedAt: dateTime().nullable(),
        closedReason: z.enum(["SOLD_OUT", "ENDED"]).nullable(),
      })
      .nullable()
      .meta({ description: "null: the show has no on-sale (on sale as usual)." }),
    phase: z.enum(["NONE", "BEFORE", "OPEN", "CLOSED"]),
    queueLength: count(),
    admittedThrough: count(),
    waiting: count(),
    minutesToClear: count().nullable().meta({ description: "Minutes until everyone waiting now is through at the current rate; null while paused, closed or without an on-sale." }),
    store: z.enum(["redis", "postgres"]).meta({ description: "Where the line is kept." }),
    timeZone: z.string(),
  })
  .meta({ id: "OnSaleStats" });

const onSaleAnswer = z.object({ onSale: OnSaleStats });

export const getOnSale = op({
  method: "GET",
  path: "/admin/shows/{showId}/on-sale",
  operationId: "getOnSale",
  summary: "A show's on-sale, waiting room and waitlist",
  description: "The on-sale settings, the room's phase, line length, places through and time to clear, and the show's waitlist: entries by status and the line in order (live entries first, at most 500).",
  tag: TAG,
  params: showIdParams,
  roles: STAFF,
  scope: "venue:manage",
  responses: {
    200: {
      description: "The on-sale and the waitlist.",
      schema: z.object({
        onSale: OnSaleStats,
        waitlist: z.object({
          counts: z.object(Object.fromEntries(WAITLIST_STATUSES.map((s) => [s, count()])) as Record<(typeof WAITLIST_STATUSES)[number], ReturnType<typeof count>>),
          entries: z.array(
            z.object({
              id: uuid("a waitlist entry id"),
              email: z.string(),
              name: z.string(),
              zoneName: z.string().nullable(),
              quantity: z.number().int().min(1),
              status: z.enum(WAITLIST_STATUSES),
              bookingReference: z.string().nullable(),
              createdAt: dateTime(),
              offeredAt: dateTime().nullable(),
              offerExpiresAt: dateTime().nullable(),
              closedAt: dateTime().nullable(),
            }),
          ),
        }),
      }),
    },
  },
  errors: ["NOT_FOUND"],
});

export const setOnSale = op({
  method: "PUT",
  path: "/admin/shows/{showId}/on-sale",
  operationId: "setOnSale",
  summary: "Set a show's on-sale and waiting room",
  description:
    "Sets when tickets go on sale (before it, holds answer 409 NOT_ON_SALE_YET) and whether a waiting room lets buyers through at `admitPerMinute`. Saving reopens a room that was ended or sold out. Only a SCHEDULED show (409 `INVALID_STATE`), and the on-sale must be before the show starts (400).",
  tag: TAG,
  params: showIdParams,
  body: z.object({
    onSaleAt: when("When tickets go on sale; before the show starts."),
    waitingRoom: z.boolean().default(false).describe("Buyers queue and are let through at `admitPerMinute` from the on-sale."),
    admitPerMinute: z.number().int("must be a whole number").min(1, "at least 1 a minute").max(100_000, "at most 100,000 a minute").default(200).describe("Queue places let through per minute."),
    paused: z.boolean().default(false).describe("Stop letting people through for now (the line keeps its order)."),
  }),
  roles: STAFF,
  scope: "venue:manage",
  responses: { 200: { description: "The on-sale as saved.", schema: onSaleAnswer } },
  errors: ["NOT_FOUND", "INVALID_STATE"],
});

export const deleteOnSale = op({
  method: "DELETE",
  path: "/admin/shows/{showId}/on-sale",
  operationId: "deleteOnSale",
  summary: "End a waiting room, or remove the on-sale",
  description: "`?end=room` ends the waiting room: everyone may buy from now on. Without it the on-sale is removed altogether (the show is on sale as usual).",
  tag: TAG,
  params: showIdParams,
  query: z.object({ end: z.enum(["room"]).optional().describe("`room`: end the waiting room only, keeping the on-sale time.") }),
  roles: STAFF,
  scope: "venue:manage",
  responses: { 200: { description: "The on-sale after the change.", schema: onSaleAnswer } },
  errors: ["NOT_FOUND"],
});

export const listManagedVenues = op({
  method: "GET",
  path: "/admin/venues",
  operationId: "listManagedVenues",
  summary: "Venues you manage",
  description: "Admins: every venue; staff: the venues they are assigned to. By name.",
  tag: TAG,
  roles: STAFF,
  scope: "venue:manage",
  responses: {
    200: {
      description: "The venues.",
      schema: z.object({ items: z.array(z.object({ id: uuid("a venue id"), name: z.string(), cityId: z.string(), address: z.string() })) }),
    },
  },
});

export const updateVenue = op({
  method: "PATCH",
  path: "/admin/venues/{venueId}",
  operationId: "updateVenue",
  summary: "Change a venue's details",
  description: "Name, address, position and time zone; send only what changes (an empty body is 400). A venue outside the caller's is 404. The change is audited.",
  tag: TAG,
  params: z.object({ venueId: uuid("a venue id") }),
  body: venueUpdateSchema,
  roles: STAFF,
  scope: "venue:manage",
  responses: {
    200: {
      description: "The venue as saved.",
      schema: z.object({
        venue: z.object({
          id: uuid("a venue id"),
          cityId: z.string(),
          name: z.string(),
          slug: z.string(),
          address: z.string(),
          lat: z.number(),
          lng: z.number(),
          timeZone: z.string(),
          createdAt: dateTime(),
        }),
      }),
    },
  },
  errors: ["NOT_FOUND"],
});
