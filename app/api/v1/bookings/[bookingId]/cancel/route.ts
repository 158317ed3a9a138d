import { z } from "zod";
import { cancelOrRelease } from "@/lib/booking/cancel";
import { route } from "@/lib/http/route";
import { holdJson } from "@/lib/seating/api";
import { getHold } from "@/lib/seating/holds";

const params = z.object({ bookingId: z.uuid("must be a booking id (UUID)") });

/** Releases a hold, or cancels a confirmed booking and refunds it under the show's policy. */
export const POST = route({ auth: "required", params }, async ({ user, params }) => {
  await cancelOrRelease(user.id, params.bookingId);
  return { booking: holdJson(await getHold(user.id, params.bookingId)) };
});
