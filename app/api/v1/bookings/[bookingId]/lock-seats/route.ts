import { z } from "zod";
import { route } from "@/lib/http/route";
import { bookingJson } from "@/app/api/v1/_serializers/bookings";
import { holdSeats } from "@/lib/booking/hold";

const params = z.object({ bookingId: z.uuid("must be a booking id (UUID)") });
// Counts and duplicates are the domain's to judge (TOO_MANY_SEATS, DUPLICATE_SEATS); this only
// keeps absurd bodies out.
const body = z.object({ seatIds: z.array(z.uuid("must be seat ids (UUIDs)")).min(1, "pick at least one seat").max(100) });

/** Holds exactly these seats for the booking, all or none: 409 SEATS_UNAVAILABLE names the taken ones. */
export const POST = route({ auth: "required", params, body, rateLimit: "holdSeats" }, async ({ user, params, body }) => ({
  booking: bookingJson(await holdSeats(user.id, params.bookingId, body.seatIds)),
}));
