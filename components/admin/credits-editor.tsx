"use client";
import { useActionState, useEffect, useId, useState } from "react";
import Link from "next/link";
import { addCreditAction, editCreditAction, removeCreditAction, searchPeopleAction } from "@/app/actions/admin-credits";
import { FormError } from "@/components/ui/field";
import type { PersonMatch } from "@/lib/admin/credits";
import type { Credit } from "@/lib/catalog/credit-groups";

const input = "w-full rounded-lg border border-slate-300 bg-white px-3 py-2";
const label = "mb-1 block text-sm font-semibold";
const ROLES = [
  ["CAST", "Cast"],
  ["CREW", "Crew"],
  ["ARTIST", "Artist"],
  ["TEAM", "Team"],
  ["SPEAKER", "Speaker"],
] as const;
const Errors = ({ errors }: { errors?: string[] }) => (errors?.length ? <p className="mt-1 text-sm text-red-600">{errors.join(" ")}</p> : null);

function RoleSelect({ id, name, defaultValue }: { id: string; name: string; defaultValue: string }) {
  return (
    <select id={id} name={name} defaultValue={defaultValue} className={input}>
      {ROLES.map(([value, text]) => (
        <option key={value} value={value}>
          {text}
        </option>
      ))}
    </select>
  );
}

function CreditRow({ eventId, credit, isAdmin }: { eventId: string; credit: Credit; isAdmin: boolean }) {
  const [state, action, pending] = useActionState(editCreditAction, null);
  const id = useId();
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <li className="py-3" data-testid="credit-row">
      <form action={action} className="grid items-end gap-2 sm:grid-cols-[1fr_8rem_1fr_5rem_auto]">
        <input type="hidden" name="eventId" value={eventId} />
        <input type="hidden" name="personId" value={credit.personId} />
        <input type="hidden" name="role" value={credit.role} />
        <p className="font-semibold sm:pb-2">
          <Link href={`/people/${credit.slug}`} className="hover:underline">
            {credit.name}
          </Link>
          {credit.kind === "GROUP" ? <span className="ml-1 text-xs font-normal text-slate-500">(group)</span> : null}
          {isAdmin ? (
            <Link href={`/admin/people/${credit.personId}`} className="ml-2 text-xs font-normal text-brand-700 underline">
              Edit person
            </Link>
          ) : null}
        </p>
        <div>
          <label htmlFor={`${id}-role`} className={label}>Role</label>
          <RoleSelect id={`${id}-role`} name="newRole" defaultValue={credit.role} />
        </div>
        <div>
          <label htmlFor={`${id}-credit`} className={label}>Credit</label>
          <input id={`${id}-credit`} name="credit" defaultValue={credit.credit} maxLength={120} placeholder="Director, as Vikram…" className={input} />
          <Errors errors={fe?.credit} />
        </div>
        <div>
          <label htmlFor={`${id}-position`} className={label}>Order</label>
          <input id={`${id}-position`} name="position" inputMode="numeric" defaultValue={credit.position} className={input} />
          <Errors errors={fe?.position} />
        </div>
        <button disabled={pending} className="rounded-lg bg-ink-900 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60">
          {pending ? "Saving…" : "Save"}
        </button>
      </form>
      {state && !state.ok ? <div className="mt-2"><FormError message={state.message} /></div> : null}
      {state?.ok ? <p role="status" className="mt-1 text-sm text-emerald-700">Saved.</p> : null}
      <form action={removeCreditAction} className="mt-1">
        <input type="hidden" name="eventId" value={eventId} />
        <input type="hidden" name="personId" value={credit.personId} />
        <input type="hidden" name="role" value={credit.role} />
        <button className="text-sm text-red-700 underline" aria-label={`Remove ${credit.name} (${credit.role.toLowerCase()})`}>
          Remove
        </button>
      </form>
    </li>
  );
}

