"use client";
// Making and revoking partner API keys. The new key's text lives only in this component's state,
// from the action's answer: the server keeps a hash, so once this is gone it is gone for good.
import { useActionState, useState } from "react";
import { createApiKeyAction, revokeApiKeyAction, rollApiKeyAction } from "@/app/actions/admin-api-keys";
import { FormError } from "@/components/ui/field";

const input = "w-full rounded-lg border border-slate-300 bg-white px-3 py-2";
const label = "mb-1 block text-sm font-semibold";
const primary = "rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60";
const danger = "rounded-lg bg-red-600 px-4 py-2 text-sm font-semibold text-white hover:bg-red-700 disabled:opacity-60";
const plain = "rounded-lg px-4 py-2 text-sm font-semibold ring-1 ring-slate-300 hover:bg-slate-50";

function Errors({ id, errors }: { id: string; errors?: string[] }) {
  return errors?.length ? <p id={id} className="mt-1 text-sm text-red-600">{errors.join(" ")}</p> : null;
}

export type ScopeChoice = { name: string; description: string };

export function CreateApiKeyForm({ scopes, venues, adminNote }: { scopes: ScopeChoice[]; venues: { id: string; name: string }[]; adminNote?: string }) {
  const [state, action, pending] = useActionState(createApiKeyAction, null);
  // The answer that made a key is shown until dismissed; the next answer replaces it.
  const [dismissed, setDismissed] = useState<unknown>(null);
  const shown = state?.ok && dismissed !== state ? { secret: state.data.key, name: state.data.name, prefix: state.data.prefix } : null;
  const v = state && !state.ok ? state.values : undefined;
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <div className="space-y-4">
      {shown ? <NewKey {...shown} onDone={() => setDismissed(state)} /> : null}
      <form action={action} className="group space-y-4 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-black/5 sm:p-6" data-testid="new-api-key-form">
        <FormError message={state && !state.ok ? state.message : undefined} />
        <div>
          <label htmlFor="key-name" className={label}>Name</label>
          <input id="key-name" name="name" defaultValue={v?.name} required maxLength={80} placeholder="e.g. TicketHub — catalog sync" className={input} aria-invalid={fe?.name ? true : undefined} aria-describedby={fe?.name ? "key-name-err" : undefined} />
          <Errors id="key-name-err" errors={fe?.name} />
        </div>
        <fieldset>
          <legend className={label}>What the key may do</legend>
          <div className="space-y-2">
            {scopes.map((s) => (
              <label key={s.name} className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="scopes" value={s.name} className="mt-1" data-scope={s.name.replace(":", "-")} />
                <span>
                  <span className="font-mono font-semibold">{s.name}</span>
                  <span className="block text-slate-600">{s.description}</span>
                </span>
              </label>
            ))}
          </div>
          {adminNote ? <p className="mt-2 text-xs text-slate-500">{adminNote}</p> : null}
          <Errors id="key-scopes-err" errors={fe?.scopes} />
        </fieldset>
        {scopes.some((s) => s.name === "venue:manage") ? (
          // Shown once venue:manage is ticked (CSS only, so it works before the page's script loads).
          <fieldset className={`hidden group-has-[[data-scope=venue-manage]:checked]:block ${fe?.venueIds ? "!block" : ""}`}>
            <legend className={label}>Venues this key manages</legend>
            {venues.length ? (
              <div className="grid max-h-64 gap-2 overflow-y-auto rounded-lg p-3 ring-1 ring-slate-200 sm:grid-cols-2">
                {venues.map((v) => (
                  <label key={v.id} className="flex items-center gap-2 text-sm">
                    <input type="checkbox" name="venueIds" value={v.id} /> {v.name}
                  </label>
                ))}
              </div>
            ) : (
              <p className="text-sm text-slate-600">You are not assigned to any venue yet.</p>
            )}
            <Errors id="key-venues-err" errors={fe?.venueIds} />
          </fieldset>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="key-expires" className={label}>Expires</label>
            <select id="key-expires" name="expiresIn" defaultValue={v?.expiresIn ?? "never"} className={input}>
              <option value="never">Never (revoke it when done)</option>
              <option value="30">In 30 days</option>
              <option value="90">In 90 days</option>
              <option value="365">In a year</option>
            </select>
          </div>
          <div>
            <label htmlFor="key-rate" className={label}>Requests per minute</label>
            <input id="key-rate" name="rateLimitPerMinute" type="number" min={1} max={6000} defaultValue={v?.rateLimitPerMinute ?? 600} className={input} aria-invalid={fe?.rateLimitPerMinute ? true : undefined} />
            <Errors id="key-rate-err" errors={fe?.rateLimitPerMinute} />
          </div>
        </div>
        <button className={primary} disabled={pending}>{pending ? "Creating…" : "Create key"}</button>
      </form>
    </div>
  );
}

/** The new key, once: copy it now. */
function NewKey({ secret, name, prefix, onDone }: { secret: string; name: string; prefix: string; onDone: () => void }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  };
  return (
    <section role="status" aria-labelledby="new-key-title" className="space-y-3 rounded-2xl bg-amber-50 p-4 ring-1 ring-amber-300 sm:p-6" data-testid="new-api-key">
      <h3 id="new-key-title" className="font-semibold">Key “{name}” created ({prefix})</h3>
      <p className="text-sm font-semibold text-amber-900">Copy it now: you will not see this key again. We keep only a fingerprint of it, so if it is lost, revoke it and make another.</p>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input readOnly value={secret} aria-label="The new API key" className={`${input} font-mono text-xs sm:text-sm`} onFocus={(e) => e.currentTarget.select()} data-testid="new-api-key-value" />
        <button type="button" onClick={copy} className={primary}>{copied === "yes" ? "Copied" : "Copy"}</button>
      </div>
      <p aria-live="polite" className="text-xs text-slate-600">
        {copied === "yes" ? "Copied to the clipboard." : copied === "no" ? "Could not copy: select the key and copy it yourself." : "Send it as Authorization: Bearer <key>."}
      </p>
      <button type="button" onClick={onDone} className={plain}>I have stored it</button>
    </section>
  );
}

