import { waitlistEntryJson } from "@/app/api/v1/_serializers/waitlist";
import { route } from "@/lib/http/route";
import * as waitlist from "@/lib/api/contract/waitlist";
import { joinWaitlist, myWaitlistEntries } from "@/lib/waitlist/entries";

/** The caller's waitlist entries for the show, live ones first. */
export const GET = route(waitlist.listWaitlistEntries, async ({ user, params, apiKey }) => ({
  items: (await myWaitlistEntries(user.id, params.showId, { apiKeyId: apiKey?.id })).map(waitlistEntryJson),
}));

/** Joins the waitlist of a sold-out show (or zone); joining again answers the same entry. 409 NOT_SOLD_OUT while tickets are on sale. */
export const POST = route(waitlist.joinWaitlist, async ({ user, params, body, apiKey }) => ({
  entry: waitlistEntryJson(await joinWaitlist(user.id, params.showId, { quantity: body.quantity, zoneId: body.zoneId ?? null, apiKeyId: apiKey?.id })),
}));
