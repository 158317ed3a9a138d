import { z } from "zod";
import { cancelOrRelease } from "@/lib/payments/cancellation";
import { route } from "@/lib/http/route";
import { bookingJson } from "@/app/api/v1/_serializers/bookings";
import { getBooking } from "@/lib/booking/queries";

const params = z.object({ bookingId: z.uuid("must be a booking id (UUID)") });

/** Releases a hold, or cancels a confirmed booking and refunds it under the show's policy. */
export const POST = route({ scope: "bookings:write", auth: "required", params }, async ({ user, params }) => {
  await cancelOrRelease(user.id, params.bookingId);
  return { booking: bookingJson(await getBooking(user.id, params.bookingId)) };
});
