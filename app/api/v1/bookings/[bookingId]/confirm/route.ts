import { z } from "zod";
import { paidTicket } from "@/lib/payments/paid-ticket";
import { route } from "@/lib/http/route";

const params = z.object({ bookingId: z.uuid("must be a booking id (UUID)") });

/** The confirmed booking and its ticket once paid; 402 before. */
export const POST = route({ scope: "bookings:write", auth: "required", params }, async ({ user, params }) => ({ booking: await paidTicket(user.id, params.bookingId) }));