/** Revoke or roll a key, each behind a confirm step: the first press only asks. */
// Rendered for revoked and expired keys too (with `active` false): rolling with no overlap revokes
// the old key, and the list's refresh must not unmount the one place the new key is shown.
export function KeyActions({ keyId, name, active }: { keyId: string; name: string; active: boolean }) {
  const [asking, setAsking] = useState<"revoke" | "roll" | null>(null);
  const [revoked, revoke, revoking] = useActionState(revokeApiKeyAction, null);
  const [rolled, roll, rolling] = useActionState(rollApiKeyAction, null);
  const [dismissed, setDismissed] = useState<unknown>(null);
  if (rolled?.ok && dismissed !== rolled) {
    return <NewKey secret={rolled.data.key} name={rolled.data.name} prefix={rolled.data.prefix} onDone={() => setDismissed(rolled)} />;
  }
  if (!active) return null;
  if (asking === "revoke") {
    return (
      <form action={revoke} className={`${confirmBox} bg-red-50 ring-red-200`}>
        <input type="hidden" name="keyId" value={keyId} />
        <p className="text-sm">Revoke “{name}”? Every call with it is refused (401) from now on. This cannot be undone.</p>
        <FormError message={revoked && !revoked.ok ? revoked.message : undefined} />
        <div className="flex flex-wrap gap-2">
          <button className={danger} disabled={revoking}>{revoking ? "Revoking…" : "Revoke key"}</button>
          <button type="button" onClick={() => setAsking(null)} className={plain}>Keep it</button>
        </div>
      </form>
    );
  }
  if (asking === "roll") {
    const id = `roll-${keyId}`;
    return (
      <form action={roll} className={`${confirmBox} bg-slate-50 ring-slate-300`}>
        <input type="hidden" name="keyId" value={keyId} />
        <p className="text-sm">Replace “{name}” with a new key with the same scopes and venues. The new key is shown once.</p>
        <div>
          <label htmlFor={id} className={label}>The old key keeps working</label>
          <select id={id} name="overlapHours" defaultValue="24" className={input}>
            <option value="0">No longer: revoke it now (leaked)</option>
            <option value="1">For 1 hour</option>
            <option value="24">For 24 hours</option>
            <option value="168">For 7 days</option>
          </select>
        </div>
        <FormError message={rolled && !rolled.ok ? rolled.message : undefined} />
        <div className="flex flex-wrap gap-2">
          <button className={primary} disabled={rolling}>{rolling ? "Rolling…" : "Roll key"}</button>
          <button type="button" onClick={() => setAsking(null)} className={plain}>Cancel</button>
        </div>
      </form>
    );
  }
  return (
    <span className="flex flex-wrap gap-3">
      <button type="button" onClick={() => setAsking("roll")} className="text-sm font-semibold text-brand-700 underline" aria-label={`Roll ${name}`}>
        Roll…
      </button>
      <button type="button" onClick={() => setAsking("revoke")} className="text-sm font-semibold text-red-700 underline" aria-label={`Revoke ${name}`}>
        Revoke…
      </button>
    </span>
  );
}

const confirmBox = "w-full min-w-56 max-w-xs space-y-2 rounded-lg p-3 ring-1";
