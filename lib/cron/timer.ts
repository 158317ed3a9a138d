// The embedded scheduler: in `npm run demo` (or any single instance) the cron jobs run on a
// timer inside the server. Real deployments may also call /api/cron/* from a scheduler; the
// jobs are safe to overlap, so both at once is fine.
import "server-only";
import { env } from "@/lib/env.js";
import { log } from "@/lib/telemetry/log.mjs";
import { isDraining } from "@/lib/telemetry/lifecycle.mjs";
import { CRON_JOBS } from "./jobs";

const logger = log("cron");
const state = globalThis as unknown as { __marqueeCronTimer?: NodeJS.Timeout; __marqueeCronTick?: Promise<void> | null };

export function startCronTimer(): void {
  const seconds = env().CRON_TIMER_SECONDS;
  if (!seconds || state.__marqueeCronTimer) return;
  const tick = () => {
    if (state.__marqueeCronTick) return;
    state.__marqueeCronTick = (async () => {
      for (const [name, job] of Object.entries(CRON_JOBS)) {
        // Stopping: the jobs left for this tick wait for the next instance's.
        if (isDraining()) break;
        await job().catch((err: unknown) => logger.error({ err, job: name }, `cron job ${name} failed`));
      }
    })().finally(() => {
      state.__marqueeCronTick = null;
    });
  };
  state.__marqueeCronTimer = setInterval(tick, seconds * 1000);
  state.__marqueeCronTimer.unref();
}

/** Stops the timer and waits for a tick in progress to finish its current job. */
export async function stopCronTimer(): Promise<void> {
  if (state.__marqueeCronTimer) clearInterval(state.__marqueeCronTimer);
  state.__marqueeCronTimer = undefined;
  await state.__marqueeCronTick;
}
