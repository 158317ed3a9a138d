// A show's waiting room (the queue an on-sale lets through at a set rate) and its waitlist (for
// places that come back once it sold out).
import { z } from "zod";
import { MAX_SEATS_PER_BOOKING } from "@/lib/seating/types";
import { op } from "./op";
import { AUTH_ERRORS, BODY_ERRORS, count, dateTime, showIdParams, uuid } from "./fields";

const QUEUE_TAG = "Waiting room";
const WAITLIST_TAG = "Waitlist";

/** The waiting room as everyone sees it (lib/onsale/room.ts's RoomState). */
export const RoomState = z
  .object({
    showId: uuid("a show id"),
    phase: z.enum(["NONE", "BEFORE", "OPEN", "CLOSED"]).meta({
      description: "NONE: on sale as usual, no room. BEFORE: the on-sale has not started. OPEN: the room lets buyers through. CLOSED: the room ended (sold out, or staff ended it).",
    }),
    onSaleAt: dateTime().nullable(),
    admittedThrough: count().meta({ description: "Queue places let through so far: place N is in when N <= admittedThrough." }),
    admitPerMinute: count(),
    paused: z.boolean(),
    closedReason: z.enum(["SOLD_OUT", "ENDED"]).nullable(),
    queueLength: count(),
    earlyJoiners: count().meta({ description: "How many joined before the on-sale (once it is open): an early joiner's place is about draw × this." }),
  })
  .meta({ id: "RoomState" });

export const QueueStatus = z
  .object({
    room: RoomState,
    joined: z.boolean(),
    position: z.number().int().min(1).nullable().meta({ description: "1-based place in line; null before the on-sale (early places are drawn at the on-sale) or when not joined." }),
    draw: z.number().min(0).max(1).nullable().meta({ description: "An early joiner's random draw in [0, 1): their place is about draw × room.earlyJoiners." }),
    ahead: count().nullable(),
    estimatedWaitSeconds: count().nullable(),
    admitted: z.boolean(),
    pass: z
      .object({ token: z.string(), expiresAt: dateTime() })
      .nullable()
      .meta({ description: "Once admitted: send `token` as `X-Queue-Pass` to initiate and lock-seats until `expiresAt` (a browser gets it as a cookie too). Each answer carries a fresh one." }),
  })
  .meta({ id: "QueueStatus" });

const QUEUE_HEADERS = {
  ETag: "The answer's version, the pass left out: send it back as If-None-Match.",
  "Cache-Control": "private, no-cache",
  "Set-Cookie": "The pass, once admitted (HttpOnly; for browsers).",
};

const queueAnswer = z.object({ queue: QueueStatus });

export const queueStatus = op({
  method: "GET",
  path: "/shows/{showId}/queue",
  operationId: "getQueueStatus",
  summary: "Your place in a show's waiting room",
  description:
    "The caller's place in line, how many are ahead, the estimated wait, and once admitted a pass that `POST /bookings/initiate` and `…/lock-seats` require while the room is open. `If-None-Match` with the last ETag answers 304 with no body until something the caller sees changes. Most of a wait is better spent polling `GET /shows/{showId}/queue/room` (one cacheable answer for everyone): a place in line does not move once the on-sale has started.",
  tag: QUEUE_TAG,
  params: showIdParams,
  headers: { "If-None-Match": { description: "The ETag of the last answer." } },
  auth: "required",
  scope: "bookings:write",
  responses: {
    200: { description: "The caller's place.", schema: queueAnswer, headers: QUEUE_HEADERS },
    304: { description: "Nothing changed since the ETag sent.", headers: { ETag: QUEUE_HEADERS.ETag } },
  },
  errors: [...AUTH_ERRORS],
});

export const joinQueue = op({
  method: "POST",
  path: "/shows/{showId}/queue",
  operationId: "joinQueue",
  summary: "Join a show's waiting room",
  description:
    "One place per account; joining again keeps it. Before the on-sale everyone who joins gets a random place when it starts (`draw`); after it, the back of the line. 409 `QUEUE_CLOSED` when the show has no open room (`details.reason`: SOLD_OUT means join the waitlist instead; no room at all means buy straight away). Rate limited per address (30 a minute), not per account.",
  tag: QUEUE_TAG,
  params: showIdParams,
  auth: "required",
  scope: "bookings:write",
  rateLimit: false,
  responses: { 201: { description: "The caller's place.", schema: queueAnswer, headers: QUEUE_HEADERS } },
  errors: [...AUTH_ERRORS, "QUEUE_CLOSED"],
});

