import { publicUser } from "@/lib/auth/accounts";
import { requireSelf, userIdParams } from "@/lib/auth/params";
import { route } from "@/lib/http/route";

export const GET = route({ auth: "required", params: userIdParams }, async ({ user, params }) => {
  requireSelf(user, params.userId);
  return { user: publicUser(user) };
});
