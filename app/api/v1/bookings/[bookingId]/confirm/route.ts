import { paidTicket } from "@/lib/payments/paid-ticket";
import { route } from "@/lib/http/route";
import * as bookings from "@/lib/api/contract/bookings";

/** The confirmed booking and its ticket once paid; 402 before. */
export const POST = route(bookings.confirmBooking, async ({ user, params }) => ({ booking: await paidTicket(user.id, params.bookingId) }));
