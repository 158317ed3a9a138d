import { publicUser } from "@/lib/auth/accounts";
import * as users from "@/lib/api/contract/users";
import { requireSelf } from "@/lib/auth/params";
import { route } from "@/lib/http/route";

export const GET = route(users.getUserProfile, async ({ user, params }) => {
  requireSelf(user, params.userId);
  return { user: publicUser(user) };
});
