import * as users from "@/lib/api/contract/users";
import { authenticate, publicUser } from "@/lib/auth/accounts";
import { issueApiToken } from "@/lib/auth/api-token";
import { AppError } from "@/lib/errors";
import { limitPasswordAttempt } from "@/lib/auth/sign-in-limit";
import { route } from "@/lib/http/route";

export const POST = route(
  users.loginUser,
  async ({ req, body }) => {
    // The same counters as the browser's sign-in (the credentials provider's authorize()).
    await limitPasswordAttempt(req.headers, body.email);
    const user = await authenticate(body.email, body.password);
    // One message for unknown email and wrong password alike.
    if (!user) throw new AppError("UNAUTHORIZED", "Email or password is incorrect.");
    const { token, expiresAt } = await issueApiToken(user.id, user.tokenVersion);
    return { token, tokenType: "Bearer", expiresAt, user: publicUser(user) };
  },
  { headers: { "Cache-Control": "no-store" } },
);
