import { cancelOrRelease } from "@/lib/payments/cancellation";
import { route } from "@/lib/http/route";
import * as bookings from "@/lib/api/contract/bookings";
import { bookingJson } from "@/app/api/v1/_serializers/bookings";
import { getBooking } from "@/lib/booking/queries";

/** Releases a hold, or cancels a confirmed booking and refunds it under the show's policy. */
export const POST = route(bookings.cancelBooking, async ({ user, params }) => {
  await cancelOrRelease(user.id, params.bookingId);
  return { booking: bookingJson(await getBooking(user.id, params.bookingId)) };
});
