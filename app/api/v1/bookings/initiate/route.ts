import { z } from "zod";
import { route } from "@/lib/http/route";
import { bookingJson } from "@/app/api/v1/_serializers/bookings";
import { initiateBooking } from "@/lib/booking/initiate";

const body = z.object({ showId: z.uuid("must be a show id (UUID)") });

/** Starts a booking for a show (INITIATED); seats are held with …/lock-seats. */
export const POST = route(
  { auth: "required", body, rateLimit: "holdSeats" },
  async ({ user, body }) => ({ booking: bookingJson(await initiateBooking(user.id, body.showId)) }),
  { status: 201 },
);
