import * as users from "@/lib/api/contract/users";
import { revokeSessions } from "@/lib/auth/accounts";
import { route } from "@/lib/http/route";

// Ends every API token and browser session of the caller, this one included (token_version).
export const POST = route(users.logoutUser, async ({ user }) => {
  await revokeSessions(user.id);
  return { signedOut: true };
});
