// Next.js calls register() once per server instance at start-up.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { log } = await import("@/lib/telemetry/log.mjs");
  const { mailDeliveryWarning } = await import("@/lib/notifications/mailbox");
  const warning = mailDeliveryWarning();
  if (warning) log("mail").warn(warning.replace(/^\[mail\] /, ""));
  const { env } = await import("@/lib/env.js");
  if (env().NODE_ENV === "production" && !env().STRIPE_SECRET_KEY) {
    log("payments").warn("STRIPE_SECRET_KEY is not set: payments go through the local test gateway and nothing is charged. Fine for a demo; set the STRIPE_* variables before selling real tickets.");
  }
  const { startCronTimer, stopCronTimer } = await import("@/lib/cron/timer");
  const { stopDispatcher } = await import("@/lib/notifications/dispatcher");
  const { stopWebhookDispatcher } = await import("@/lib/webhooks/dispatch");
  const { closeDatabase } = await import("@/db/client");
  const { onShutdown } = await import("@/lib/telemetry/lifecycle.mjs");
  startCronTimer();
  // Run by the launcher (lib/server/shutdown.mjs) on SIGTERM, once requests in flight are done:
  // no new cron tick, the outbox's unsent claims handed back, then the pool closed.
  onShutdown("cron timer", stopCronTimer);
  onShutdown("outbox dispatcher", stopDispatcher);
  onShutdown("webhook dispatcher", stopWebhookDispatcher);
  onShutdown("database", closeDatabase);
}
