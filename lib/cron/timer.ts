// The embedded scheduler: in `npm run demo` (or any single instance) the cron jobs run on a
// timer inside the server. Real deployments may also call /api/cron/* from a scheduler; the
// jobs are safe to overlap, so both at once is fine.
import "server-only";
import { env } from "@/lib/env.js";
import { CRON_JOBS } from "./jobs";

const state = globalThis as unknown as { __marqueeCronTimer?: NodeJS.Timeout };

export function startCronTimer(): void {
  const seconds = env().CRON_TIMER_SECONDS;
  if (!seconds || state.__marqueeCronTimer) return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const [name, job] of Object.entries(CRON_JOBS)) {
        await job().catch((err: unknown) => console.error(`[cron] ${name} failed`, err));
      }
    } finally {
      running = false;
    }
  };
  state.__marqueeCronTimer = setInterval(tick, seconds * 1000);
  state.__marqueeCronTimer.unref();
}
