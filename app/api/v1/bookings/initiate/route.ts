import { requireKeyOwns } from "@/lib/auth/api-keys";
import { AppError } from "@/lib/errors";
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
    const booking = await initiateBooking(user.id, body.showId, undefined, { apiKeyId: apiKey?.id });
    // The customer's booking in progress from elsewhere is theirs (or another partner's), not this key's.
    if (apiKey && !booking.created) {
      await requireKeyOwns(apiKey, { bookingId: booking.id }).catch(() => {
        throw new AppError("CONFLICT", "This customer already has a booking in progress for this show, made elsewhere. It must be completed, or lapse within 10 minutes, before a new one can start.");
      });
    }
    return { booking: bookingJson(booking) };
  },
  { status: 201 },
);
