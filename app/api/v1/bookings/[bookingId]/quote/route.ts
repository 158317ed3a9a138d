import { z } from "zod";
import { quoteBooking } from "@/lib/booking/quote";
import { route } from "@/lib/http/route";
import { enforceRateLimit } from "@/lib/ratelimit";

const params = z.object({ bookingId: z.uuid("must be a booking id (UUID)") });
const query = z.object({ promoCode: z.string().trim().max(40).optional() });

/** The booking's price lines, with a promo code applied or the reason it does not apply. */
export const GET = route({ scope: "bookings:write", auth: "required", params, query }, async ({ user, params, query }) => {
  if (query.promoCode) await enforceRateLimit("promo", `user:${user.id}`);
  return { quote: await quoteBooking(user.id, params.bookingId, query.promoCode) };
});
