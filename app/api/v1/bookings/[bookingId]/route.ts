import { z } from "zod";
import { getUserBooking } from "@/lib/booking/history";
import { route } from "@/lib/http/route";
import { holdJson } from "@/lib/seating/api";
import { getHold } from "@/lib/seating/holds";

const params = z.object({ bookingId: z.uuid("must be a booking id (UUID)") });

/** The booking with its show, seats, amounts, status and (while held) when the hold ends. */
export const GET = route({ auth: "required", params }, async ({ user, params }) => {
  const [summary, hold] = await Promise.all([getUserBooking(user.id, params.bookingId), getHold(user.id, params.bookingId)]);
  return { booking: { ...summary, ...holdJson(hold) } };
});
