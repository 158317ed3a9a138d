"use client";
// A hall's general admission zones: each with its name, kind and capacity, saved or removed on its
// own, and a form to add one. Refusals (places sold or held at upcoming shows) show beside the zone.
import { useActionState } from "react";
import { addZoneFormAction, changeZoneFormAction } from "@/app/actions/admin-zones";
import { FormError } from "@/components/ui/field";
import type { HallZone } from "@/lib/admin/zones";

const input = "w-full rounded-lg border border-slate-300 bg-white px-3 py-2";

function KindSelect({ id, defaultValue }: { id: string; defaultValue?: string }) {
  return (
    <select id={id} name="kind" defaultValue={defaultValue ?? "STANDING"} className={input}>
      <option value="STANDING">Standing</option>
      <option value="TIMED_ENTRY">Timed entry (per slot)</option>
    </select>
  );
}

function ZoneRow({ sectionId, zone }: { sectionId: string; zone: HallZone }) {
  const [state, action, pending] = useActionState(changeZoneFormAction, null);
  const v = state && !state.ok ? state.values : undefined;
  return (
    <li className="rounded-xl p-3 ring-1 ring-slate-200">
      <form action={action} className="grid items-end gap-2 sm:grid-cols-[2fr_1.5fr_1fr_auto]" aria-label={`Zone ${zone.name}`}>
        <input type="hidden" name="zoneId" value={zone.id} />
        <input type="hidden" name="sectionId" value={sectionId} />
        <div>
          <label htmlFor={`zn-${zone.id}`} className="mb-1 block text-xs text-slate-600">Zone name</label>
          <input id={`zn-${zone.id}`} name="name" defaultValue={v?.name ?? zone.name} className={input} required />
        </div>
        <div>
          <label htmlFor={`zk-${zone.id}`} className="mb-1 block text-xs text-slate-600">Kind</label>
          <KindSelect id={`zk-${zone.id}`} defaultValue={v?.kind ?? zone.kind} />
        </div>
        <div>
          <label htmlFor={`zc-${zone.id}`} className="mb-1 block text-xs text-slate-600">Capacity</label>
          <input id={`zc-${zone.id}`} name="capacity" type="number" min={1} max={30000} defaultValue={v?.capacity ?? zone.capacity} className={input} required />
        </div>
        <div className="flex gap-2">
          <button name="intent" value="save" disabled={pending} className="rounded-lg bg-ink-900 px-3 py-2 text-sm font-semibold text-white disabled:opacity-60">Save</button>
          <button name="intent" value="remove" disabled={pending} className="rounded-lg px-3 py-2 text-sm text-red-700 ring-1 ring-red-200 disabled:opacity-60">Remove</button>
        </div>
      </form>
      <p className="mt-1 text-xs text-slate-500">
        On sale at {zone.upcomingShows} upcoming show(s); {zone.soldOrHeld} place(s) sold or held there.
      </p>
      {state && !state.ok ? <FormError message={state.message} /> : null}
      {state?.ok ? (
        <p role="status" className="mt-1 text-sm text-emerald-700">
          {state.data.deleted ? "Zone removed." : `Saved: ${state.data.capacity} places${state.data.added ? `, ${state.data.added} added to upcoming shows` : ""}${state.data.removed ? `, ${state.data.removed} free places taken off upcoming shows` : ""}.`}
        </p>
      ) : null}
    </li>
  );
}

