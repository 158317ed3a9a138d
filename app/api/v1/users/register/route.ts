import * as users from "@/lib/api/contract/users";
import { publicUser, registerUser } from "@/lib/auth/accounts";
import { route } from "@/lib/http/route";
import { clientIp, enforceRateLimit } from "@/lib/ratelimit";

export const POST = route(
  users.registerUser,
  async ({ req, body }) => {
    await enforceRateLimit("signUp", clientIp(req.headers));
    return { user: publicUser(await registerUser(body)) };
  },
  { status: 201, headers: { "Cache-Control": "no-store" } },
);
