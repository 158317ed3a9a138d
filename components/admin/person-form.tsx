"use client";
import { useActionState } from "react";
import { savePersonAction } from "@/app/actions/admin-credits";
import { FormError } from "@/components/ui/field";

const input = "w-full rounded-lg border border-slate-300 bg-white px-3 py-2";
const label = "mb-1 block text-sm font-semibold";

export function PersonForm({ initial }: { initial: { id: string; name: string; kind: string; bio: string } }) {
  const [state, action, pending] = useActionState(savePersonAction, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  const v = (k: "name" | "kind" | "bio") => (state && !state.ok ? state.values?.[k] : undefined) ?? initial[k];
  return (
    <form action={action} className="max-w-2xl space-y-4 rounded-2xl bg-white p-6 shadow-sm ring-1 ring-black/5">
      <input type="hidden" name="personId" value={initial.id} />
      <FormError message={state && !state.ok ? state.message : undefined} />
      <div>
        <label htmlFor="person-name" className={label}>Name</label>
        <input id="person-name" name="name" defaultValue={v("name")} maxLength={120} required className={input} />
        {fe?.name ? <p className="mt-1 text-sm text-red-600">{fe.name.join(" ")}</p> : null}
      </div>
      <div>
        <label htmlFor="person-kind" className={label}>Kind</label>
        <select id="person-kind" name="kind" defaultValue={v("kind")} className={input}>
          <option value="PERSON">Person</option>
          <option value="GROUP">Group (band, team, troupe)</option>
        </select>
      </div>
      <div>
        <label htmlFor="person-bio" className={label}>Bio</label>
        <textarea id="person-bio" name="bio" rows={5} defaultValue={v("bio")} maxLength={2000} className={input} />
        {fe?.bio ? <p className="mt-1 text-sm text-red-600">{fe.bio.join(" ")}</p> : null}
      </div>
      <button disabled={pending} className="rounded-lg bg-brand-500 px-5 py-2.5 font-semibold text-white disabled:opacity-60">{pending ? "Saving…" : "Save person"}</button>
    </form>
  );
}
