"use client";
import { useActionState, useState } from "react";
import { blockSeatsFormAction, cancelShowFormAction, scheduleShowsAction } from "@/app/actions/admin";
import { FormError } from "@/components/ui/field";
import type { HallOption } from "@/lib/admin/catalog";
import { SlotSeriesFields, ZONE_KIND_LABEL, ZonePriceFields } from "./schedule-zones";

const input = "w-full rounded-lg border border-slate-300 bg-white px-3 py-2";
const label = "mb-1 block text-sm font-semibold";
const TYPE_LABEL: Record<string, string> = { REGULAR: "Regular", PREMIUM: "Premium", VIP: "VIP", RECLINER: "Recliner", ACCESSIBLE: "Wheelchair space", COMPANION: "Companion seat" };
const DAYS = [
  ["mon", "Mon"],
  ["tue", "Tue"],
  ["wed", "Wed"],
  ["thu", "Thu"],
  ["fri", "Fri"],
  ["sat", "Sat"],
  ["sun", "Sun"],
] as const;

function Errors({ errors }: { errors?: string[] }) {
  return errors?.length ? <p className="mt-1 text-sm text-red-600">{errors.join(" ")}</p> : null;
}

export function ScheduleForm({ events, halls, today }: { events: { id: string; title: string; category: string }[]; halls: HallOption[]; today: string }) {
  const [state, action, pending] = useActionState(scheduleShowsAction, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  const v = state && !state.ok ? state.values : undefined;
  const [hallId, setHallId] = useState(v?.sectionId ?? "");
  return (
    <form action={action} className="space-y-4 rounded-2xl bg-white p-6 shadow-sm ring-1 ring-black/5">
      <FormError message={state && !state.ok ? state.message : undefined} />
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="eventId" className={label}>Event</label>
          <select id="eventId" name="eventId" defaultValue={v?.eventId ?? ""} className={input} required>
            <option value="" disabled>Choose…</option>
            {events.map((e) => (
              <option key={e.id} value={e.id}>
                {e.title} ({e.category.toLowerCase()})
              </option>
            ))}
          </select>
          <Errors errors={fe?.eventId} />
        </div>
        <div>
          <label htmlFor="sectionId" className={label}>Hall</label>
          <select id="sectionId" name="sectionId" defaultValue={v?.sectionId ?? ""} onChange={(e) => setHallId(e.target.value)} className={input} required>
            <option value="" disabled>Choose…</option>
            {halls.map((h) => (
              <option key={h.id} value={h.id}>
                {h.venue} — {h.name} ({[h.seats ? `${h.seats} seats: ${h.seatTypes.map((t) => TYPE_LABEL[t] ?? t).join(", ")}` : "", ...h.zones.map((z) => `${z.name}: ${z.capacity} ${ZONE_KIND_LABEL[z.kind]}`)].filter(Boolean).join("; ")})
              </option>
            ))}
          </select>
          <Errors errors={fe?.sectionId} />
        </div>
        <div>
          <label htmlFor="from" className={label}>From</label>
          <input id="from" name="from" type="date" min={today} defaultValue={v?.from ?? today} className={input} required />
          <Errors errors={fe?.from} />
        </div>
        <div>
          <label htmlFor="to" className={label}>To</label>
          <input id="to" name="to" type="date" min={today} defaultValue={v?.to ?? today} className={input} required />
          <Errors errors={fe?.to} />
        </div>
      </div>
      <fieldset>
        <legend className={label}>On these days</legend>
        <div className="flex flex-wrap gap-3">
          {DAYS.map(([value, text]) => (
            <label key={value} className="flex items-center gap-1 text-sm">
              <input type="checkbox" name="days" value={value} defaultChecked /> {text}
            </label>
          ))}
        </div>
        <Errors errors={fe?.days} />
      </fieldset>
      <div>
        <label htmlFor="times" className={label}>Start times (venue time)</label>
        <input id="times" name="times" placeholder="13:00, 19:30" defaultValue={v?.times ?? ""} className={input} />
        <Errors errors={fe?.times} />
      </div>
      <SlotSeriesFields values={v} errors={fe} />
      <fieldset>
        <legend className={label}>Prices (₹) per seat type — every type in the hall needs one</legend>
        <div className="grid gap-3 sm:grid-cols-5">
          {Object.entries(TYPE_LABEL).map(([t, text]) => (
            <div key={t}>
              <label htmlFor={`price-${t}`} className="mb-1 block text-xs text-slate-600">{text}</label>
              <input id={`price-${t}`} name={t} inputMode="decimal" defaultValue={v?.[t] ?? ""} className={input} />
            </div>
          ))}
        </div>
        <Errors errors={fe?.prices} />
      </fieldset>
      <ZonePriceFields key={hallId} zones={halls.find((h) => h.id === hallId)?.zones ?? []} values={v} errors={fe} />
      <div className="grid gap-4 sm:grid-cols-3">
        <div>
          <label htmlFor="pricingStrategy" className={label}>Pricing</label>
          <select id="pricingStrategy" name="pricingStrategy" defaultValue={v?.pricingStrategy ?? "STATIC"} className={input}>
            <option value="STATIC">Fixed prices</option>
            <option value="DYNAMIC">Dynamic (demand and time, 0.9×–1.5×)</option>
          </select>
        </div>
        <div>
          <label htmlFor="language" className={label}>Language</label>
          <input id="language" name="language" defaultValue={v?.language ?? ""} className={input} />
        </div>
        <div>
          <label htmlFor="format" className={label}>Format</label>
          <input id="format" name="format" placeholder="2D, IMAX, Live" defaultValue={v?.format ?? ""} className={input} />
        </div>
      </div>
      <button disabled={pending} className="rounded-lg bg-brand-500 px-5 py-2.5 font-semibold text-white hover:bg-brand-600 disabled:opacity-60">
        {pending ? "Scheduling…" : "Schedule shows"}
      </button>
    </form>
  );
}

export function BlockSeatsForm({ showId }: { showId: string }) {
  const [state, action, pending] = useActionState(blockSeatsFormAction, null);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="showId" value={showId} />
      <label htmlFor="labels" className={label}>Seats (e.g. A1, A2, H14)</label>
      <input id="labels" name="labels" className={input} defaultValue={state && !state.ok ? state.values?.labels : ""} />
      {state && !state.ok ? <FormError message={state.message} /> : null}
      {state?.ok ? <p role="status" className="text-sm text-emerald-700">{state.data.changed} seat(s) updated.</p> : null}
      <div className="flex gap-2">
        <button name="blocked" value="true" disabled={pending} className="rounded-lg bg-ink-900 px-4 py-2 text-sm font-semibold text-white">Block</button>
        <button name="blocked" value="false" disabled={pending} className="rounded-lg px-4 py-2 text-sm font-semibold ring-1 ring-slate-300">Unblock</button>
      </div>
    </form>
  );
}

/** The show is cancelled already: running the cancellation again retries the refunds still outstanding. */
export function ResumeCancellationForm({ showId }: { showId: string }) {
  const [state, action, pending] = useActionState(cancelShowFormAction, null);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="showId" value={showId} />
      <input type="hidden" name="confirm" value="resume" />
      <input type="hidden" name="reason" value="Resuming the cancellation" />
      {state && !state.ok ? <FormError message={state.message} /> : null}
      <button disabled={pending} className="rounded-lg bg-red-600 px-4 py-2 text-sm font-semibold text-white hover:bg-red-700 disabled:opacity-60">
        {pending ? "Retrying…" : "Retry the refunds still outstanding"}
      </button>
    </form>
  );
}
