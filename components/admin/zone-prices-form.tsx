"use client";
// Repricing a scheduled show's zones: a new price for free places, a price to put a zone on sale,
// or empty to take it off sale (refused while places are sold or held).
import { useActionState } from "react";
import { repriceZonesFormAction } from "@/app/actions/admin-zones";
import { FormError } from "@/components/ui/field";

const input = "w-full rounded-lg border border-slate-300 bg-white px-3 py-2";

export function ZonePricesForm({ showId, zones }: { showId: string; zones: { zoneId: string; name: string; priceMinor: number | null }[] }) {
  const [state, action, pending] = useActionState(repriceZonesFormAction, null);
  const v = state && !state.ok ? state.values : undefined;
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="showId" value={showId} />
      <div className="grid gap-2 sm:grid-cols-3">
        {zones.map((z) => (
          <div key={z.zoneId}>
            <label htmlFor={`price-zone-${z.zoneId}`} className="mb-1 block text-xs text-slate-600">{z.name} (₹)</label>
            <input id={`price-zone-${z.zoneId}`} name={`zone-${z.zoneId}`} inputMode="decimal" placeholder="not on sale" defaultValue={v?.[`zone-${z.zoneId}`] ?? (z.priceMinor === null ? "" : String(z.priceMinor / 100))} className={input} />
          </div>
        ))}
      </div>
      {state && !state.ok ? <FormError message={state.message} /> : null}
      {state?.ok ? <p role="status" className="text-sm text-emerald-700">Zone prices saved.</p> : null}
      <button disabled={pending} className="rounded-lg bg-ink-900 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60">{pending ? "Saving…" : "Save zone prices"}</button>
    </form>
  );
}
