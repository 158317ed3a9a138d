import * as users from "@/lib/api/contract/users";
import { requireSelf } from "@/lib/auth/params";
import { listUserBookings } from "@/lib/booking/history";
import { route } from "@/lib/http/route";

export const GET = route(users.listUserBookings, async ({ user, params, query, apiKey }) => {
  requireSelf(user, params.userId);
  return listUserBookings(user.id, query, undefined, { apiKeyId: apiKey?.id });
});
