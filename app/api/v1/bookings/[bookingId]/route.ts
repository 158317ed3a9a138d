import { z } from "zod";
import { getUserBooking } from "@/lib/booking/history";
import { route } from "@/lib/http/route";
import { bookingJson } from "@/app/api/v1/_serializers/bookings";
import { getBooking } from "@/lib/booking/queries";

const params = z.object({ bookingId: z.uuid("must be a booking id (UUID)") });

/** The booking with its show, seats, amounts, status and (while held) when the hold ends. */
export const GET = route({ scope: "bookings:write", auth: "required", params }, async ({ user, params }) => {
  const [summary, hold] = await Promise.all([getUserBooking(user.id, params.bookingId), getBooking(user.id, params.bookingId)]);
  return { booking: { ...summary, ...bookingJson(hold) } };
});
