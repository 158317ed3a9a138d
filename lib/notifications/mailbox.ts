import { env } from "@/lib/env.js";

/**
 * The dev mailbox shows queued messages (with their links) in the browser. It exists only while
 * no real email delivery is configured: with SMTP_URL set, links go to their owners only.
 */
export const devMailboxEnabled = () => !env().SMTP_URL;
