// Door check-in: admit a ticket's people, the key that verifies tickets offline, the door's shows
// and its live counters. Scanner, staff and admin accounts only; staff and scanners see their
// venues. The request body is lib/checkin's own schema (the door page's action uses it too).
import { z } from "zod";
import { scanResult } from "@/db/schema";
import { checkinSchema } from "@/lib/checkin/checkin";
import { op } from "./op";
import { BookingStatus, count, dateTime, showIdParams, uuid } from "./fields";

const TAG = "Check-in";
const DOOR_ROLES = ["scanner", "staff", "admin"] as const;

export const CheckinResult = z.enum(scanResult.enumValues);

/** When the door admits a show's tickets: ISO instants and the same in the venue's time zone, as words. */
export const CheckinWindow = z.object({ opensAt: dateTime(), closesAt: dateTime(), opensAtLocal: z.string(), closesAtLocal: z.string() });

export const CheckinAnswer = z
  .object({
    result: CheckinResult,
    reason: z.string().nullable(),
    ticket: z
      .object({
        bookingId: uuid("a booking id"),
        reference: z.string(),
        showId: uuid("a show id"),
        eventTitle: z.string(),
        startsAt: dateTime(),
        startsAtLocal: z.string(),
        venue: z.string(),
        seats: z.array(z.string()).meta({ description: "One name per person: a seat's label, or a zone place's zone name." }),
        places: z.array(z.string()).meta({ description: 'The same as people read it: ["A1", "A2"], ["Fan Pit × 3"].' }),
        count: count(),
        status: BookingStatus,
      })
      .nullable(),
    checkedInAt: dateTime().nullable(),
    checkedInDevice: z.string().nullable(),
    lastCheckedInAt: dateTime().nullable(),
    lastCheckedInDevice: z.string().nullable(),
    admittedNow: count().nullable(),
    admittedSoFar: count().nullable(),
    total: count().nullable(),
    remaining: count().nullable(),
    window: CheckinWindow.nullable(),
  })
  .meta({ id: "CheckinAnswer" });

export const checkIn = op({
  method: "POST",
  path: "/checkin",
  operationId: "checkIn",
  summary: "Admit a ticket's people at the door",
  description: [
    "`code` is the QR code's signed token or a booking reference typed by hand. Every scan is answered 200 with a `result` and logged: OK (admitted now), ALREADY_CHECKED_IN (nobody left to admit; `checkedInAt`/`checkedInDevice` say when and where), INVALID, WRONG_SHOW (another show or venue), NOT_CONFIRMED, CANCELLED, REFUNDED, TOO_EARLY / TOO_LATE (outside the door's `window`).",
    "A ticket for N people admits N, at once or in parts: `admit` (default: everyone not yet admitted) above `remaining` is 409 `ADMIT_EXCEEDS_REMAINING` and admits nobody. However many devices scan the same ticket at once, each person is admitted once.",
    "Offline devices sync later with `offline: true` and `scannedAt`: a time in the future, before the ticket was issued or outside the door's window is 422 `SCAN_TIME_INVALID`; the same offline scan sent twice answers OK again without admitting twice. `showId` names the door's show: one outside the caller's venues is 404.",
  ].join("\n\n"),
  tag: TAG,
  body: checkinSchema,
  roles: DOOR_ROLES,
  scope: "venue:manage",
  rateLimit: "checkin",
  responses: { 200: { description: "The scan's result (also for refusals like INVALID or WRONG_SHOW).", schema: CheckinAnswer } },
  errors: ["NOT_FOUND", "SCAN_TIME_INVALID", "ADMIT_EXCEEDS_REMAINING"],
});

export const getTicketKeys = op({
  method: "GET",
  path: "/checkin/keys",
  operationId: "getTicketKeys",
  summary: "The public key that verifies tickets",
  description: "For scanners verifying tickets offline: the Ed25519 public key as a JWK (for WebCrypto) and as an SPKI PEM. A ticket token names its key by `kid`.",
  tag: TAG,
  roles: DOOR_ROLES,
  scope: "venue:manage",
  responses: {
    200: {
      description: "The current key.",
      schema: z.object({
        keys: z.array(z.object({ kty: z.literal("OKP"), crv: z.literal("Ed25519"), x: z.string(), kid: z.string(), alg: z.literal("EdDSA").optional(), use: z.literal("sig").optional() })),
        pem: z.string(),
      }),
    },
  },
});

export const listDoorShows = op({
  method: "GET",
  path: "/checkin/shows",
  operationId: "listDoorShows",
  summary: "Shows a door can admit to now",
  description: "Scheduled shows of the caller's venues (all for admins) from an hour after their end back to two days ahead, today's first, at most 100; `open` says whether the door's window is open now.",
  tag: TAG,
  roles: DOOR_ROLES,
  scope: "venue:manage",
  responses: {
    200: {
      description: "The shows.",
      schema: z.object({
        shows: z.array(
          z.object({
            id: uuid("a show id"),
            title: z.string(),
            startsAt: dateTime(),
            startsAtLocal: z.string(),
            venue: z.string(),
            section: z.string(),
            today: z.boolean(),
            window: CheckinWindow,
            open: z.boolean(),
          }),
        ),
      }),
    },
  },
});

export const getDoorStats = op({
  method: "GET",
  path: "/checkin/shows/{showId}/stats",
  operationId: "getDoorStats",
  summary: "A show's door counters",
  description: "Bookings and people admitted against those sold, and the last 8 scans. Not rate limited: door screens poll it. A show outside the caller's venues is 404.",
  tag: TAG,
  params: showIdParams,
  roles: DOOR_ROLES,
  scope: "venue:manage",
  rateLimit: false,
  responses: {
    200: {
      description: "The counters.",
      schema: z.object({
        stats: z.object({
          admittedBookings: count(),
          admittedPeople: count(),
          soldBookings: count(),
          soldPeople: count(),
          lastScans: z.array(z.object({ at: dateTime(), result: CheckinResult, reason: z.string().nullable(), reference: z.string().nullable(), device: z.string() })),
        }),
      }),
    },
  },
  errors: ["NOT_FOUND"],
});
