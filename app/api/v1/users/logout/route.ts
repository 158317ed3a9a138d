import { revokeSessions } from "@/lib/auth/accounts";
import { route } from "@/lib/http/route";

// Ends every API token and browser session of the caller, this one included (token_version).
export const POST = route({ auth: "required" }, async ({ user }) => {
  await revokeSessions(user.id);
  return { signedOut: true };
});
