// Next.js calls register() once per server instance at start-up.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { mailDeliveryWarning } = await import("@/lib/notifications/mailbox");
  const warning = mailDeliveryWarning();
  if (warning) console.warn(warning);
  const { startCronTimer } = await import("@/lib/cron/timer");
  startCronTimer();
}
