"use client";
import { useActionState } from "react";
import { onSaleFormAction } from "@/app/actions/admin-onsale";
import { FormError } from "@/components/ui/field";

const input = "w-full rounded-lg border border-slate-300 bg-white px-3 py-2";
const label = "mb-1 block text-sm font-semibold";

/** On-sale time (venue time), waiting room on/off, admission rate, pause; end the room or remove the on-sale. */
export function OnSaleForm({ showId, current, timeZone }: { showId: string; current: { onSaleAt: string; waitingRoom: boolean; admitPerMinute: number; paused: boolean } | null; timeZone: string }) {
  const [state, action, pending] = useActionState(onSaleFormAction, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  const done = state?.ok
    ? state.data.intent === "end"
      ? "Waiting room ended: everyone can buy now."
      : state.data.intent === "remove"
        ? "On-sale removed: the show sells as usual."
        : `Saved for ${state.data.shows} show${state.data.shows === 1 ? "" : "s"}.`
    : null;
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="showId" value={showId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor="onSaleAt" className={label}>On sale from ({timeZone})</label>
          <input id="onSaleAt" name="onSaleAt" type="datetime-local" required className={input} defaultValue={current?.onSaleAt ?? ""} aria-invalid={fe?.onSaleAt ? true : undefined} />
          {fe?.onSaleAt ? <p className="mt-1 text-sm text-red-600">{fe.onSaleAt.join(" ")}</p> : null}
        </div>
        <div>
          <label htmlFor="admitPerMinute" className={label}>Let through per minute</label>
          <input id="admitPerMinute" name="admitPerMinute" type="number" min={1} max={100000} required className={input} defaultValue={current?.admitPerMinute ?? 200} />
          {fe?.admitPerMinute ? <p className="mt-1 text-sm text-red-600">{fe.admitPerMinute.join(" ")}</p> : null}
        </div>
      </div>
      <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
        <label className="flex items-center gap-2"><input type="checkbox" name="waitingRoom" defaultChecked={current?.waitingRoom ?? true} /> Waiting room (random order for early arrivals)</label>
        <label className="flex items-center gap-2"><input type="checkbox" name="paused" defaultChecked={current?.paused ?? false} /> Pause admissions</label>
      </div>
      <fieldset className="text-sm">
        <legend className="sr-only">Apply to</legend>
        <label className="mr-4 inline-flex items-center gap-2"><input type="radio" name="scope" value="show" defaultChecked /> This show</label>
        <label className="inline-flex items-center gap-2"><input type="radio" name="scope" value="event" /> Every upcoming show of this event</label>
      </fieldset>
      {state && !state.ok && !fe ? <FormError message={state.message} /> : null}
      {done ? <p role="status" className="text-sm text-emerald-700">{done}</p> : null}
      <div className="flex flex-wrap gap-2">
        <button name="intent" value="save" disabled={pending} className="rounded-lg bg-ink-900 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60">Save on-sale</button>
        {current ? (
          <>
            <button name="intent" value="end" disabled={pending} formNoValidate className="rounded-lg px-4 py-2 text-sm font-semibold ring-1 ring-slate-300">End waiting room</button>
            <button name="intent" value="remove" disabled={pending} formNoValidate className="rounded-lg px-4 py-2 text-sm font-semibold text-red-700 ring-1 ring-red-200">Remove on-sale</button>
          </>
        ) : null}
      </div>
    </form>
  );
}
