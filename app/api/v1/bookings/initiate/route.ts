import { route } from "@/lib/http/route";
import * as bookings from "@/lib/api/contract/bookings";
import { bookingJson } from "@/app/api/v1/_serializers/bookings";
import { initiateBooking } from "@/lib/booking/initiate";
import { passFromRequest } from "@/lib/onsale/http";
import { requireAdmission } from "@/lib/onsale/room";

/**
 * Starts a booking for a show (INITIATED); seats are held with …/lock-seats. Before the on-sale
 * 409 NOT_ON_SALE_YET; while its waiting room is open, 403 QUEUE_PASS_* without a valid pass.
 */
export const POST = route(
  bookings.initiateBooking,
  async ({ req, user, body, apiKey }) => {
    await requireAdmission(user.id, body.showId, passFromRequest(req, body.showId));
    return { booking: bookingJson(await initiateBooking(user.id, body.showId, undefined, { apiKeyId: apiKey?.id })) };
  },
  { status: 201 },
);
