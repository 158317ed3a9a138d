import { getUserBooking } from "@/lib/booking/history";
import { route } from "@/lib/http/route";
import * as bookings from "@/lib/api/contract/bookings";
import { bookingJson } from "@/app/api/v1/_serializers/bookings";
import { getBooking } from "@/lib/booking/queries";

/** The booking with its show, seats, amounts, status and (while held) when the hold ends. */
export const GET = route(bookings.getBooking, async ({ user, params }) => {
  const [summary, hold] = await Promise.all([getUserBooking(user.id, params.bookingId), getBooking(user.id, params.bookingId)]);
  return { booking: { ...summary, ...bookingJson(hold) } };
});
