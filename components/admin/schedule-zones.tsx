// The scheduling form's general admission parts: a price per zone of the chosen hall, and a slot
// series (timed entry) instead of a list of start times.
import type { HallZoneOption } from "@/lib/admin/catalog";

const input = "w-full rounded-lg border border-slate-300 bg-white px-3 py-2";
const label = "mb-1 block text-sm font-semibold";
export const ZONE_KIND_LABEL = { STANDING: "standing", TIMED_ENTRY: "timed entry" } as const;

function Errors({ errors }: { errors?: string[] }) {
  return errors?.length ? <p className="mt-1 text-sm text-red-700">{errors.join(". ")}</p> : null;
}

export function ZonePriceFields({ zones, values, errors }: { zones: HallZoneOption[]; values?: Record<string, string>; errors?: Record<string, string[]> }) {
  if (zones.length === 0) return null;
  return (
    <fieldset>
      <legend className={label}>Zone prices (₹) — leave a zone empty to keep it off sale</legend>
      <div className="grid gap-3 sm:grid-cols-3">
        {zones.map((z) => (
          <div key={z.id}>
            <label htmlFor={`zone-${z.id}`} className="mb-1 block text-xs text-slate-600">
              {z.name} ({ZONE_KIND_LABEL[z.kind]}, {z.capacity.toLocaleString("en-IN")} {z.kind === "TIMED_ENTRY" ? "per slot" : "places"})
            </label>
            <input id={`zone-${z.id}`} name={`zone-${z.id}`} inputMode="decimal" defaultValue={values?.[`zone-${z.id}`] ?? ""} className={input} />
            <Errors errors={errors?.[`zone-${z.id}`]} />
          </div>
        ))}
      </div>
      <Errors errors={errors?.zonePrices} />
    </fieldset>
  );
}

export function SlotSeriesFields({ values, errors }: { values?: Record<string, string>; errors?: Record<string, string[]> }) {
  return (
    <fieldset className="rounded-xl bg-slate-50 p-3 ring-1 ring-slate-200">
      <legend className="px-1 text-sm font-semibold">Or a slot series (timed entry)</legend>
      <p className="mb-2 text-xs text-slate-600">Every chosen day gets a show per slot, from the first to the last slot start; each slot lasts one interval. Leave the start times empty.</p>
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor="slotFirst" className="mb-1 block text-xs text-slate-600">First slot starts</label>
          <input id="slotFirst" name="slotFirst" type="time" defaultValue={values?.slotFirst ?? ""} className={input} />
          <Errors errors={errors?.slotFirst} />
        </div>
        <div>
          <label htmlFor="slotLast" className="mb-1 block text-xs text-slate-600">Last slot starts</label>
          <input id="slotLast" name="slotLast" type="time" defaultValue={values?.slotLast ?? ""} className={input} />
          <Errors errors={errors?.slotLast ?? errors?.["series.last"]} />
        </div>
        <div>
          <label htmlFor="slotEvery" className="mb-1 block text-xs text-slate-600">Every (minutes)</label>
          <input id="slotEvery" name="slotEvery" type="number" min={5} max={720} step={5} defaultValue={values?.slotEvery ?? ""} className={input} />
          <Errors errors={errors?.slotEvery} />
        </div>
      </div>
    </fieldset>
  );
}
