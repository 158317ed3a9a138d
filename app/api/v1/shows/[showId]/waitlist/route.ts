import { z } from "zod";
import { waitlistEntryJson } from "@/app/api/v1/_serializers/waitlist";
import { showIdParams } from "@/lib/catalog/shows";
import { route } from "@/lib/http/route";
import { MAX_SEATS_PER_BOOKING } from "@/lib/seating/types";
import { joinWaitlist, myWaitlistEntries } from "@/lib/waitlist/entries";

const joinBody = z.object({
  quantity: z.number().int().min(1).max(MAX_SEATS_PER_BOOKING, `At most ${MAX_SEATS_PER_BOOKING} tickets.`),
  /** A general admission zone of the show; omitted or null: its reserved seats. */
  zoneId: z.uuid("must be a zone id (UUID)").nullish(),
});

/** The caller's waitlist entries for the show, live ones first. */
export const GET = route({ scope: "bookings:write", auth: "required", params: showIdParams, rateLimit: "waitlist" }, async ({ user, params }) => ({
  items: (await myWaitlistEntries(user.id, params.showId)).map(waitlistEntryJson),
}));

/** Joins the waitlist of a sold-out show (or zone); joining again answers the same entry. 409 NOT_SOLD_OUT while tickets are on sale. */
export const POST = route({ scope: "bookings:write", auth: "required", params: showIdParams, body: joinBody, rateLimit: "waitlist" }, async ({ user, params, body }) => ({
  entry: waitlistEntryJson(await joinWaitlist(user.id, params.showId, { quantity: body.quantity, zoneId: body.zoneId ?? null })),
}));
