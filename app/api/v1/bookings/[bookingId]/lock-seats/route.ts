import { route } from "@/lib/http/route";
import * as bookings from "@/lib/api/contract/bookings";
import { bookingJson } from "@/app/api/v1/_serializers/bookings";
import { holdSeats } from "@/lib/booking/hold";
import { passFromRequest } from "@/lib/onsale/http";

/**
 * Holds exactly these seats and zone quantities for the booking, all or none: 409
 * SEATS_UNAVAILABLE names the taken seats, 409 ZONE_SOLD_OUT the zones short of places. While the
 * show's waiting room is open the request carries its pass (X-Queue-Pass, or the browser's cookie).
 */
export const POST = route(bookings.lockSeats, async ({ req, user, params, body }) => {
  const queuePass = (showId: string) => passFromRequest(req, showId);
  return { booking: bookingJson(await holdSeats(user.id, params.bookingId, body.seatIds, body.zones, { queuePass })) };
});
