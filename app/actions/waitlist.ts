"use server";
import { z } from "zod";
import { action } from "@/lib/http/action";
import { MAX_SEATS_PER_BOOKING } from "@/lib/seating/types";
import { joinWaitlist, leaveWaitlist } from "@/lib/waitlist/entries";

const signedIn = { auth: "user", messages: { unauthorized: "Sign in to join the waitlist." } } as const;
const perUser = { policy: "waitlist", key: (_input: unknown, user: { id: string }) => `user:${user.id}` } as const;

/** The show page's "Join the waitlist". */
export const joinWaitlistAction = action({
  input: z.object({
    showId: z.uuid(),
    zoneId: z.uuid().nullish(),
    quantity: z.coerce.number().int("Choose a whole number of tickets.").min(1, "Choose at least 1 ticket.").max(MAX_SEATS_PER_BOOKING, `At most ${MAX_SEATS_PER_BOOKING} tickets.`),
  }),
  ...signedIn,
  rateLimit: perUser,
  run: async ({ showId, zoneId, quantity }, { user }) => {
    const entry = await joinWaitlist(user.id, showId, { zoneId: zoneId ?? null, quantity });
    return { id: entry.id, status: entry.status, position: entry.position };
  },
});

/** "Leave the waitlist" (and "Decline" on an offer: its places go to the next in line). */
export const leaveWaitlistAction = action({
  input: z.object({ entryId: z.uuid() }),
  ...signedIn,
  rateLimit: perUser,
  run: async ({ entryId }, { user }) => {
    const entry = await leaveWaitlist(user.id, entryId);
    return { id: entry.id, status: entry.status };
  },
});
