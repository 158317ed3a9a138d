import { waitlistEntryJson } from "@/app/api/v1/_serializers/waitlist";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/http/route";
import * as waitlist from "@/lib/api/contract/waitlist";
import { leaveWaitlist, myWaitlistEntries } from "@/lib/waitlist/entries";

/** Leaves the waitlist; an offer left is released to the next in line. Someone else's entry: 404. */
export const DELETE = route(waitlist.leaveWaitlist, async ({ user, params, apiKey }) => {
  // With a partner key: only the places that key took.
  const mine = await myWaitlistEntries(user.id, params.showId, { apiKeyId: apiKey?.id });
  if (!mine.some((e) => e.id === params.entryId)) throw notFound("Waitlist entry");
  return { entry: waitlistEntryJson(await leaveWaitlist(user.id, params.entryId)) };
});
