import { env, type Env } from "@/lib/env.js";

/**
 * The dev mailbox shows every queued message (password-reset links, tickets) in the browser. It
 * exists only where someone asked for it (DEV_MAILBOX=true: `npm run dev`, `npm run demo`) and no
 * real email delivery is configured (with SMTP_URL set, links go to their owners only).
 */
export const devMailboxEnabled = () => env().DEV_MAILBOX === "true" && !env().SMTP_URL;

/** Only admins read it: it holds everyone's account links. Others get a 404, as if it did not exist. */
export const canReadDevMailbox = (user: { role: string } | null) => devMailboxEnabled() && user?.role === "admin";

/** What a server should say at start when its email goes nowhere a person can read; null when fine. */
export function mailDeliveryWarning(e: Env = env()): string | null {
  if (e.NODE_ENV !== "production" || e.SMTP_URL || e.DEV_MAILBOX === "true") return null;
  return (
    "[mail] SMTP_URL is not set: emails (verification and password-reset links, tickets) are only stored in the outbox " +
    "and nobody receives them. Set SMTP_URL for real delivery, or DEV_MAILBOX=true in a demo to let admins read them at /dev/mailbox."
  );
}