export function ZoneManager({ sectionId, zones }: { sectionId: string; zones: HallZone[] }) {
  const [state, action, pending] = useActionState(addZoneFormAction, null);
  const v = state && !state.ok ? state.values : undefined;
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <section aria-labelledby="zones" className="space-y-3 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-black/5">
      <div>
        <h2 id="zones" className="font-semibold">General admission zones</h2>
        <p className="text-sm text-slate-600">
          Standing areas, or for timed entry the places per slot. Growing a zone adds places to upcoming shows that sell it; shrinking takes only free places off them.
        </p>
      </div>
      {zones.length ? (
        <ul className="space-y-2">
          {zones.map((z) => (
            <ZoneRow key={z.id} sectionId={sectionId} zone={z} />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-500">No zones yet.</p>
      )}
      <form action={action} className="grid items-end gap-2 border-t border-slate-100 pt-3 sm:grid-cols-[2fr_1.5fr_1fr_auto]" aria-label="Add a zone">
        <input type="hidden" name="sectionId" value={sectionId} />
        <div>
          <label htmlFor="new-zone-name" className="mb-1 block text-xs text-slate-600">New zone name</label>
          <input id="new-zone-name" name="name" placeholder="Fan Pit" defaultValue={v?.name ?? ""} className={input} required />
          {fe?.name ? <p className="text-xs text-red-700">{fe.name.join(". ")}</p> : null}
        </div>
        <div>
          <label htmlFor="new-zone-kind" className="mb-1 block text-xs text-slate-600">Kind</label>
          <KindSelect id="new-zone-kind" defaultValue={v?.kind} />
        </div>
        <div>
          <label htmlFor="new-zone-capacity" className="mb-1 block text-xs text-slate-600">Capacity</label>
          <input id="new-zone-capacity" name="capacity" type="number" min={1} max={30000} defaultValue={v?.capacity ?? ""} className={input} required />
          {fe?.capacity ? <p className="text-xs text-red-700">{fe.capacity.join(". ")}</p> : null}
        </div>
        <button disabled={pending} className="rounded-lg bg-brand-500 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-600 disabled:opacity-60">
          {pending ? "Adding…" : "Add zone"}
        </button>
      </form>
      {state && !state.ok ? <FormError message={state.message} /> : null}
    </section>
  );
}

export type ZoneDraft = { name: string; kind: "STANDING" | "TIMED_ENTRY"; capacity: number };

/** Zones typed into a new hall before it exists (saved with it). */
export function ZoneDrafts({ zones, onChange }: { zones: ZoneDraft[]; onChange: (zones: ZoneDraft[]) => void }) {
  const set = (i: number, patch: Partial<ZoneDraft>) => onChange(zones.map((z, j) => (j === i ? { ...z, ...patch } : z)));
  return (
    <fieldset className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-black/5">
      <legend className="sr-only">General admission zones</legend>
      <p className="font-semibold">General admission zones</p>
      <p className="mb-2 text-sm text-slate-600">Optional: standing areas or timed-entry places. A hall can have seats, zones, or both.</p>
      {zones.map((z, i) => (
        <div key={i} className="mb-2 grid items-end gap-2 sm:grid-cols-[2fr_1.5fr_1fr_auto]">
          <div>
            <label htmlFor={`draft-name-${i}`} className="mb-1 block text-xs text-slate-600">Zone name</label>
            <input id={`draft-name-${i}`} value={z.name} onChange={(e) => set(i, { name: e.target.value })} className={input} />
          </div>
          <div>
            <label htmlFor={`draft-kind-${i}`} className="mb-1 block text-xs text-slate-600">Kind</label>
            <select id={`draft-kind-${i}`} value={z.kind} onChange={(e) => set(i, { kind: e.target.value as ZoneDraft["kind"] })} className={input}>
              <option value="STANDING">Standing</option>
              <option value="TIMED_ENTRY">Timed entry (per slot)</option>
            </select>
          </div>
          <div>
            <label htmlFor={`draft-capacity-${i}`} className="mb-1 block text-xs text-slate-600">Capacity</label>
            <input id={`draft-capacity-${i}`} type="number" min={1} max={30000} value={z.capacity} onChange={(e) => set(i, { capacity: Number(e.target.value) })} className={input} />
          </div>
          <button type="button" onClick={() => onChange(zones.filter((_, j) => j !== i))} className="rounded-lg px-3 py-2 text-sm text-red-700 ring-1 ring-red-200">Remove</button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...zones, { name: "", kind: "STANDING", capacity: 100 }])} className="rounded-lg px-3 py-2 text-sm ring-1 ring-slate-300">
        Add a zone
      </button>
    </fieldset>
  );
}
