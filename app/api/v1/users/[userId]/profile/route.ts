import { publicUser } from "@/lib/auth/accounts";
import { requireSelf, userIdParams } from "@/lib/auth/params";
import { route } from "@/lib/http/route";

export const GET = route({ scope: "bookings:write", auth: "required", params: userIdParams }, async ({ user, params }) => {
  requireSelf(user, params.userId);
  return { user: publicUser(user) };
});
