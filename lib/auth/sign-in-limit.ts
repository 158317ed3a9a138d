import "server-only";
import { CredentialsSignin } from "next-auth";
import type { AppError } from "@/lib/errors";
import { clientIp, enforceRateLimit } from "@/lib/ratelimit";

/**
 * Counts one password check, wherever it comes from (Auth.js credentials sign-in, API login),
 * against the client's address and against the account: guessing one password from many
 * addresses, or many accounts' from one, both run out. Throws AppError RATE_LIMITED (429).
 */
export async function limitPasswordAttempt(headers: Headers, email: string): Promise<void> {
  await enforceRateLimit("signInAddress", clientIp(headers));
  await enforceRateLimit("signIn", email.trim().toLowerCase());
}

/** Auth.js passes a CredentialsSignin through unchanged (others become "Configuration" errors). */
export class SignInRateLimited extends CredentialsSignin {
  code = "rate_limited";
  constructor(readonly appError: AppError) {
    super();
  }
}
