// Jobs a scheduler runs through /api/cron/*, and the demo's in-process timer runs directly.
// Each is safe to run twice at the same time.
import "server-only";
import { dispatchOutbox } from "@/lib/notifications/dispatcher";
import { sendShowReminders } from "@/lib/notifications/reminders";
import { reconcilePayments } from "@/lib/payments/reconcile";
import { releaseExpiredHolds } from "@/lib/booking/release";
import { tickOpenRooms } from "@/lib/onsale/room";
import { offerWaitlists } from "@/lib/waitlist/matcher";
import { pruneListing } from "@/lib/catalog/listing-prune";
import { dispatchWebhooks } from "@/lib/webhooks/dispatch";
import { pruneWebhookHistory } from "@/lib/webhooks/prune";
import { observeCron } from "@/lib/telemetry/metrics.mjs";

const JOBS = {
  "release-expired-holds": () => releaseExpiredHolds(),
  // After the release: places of lapsed holds go to the waitlist first.
  "offer-waitlist": () => offerWaitlists(),
  "reconcile-payments": () => reconcilePayments(),
  "send-reminders": () => sendShowReminders(),
  "dispatch-notifications": () => dispatchOutbox({ limit: 200 }),
  // Waiting rooms move on (and close when sold out) while nobody is polling them.
  "tick-waiting-rooms": () => tickOpenRooms(),
  // The listing's copy of shows forgets the ones that began (they are never listed again).
  "prune-listing": () => pruneListing(),
  // The webhook delivery log keeps 30 days (what is still owed is kept whatever its age).
  "prune-webhooks": () => pruneWebhookHistory(),
  // Partners' webhooks: due deliveries and retries (lib/webhooks/dispatch.ts).
  "dispatch-webhooks": () => dispatchWebhooks({ limit: 200 }),
} as const satisfies Record<string, () => Promise<unknown>>;

export type CronJob = keyof typeof JOBS;

/** The jobs, each timed and counted (marquee_cron_runs_total, marquee_cron_duration_seconds). */
export const CRON_JOBS = Object.fromEntries(
  Object.entries(JOBS).map(([name, job]) => [name, () => observeCron(name, job)]),
) as { [K in CronJob]: (typeof JOBS)[K] };
