import { z } from "zod";
import { route } from "@/lib/http/route";
import { bookingJson } from "@/app/api/v1/_serializers/bookings";
import { holdSeats } from "@/lib/booking/hold";
import { passFromRequest } from "@/lib/onsale/http";

const params = z.object({ bookingId: z.uuid("must be a booking id (UUID)") });
// Counts and duplicates are the domain's to judge (TOO_MANY_SEATS, DUPLICATE_SEATS); this only
// keeps absurd bodies out.
const body = z
  .object({
    seatIds: z.array(z.uuid("must be seat ids (UUIDs)")).max(100).default([]),
    zones: z
      .array(z.object({ zoneId: z.uuid("must be a zone id (UUID)"), quantity: z.number().int("must be a whole number").min(1, "at least 1").max(100) }))
      .max(20)
      .default([]),
  })
  .refine((b) => b.seatIds.length + b.zones.length > 0, { message: "pick at least one seat or zone", path: ["seatIds"] });

/**
 * Holds exactly these seats and zone quantities for the booking, all or none: 409
 * SEATS_UNAVAILABLE names the taken seats, 409 ZONE_SOLD_OUT the zones short of places. While the
 * show's waiting room is open the request carries its pass (X-Queue-Pass, or the browser's cookie).
 */
export const POST = route({ scope: "bookings:write", auth: "required", params, body, rateLimit: "holdSeats" }, async ({ req, user, params, body }) => {
  const queuePass = (showId: string) => passFromRequest(req, showId);
  return { booking: bookingJson(await holdSeats(user.id, params.bookingId, body.seatIds, body.zones, { queuePass })) };
});
