import { quoteBooking } from "@/lib/booking/quote";
import { route } from "@/lib/http/route";
import * as bookings from "@/lib/api/contract/bookings";
import { enforceRateLimit } from "@/lib/ratelimit";

/** The booking's price lines, with a promo code applied or the reason it does not apply. */
export const GET = route(bookings.quoteBooking, async ({ user, params, query }) => {
  if (query.promoCode) await enforceRateLimit("promo", `user:${user.id}`);
  return { quote: await quoteBooking(user.id, params.bookingId, query.promoCode) };
});
