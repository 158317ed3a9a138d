"use server";
import { z } from "zod";
import { action } from "@/lib/http/action";
import { AppError } from "@/lib/errors";
import { findActiveHold, holdSeats } from "@/lib/booking/hold";
import { initiateBooking } from "@/lib/booking/initiate";
import { releaseHold } from "@/lib/booking/release";
import { passFromCookies } from "@/lib/onsale/http";
import { MAX_SEATS_PER_BOOKING } from "@/lib/seating/types";
import { offerFreedPlacesSafely } from "@/lib/waitlist/matcher";

const signedIn = { auth: "user", messages: { unauthorized: "Sign in to hold seats." } } as const;

const holdInput = z
  .object({
    showId: z.uuid(),
    seatIds: z.array(z.uuid()).max(MAX_SEATS_PER_BOOKING, `Pick at most ${MAX_SEATS_PER_BOOKING} seats.`).default([]),
    zones: z
      .array(z.object({ zoneId: z.uuid(), quantity: z.number().int().min(1).max(MAX_SEATS_PER_BOOKING, `At most ${MAX_SEATS_PER_BOOKING} tickets.`) }))
      .max(20)
      .default([]),
  })
  .refine((i) => i.seatIds.length + i.zones.length > 0, { message: "Pick at least one seat or ticket.", path: ["seatIds"] });

/**
 * The seat map's "Continue": holds exactly these seats on the viewer's current hold for the show
 * (so changing seats releases the old ones), or on a new booking when there is none.
 */
export const holdSeatsAction = action({
  input: holdInput,
  ...signedIn,
  rateLimit: { policy: "holdSeats", key: (_input, user) => `user:${user.id}` },
  run: async ({ showId, seatIds, zones }, { user }) => {
    // While the show's waiting room is open, holdSeats wants the pass the room gave this browser.
    const queuePass = await passFromCookies(showId);
    const current = await findActiveHold(user.id, showId);
    const bookingId = current?.id ?? (await initiateBooking(user.id, showId)).id;
    try {
      const hold = await holdSeats(user.id, bookingId, seatIds, zones, { queuePass });
      return { bookingId: hold.id, expiresAt: hold.expiresAt!.toISOString() };
    } catch (err) {
      // The hold ran out between the lookup and the lock: start a fresh one.
      if (err instanceof AppError && err.code === "HOLD_EXPIRED") {
        const fresh = await initiateBooking(user.id, showId);
        const hold = await holdSeats(user.id, fresh.id, seatIds, zones, { queuePass });
        return { bookingId: hold.id, expiresAt: hold.expiresAt!.toISOString() };
      }
      throw err;
    }
  },
});

/** "Change seats" / "Cancel" on checkout: lets the hold go; the seats are on sale again at once. */
export const releaseHoldAction = action({
  input: z.object({ bookingId: z.uuid() }),
  ...signedIn,
  run: async ({ bookingId }, { user }) => {
    const hold = await releaseHold(user.id, bookingId);
    await offerFreedPlacesSafely(hold.showId);
    return { showId: hold.showId };
  },
});