/** Type a name, pick a match (radio buttons, so it works with a keyboard and a screen reader). */
function PersonPicker() {
  const [q, setQ] = useState("");
  const [matches, setMatches] = useState<PersonMatch[]>([]);
  useEffect(() => {
    if (q.trim().length < 2) return;
    let live = true;
    const t = setTimeout(async () => {
      const result = await searchPeopleAction({ q });
      if (live) setMatches(result.ok ? result.data : []);
    }, 200);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [q]);
  const shown = q.trim().length < 2 ? [] : matches;
  return (
    <fieldset className="space-y-2">
      <legend className={label}>Existing person</legend>
      <label htmlFor="credit-search" className="sr-only">Search people by name</label>
      <input id="credit-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Search by name" className={input} autoComplete="off" />
      <div role="radiogroup" aria-label="Matching people" className="space-y-1">
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="personId" value="" defaultChecked /> None: create a new person below
        </label>
        {shown.map((p) => (
          <label key={p.id} className="flex items-center gap-2 text-sm">
            <input type="radio" name="personId" value={p.id} /> {p.name}
            <span className="text-slate-500">
              {p.kind === "GROUP" ? "group · " : ""}
              {p.events} credit{p.events === 1 ? "" : "s"}
            </span>
          </label>
        ))}
      </div>
      <p aria-live="polite" className="text-xs text-slate-500">
        {q.trim().length >= 2 ? `${shown.length} match${shown.length === 1 ? "" : "es"}` : ""}
      </p>
    </fieldset>
  );
}

export function AddCreditForm({ eventId, nextPosition }: { eventId: string; nextPosition: number }) {
  const [state, action, pending] = useActionState(addCreditAction, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  const v = (k: string, d = "") => (state && !state.ok ? state.values?.[k] : undefined) ?? d;
  return (
    <form action={action} className="space-y-4" key={state?.ok ? state.data.personId : "form"}>
      <input type="hidden" name="eventId" value={eventId} />
      <FormError message={state && !state.ok ? state.message : undefined} />
      {state?.ok ? <p role="status" className="text-sm text-emerald-700">Credit added.</p> : null}
      <div className="grid gap-4 md:grid-cols-2">
        <PersonPicker />
        <fieldset className="space-y-2">
          <legend className={label}>Or a new person</legend>
          <div>
            <label htmlFor="new-name" className="mb-1 block text-sm">Name</label>
            <input id="new-name" name="newName" defaultValue={v("newName")} maxLength={120} className={input} />
            <Errors errors={fe?.newName ?? fe?.personId} />
          </div>
          <div>
            <label htmlFor="new-kind" className="mb-1 block text-sm">Kind</label>
            <select id="new-kind" name="newKind" defaultValue={v("newKind", "PERSON")} className={input}>
              <option value="PERSON">Person</option>
              <option value="GROUP">Group (band, team, troupe)</option>
            </select>
          </div>
          <div>
            <label htmlFor="new-bio" className="mb-1 block text-sm">Bio</label>
            <textarea id="new-bio" name="newBio" rows={2} defaultValue={v("newBio")} maxLength={2000} className={input} />
            <Errors errors={fe?.newBio} />
          </div>
        </fieldset>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <div>
          <label htmlFor="add-role" className={label}>Role</label>
          <RoleSelect id="add-role" name="role" defaultValue={v("role", "CAST")} />
          <Errors errors={fe?.role} />
        </div>
        <div>
          <label htmlFor="add-credit" className={label}>Credit</label>
          <input id="add-credit" name="credit" defaultValue={v("credit")} maxLength={120} placeholder="Director, as Vikram, Lead vocals" className={input} />
          <Errors errors={fe?.credit} />
        </div>
        <div>
          <label htmlFor="add-position" className={label}>Billing order (0 first)</label>
          <input id="add-position" name="position" inputMode="numeric" defaultValue={v("position", String(nextPosition))} className={input} />
          <Errors errors={fe?.position} />
        </div>
      </div>
      <button disabled={pending} className="rounded-lg bg-brand-500 px-5 py-2.5 font-semibold text-white disabled:opacity-60">
        {pending ? "Adding…" : "Add credit"}
      </button>
    </form>
  );
}

export function CreditsEditor({ eventId, credits, isAdmin }: { eventId: string; credits: Credit[]; isAdmin: boolean }) {
  return (
    <section aria-labelledby="event-credits" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-black/5">
      <h2 id="event-credits" className="font-semibold">Cast, crew and performers</h2>
      {credits.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No one is credited yet.</p>
      ) : (
        <ul className="divide-y divide-slate-200" aria-label="Credits">
          {credits.map((c) => (
            <CreditRow key={`${c.personId}-${c.role}`} eventId={eventId} credit={c} isAdmin={isAdmin} />
          ))}
        </ul>
      )}
      <h3 className="mt-6 mb-2 font-semibold">Add a credit</h3>
      <AddCreditForm eventId={eventId} nextPosition={credits.reduce((n, c) => Math.max(n, c.position + 1), 0)} />
    </section>
  );
}
