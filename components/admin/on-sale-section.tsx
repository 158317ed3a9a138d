// The admin show page's on-sale panel: the room's state and line, and the settings form.
import type { User } from "@/lib/auth/accounts";
import { roomStats } from "@/lib/admin/on-sale";
import { formatInZone, zonedYmd } from "@/lib/time/zone";
import { OnSaleForm } from "./on-sale-form";

const PHASE_WORDS = { NONE: "On sale", BEFORE: "Not on sale yet", OPEN: "Waiting room open", CLOSED: "Waiting room closed" } as const;

/** "2026-12-05T19:30" in the venue's zone, for a datetime-local input. */
function localInput(at: Date, timeZone: string): string {
  return `${zonedYmd(at, timeZone)}T${formatInZone(at, timeZone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" })}`;
}

export async function OnSaleSection({ user, showId }: { user: User; showId: string }) {
  const stats = await roomStats(user, showId);
  const o = stats.settings;
  const tz = stats.timeZone;
  const stat = (label: string, value: string) => (
    <div className="rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
      <p className="text-lg font-bold tabular-nums">{value}</p>
      <p className="text-xs text-slate-600">{label}</p>
    </div>
  );
  const phase = o?.waitingRoom && stats.phase === "CLOSED" ? `Closed: ${o.closedReason === "SOLD_OUT" ? "sold out" : "ended by staff"}` : PHASE_WORDS[stats.phase];
  return (
    <section aria-labelledby="on-sale" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-black/5">
      <h2 id="on-sale" className="font-semibold">On-sale and waiting room</h2>
      <p className="mb-3 text-sm text-slate-600">
        {o
          ? `${phase} · on sale from ${formatInZone(o.onSaleAt, tz, { dateStyle: "medium", timeStyle: "short" })}${o.waitingRoom ? "" : " (no waiting room)"}`
          : "No on-sale set: the show is on sale now. For a big on-sale, set a time and turn on the waiting room: everyone who arrives before it gets a random place, then buyers are let through at your rate."}
      </p>
      {o?.waitingRoom ? (
        <div className="mb-4 grid grid-cols-2 gap-2 sm:grid-cols-5" data-testid="queue-stats">
          {stat("in the queue", stats.queueLength.toLocaleString("en-IN"))}
          {stat("let through", stats.admittedThrough.toLocaleString("en-IN"))}
          {stat("still waiting", stats.waiting.toLocaleString("en-IN"))}
          {stat("per minute", o.paused ? "paused" : o.admitPerMinute.toLocaleString("en-IN"))}
          {stat("to clear the queue", stats.minutesToClear === null ? "—" : `${stats.minutesToClear} min`)}
        </div>
      ) : null}
      <OnSaleForm showId={showId} timeZone={tz} current={o ? { onSaleAt: localInput(o.onSaleAt, tz), waitingRoom: o.waitingRoom, admitPerMinute: o.admitPerMinute, paused: o.paused } : null} />
    </section>
  );
}