/** A waitlist entry as its owner sees it (app/api/v1/_serializers/waitlist.ts). */
export const WaitlistEntry = z
  .object({
    id: uuid("a waitlist entry id"),
    showId: uuid("a show id"),
    zoneId: uuid("a zone id").nullable().meta({ description: "The general admission zone waited for; null: the show's reserved seats." }),
    zoneName: z.string().nullable(),
    quantity: z.number().int().min(1).max(MAX_SEATS_PER_BOOKING),
    status: z.enum(["WAITING", "OFFERED", "CLAIMED", "LAPSED", "LEFT", "CLOSED"]),
    position: z.number().int().min(1).nullable().meta({ description: "Place in line among those waiting for the same seats or zone (1 = next); null unless WAITING." }),
    offer: z
      .object({ bookingId: uuid("a booking id"), places: z.array(z.string()), offeredAt: dateTime().nullable(), expiresAt: dateTime().nullable() })
      .nullable()
      .meta({ description: "While OFFERED: the booking holding the places for the caller (pay it with `POST /payments/process` before `expiresAt`)." }),
    createdAt: dateTime(),
  })
  .meta({ id: "WaitlistEntry" });

export const myWaitlist = op({
  method: "GET",
  path: "/shows/{showId}/waitlist",
  operationId: "listWaitlistEntries",
  summary: "Your waitlist entries for a show",
  description: "The caller's entries for the show, live ones (WAITING, OFFERED) first.",
  tag: WAITLIST_TAG,
  params: showIdParams,
  auth: "required",
  scope: "bookings:write",
  rateLimit: "waitlist",
  responses: { 200: { description: "The entries.", schema: z.object({ items: z.array(WaitlistEntry) }) } },
  errors: [...AUTH_ERRORS],
});

export const joinWaitlist = op({
  method: "POST",
  path: "/shows/{showId}/waitlist",
  operationId: "joinWaitlist",
  summary: "Join a sold-out show's waitlist",
  description:
    "Waits for `quantity` places of the show's reserved seats (`zoneId` omitted or null) or of a general admission zone. Places that come back are offered in line order: the entry becomes OFFERED with a booking holding them (`offer`). Joining again answers the same entry (a WAITING one takes the new quantity). 409 `NOT_SOLD_OUT` while enough tickets are on sale (`details.available`: book them instead); 422 `UNKNOWN_ZONE` for a zone (or reserved seats) the show does not sell.",
  tag: WAITLIST_TAG,
  params: showIdParams,
  body: z.object({
    quantity: z.number().int().min(1).max(MAX_SEATS_PER_BOOKING, `At most ${MAX_SEATS_PER_BOOKING} tickets.`),
    /** A general admission zone of the show; omitted or null: its reserved seats. */
    zoneId: z.uuid("must be a zone id (UUID)").nullish(),
  }),
  auth: "required",
  scope: "bookings:write",
  rateLimit: "waitlist",
  responses: { 200: { description: "The entry (new, or the one the caller already had).", schema: z.object({ entry: WaitlistEntry }) } },
  errors: [...AUTH_ERRORS, ...BODY_ERRORS, "NOT_FOUND", "SHOW_NOT_ON_SALE", "UNKNOWN_ZONE", "NOT_SOLD_OUT", "INVALID_QUANTITY", "CONFLICT"],
});

export const leaveWaitlist = op({
  method: "DELETE",
  path: "/shows/{showId}/waitlist/{entryId}",
  operationId: "leaveWaitlist",
  summary: "Leave a waitlist",
  description: "The entry becomes LEFT; an offer left is released to the next in line (unless a payment of it is already under way). Leaving again answers the same entry. Someone else's entry, or one of another show: 404.",
  tag: WAITLIST_TAG,
  params: z.object({ showId: uuid("a show id"), entryId: uuid("a waitlist entry id") }),
  auth: "required",
  scope: "bookings:write",
  rateLimit: "waitlist",
  responses: { 200: { description: "The entry, LEFT (or as it was if it had already ended).", schema: z.object({ entry: WaitlistEntry }) } },
  errors: [...AUTH_ERRORS, "NOT_FOUND"],
});
