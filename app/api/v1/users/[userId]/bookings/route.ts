import { requireSelf, userIdParams } from "@/lib/auth/params";
import { historyQuerySchema, listUserBookings } from "@/lib/booking/history";
import { route } from "@/lib/http/route";

export const GET = route({ scope: "bookings:write", auth: "required", params: userIdParams, query: historyQuerySchema }, async ({ user, params, query }) => {
  requireSelf(user, params.userId);
  return listUserBookings(user.id, query);
});
