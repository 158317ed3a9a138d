// A sold-out show's waitlist: places that come back are offered to those waiting, in line order.
import { z } from "zod";
import { MAX_SEATS_PER_BOOKING } from "@/lib/seating/types";
import { op } from "./op";
import { dateTime, showIdParams, uuid } from "./fields";

const TAG = "Queue";

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

export const listWaitlistEntries = op({
  method: "GET",
  path: "/shows/{showId}/waitlist",
  operationId: "listWaitlistEntries",
  summary: "Your waitlist entries for a show",
  description: "The caller's entries for the show, live ones (WAITING, OFFERED) first.",
  tag: TAG,
  params: showIdParams,
  auth: "required",
  scope: "bookings:write",
  rateLimit: "waitlist",
  responses: { 200: { description: "The entries.", schema: z.object({ items: z.array(WaitlistEntry) }) } },
});

export const joinWaitlist = op({
  method: "POST",
  path: "/shows/{showId}/waitlist",
  operationId: "joinWaitlist",
  summary: "Join a sold-out show's waitlist",
  description:
    "Waits for `quantity` places of the show's reserved seats (`zoneId` omitted or null) or of a general admission zone. Places that come back are offered in line order: the entry becomes OFFERED with a booking holding them (`offer`). Joining again answers the same entry (a WAITING one takes the new quantity). 409 `NOT_SOLD_OUT` while enough tickets are on sale (`details.available`: book them instead); 422 `UNKNOWN_ZONE` for a zone (or reserved seats) the show does not sell.",
  tag: TAG,
  params: showIdParams,
  body: z.object({
    quantity: z.number().int().min(1).max(MAX_SEATS_PER_BOOKING, `At most ${MAX_SEATS_PER_BOOKING} tickets.`).describe("How many places to wait for (offered together)."),
    /** A general admission zone of the show; omitted or null: its reserved seats. */
    zoneId: z.uuid("must be a zone id (UUID)").nullish().describe("A general admission zone of the show; omitted or null: its reserved seats."),
  }),
  auth: "required",
  scope: "bookings:write",
  rateLimit: "waitlist",
  responses: { 200: { description: "The entry (new, or the one the caller already had).", schema: z.object({ entry: WaitlistEntry }) } },
  errors: ["NOT_FOUND", "SHOW_NOT_ON_SALE", "UNKNOWN_ZONE", "NOT_SOLD_OUT", "INVALID_QUANTITY", "CONFLICT"],
});

export const leaveWaitlist = op({
  method: "DELETE",
  path: "/shows/{showId}/waitlist/{entryId}",
  operationId: "leaveWaitlist",
  summary: "Leave a waitlist",
  description: "The entry becomes LEFT; an offer left is released to the next in line (unless a payment of it is already under way). Leaving again answers the same entry. Someone else's entry, or one of another show: 404.",
  tag: TAG,
  params: z.object({ showId: uuid("a show id"), entryId: uuid("a waitlist entry id") }),
  auth: "required",
  scope: "bookings:write",
  rateLimit: "waitlist",
  responses: { 200: { description: "The entry, LEFT (or as it was if it had already ended).", schema: z.object({ entry: WaitlistEntry }) } },
  errors: ["NOT_FOUND"],
});
