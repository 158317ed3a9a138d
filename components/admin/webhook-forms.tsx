"use client";
import Link from "next/link";
import { useActionState } from "react";
import {
  createWebhookEndpointAction,
  redeliverWebhookAction,
  revealWebhookSecretAction,
  rotateWebhookSecretAction,
  sendTestWebhookAction,
  setWebhookEnabledAction,
  updateWebhookEventsAction,
} from "@/app/actions/admin-webhooks";
import { FormError } from "@/components/ui/field";

const input = "w-full rounded-lg border border-slate-300 bg-white px-3 py-2";
const label = "mb-1 block text-sm font-semibold";
const button = "rounded-lg px-3 py-2 text-sm font-semibold ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60";
const primary = "rounded-lg bg-brand-500 px-4 py-2.5 font-semibold text-white hover:bg-brand-600 disabled:opacity-60";

export type EventOption = { type: string; summary: string };

function Errors({ id, errors }: { id: string; errors?: string[] }) {
  return errors?.length ? <p id={id} className="mt-1 text-sm text-red-600">{errors.join(" ")}</p> : null;
}

function EventChoices({ events, checked, errors }: { events: EventOption[]; checked: string[]; errors?: string[] }) {
  return (
    <fieldset aria-describedby={errors?.length ? "eventTypes-err" : undefined}>
      <legend className={label}>Events to send</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {events.map((e) => (
          <label key={e.type} className="flex items-start gap-2 rounded-lg p-2 text-sm ring-1 ring-slate-200">
            <input type="checkbox" name="eventTypes" value={e.type} defaultChecked={checked.includes(e.type)} className="mt-1" />
            <span>
              <span className="block font-mono text-xs font-semibold">{e.type}</span>
              <span className="text-slate-600">{e.summary}</span>
            </span>
          </label>
        ))}
      </div>
      <Errors id="eventTypes-err" errors={errors} />
    </fieldset>
  );
}

/** A secret shown once, selectable, with a note on keeping it. */
function SecretValue({ secret, note }: { secret: string; note: string }) {
  return (
    <div className="space-y-1">
      <code data-testid="webhook-secret" className="block break-all rounded-lg bg-slate-900 px-3 py-2 font-mono text-sm text-emerald-200 select-all">{secret}</code>
      <p className="text-xs text-slate-600">{note}</p>
    </div>
  );
}

export function WebhookEndpointForm({ events, venues, allVenues }: { events: EventOption[]; venues: { id: string; name: string }[]; allVenues: boolean }) {
  const [state, action, pending] = useActionState(createWebhookEndpointAction, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  const v = state && !state.ok ? state.values : undefined;
  if (state?.ok) {
    return (
      <div role="status" className="space-y-3 rounded-2xl bg-white p-6 shadow-sm ring-1 ring-black/5">
        <p className="font-semibold text-emerald-800">Endpoint registered. Its signing secret:</p>
        <SecretValue secret={state.data.secret} note="Store it with your receiver: it verifies the Marquee-Signature header. You can reveal it again on the endpoint's page." />
        <Link href={`/admin/webhooks/${state.data.id}`} className="inline-block font-semibold text-brand-700 hover:underline">Open the endpoint and send a test event →</Link>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-4 rounded-2xl bg-white p-6 shadow-sm ring-1 ring-black/5">
      <FormError message={state && !state.ok ? state.message : undefined} />
      <div>
        <label htmlFor="wh-url" className={label}>URL</label>
        <input id="wh-url" name="url" type="url" inputMode="url" required placeholder="https://partner.example/webhooks/marquee" defaultValue={v?.url ?? ""} className={input} aria-invalid={fe?.url ? true : undefined} aria-describedby={fe?.url ? "url-err" : undefined} />
        <Errors id="url-err" errors={fe?.url} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="wh-venue" className={label}>Venue</label>
          <select id="wh-venue" name="venueId" defaultValue={v?.venueId ?? (allVenues ? "" : venues[0]?.id ?? "")} className={input} aria-describedby={fe?.venueId ? "venueId-err" : undefined}>
            {allVenues ? <option value="">Every venue</option> : null}
            {venues.map((ven) => (
              <option key={ven.id} value={ven.id}>{ven.name}</option>
            ))}
          </select>
          <Errors id="venueId-err" errors={fe?.venueId} />
        </div>
        <div>
          <label htmlFor="wh-description" className={label}>Description <span className="font-normal text-slate-500">(optional)</span></label>
          <input id="wh-description" name="description" maxLength={200} defaultValue={v?.description ?? ""} className={input} placeholder="Box office CRM" />
          <Errors id="description-err" errors={fe?.description} />
        </div>
      </div>
      <EventChoices events={events} checked={["booking.confirmed", "booking.cancelled", "booking.refunded"]} errors={fe?.eventTypes} />
      <button type="submit" disabled={pending} className={primary}>{pending ? "Registering…" : "Register endpoint"}</button>
    </form>
  );
}

export function EditEventsForm({ endpointId, events, checked, description }: { endpointId: string; events: EventOption[]; checked: string[]; description: string }) {
  const [state, action, pending] = useActionState(updateWebhookEventsAction, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="endpointId" value={endpointId} />
      <FormError message={state && !state.ok ? state.message : undefined} />
      <div>
        <label htmlFor="wh-edit-description" className={label}>Description</label>
        <input id="wh-edit-description" name="description" maxLength={200} defaultValue={description} className={input} />
      </div>
      <EventChoices events={events} checked={checked} errors={fe?.eventTypes} />
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={button}>{pending ? "Saving…" : "Save events"}</button>
        {state?.ok ? <p role="status" className="text-sm text-emerald-700">Saved.</p> : null}
      </div>
    </form>
  );
}

export function EnableToggle({ endpointId, active }: { endpointId: string; active: boolean }) {
  const [state, action, pending] = useActionState(setWebhookEnabledAction, null);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="endpointId" value={endpointId} />
      <input type="hidden" name="enabled" value={active ? "false" : "true"} />
      <button type="submit" disabled={pending} className={button}>{active ? "Disable" : "Enable"}</button>
      <FormError message={state && !state.ok ? state.message : undefined} />
    </form>
  );
}

export function SecretPanel({ endpointId, rotatingUntil }: { endpointId: string; rotatingUntil: string | null }) {
  const [revealed, reveal, revealing] = useActionState(revealWebhookSecretAction, null);
  const [rotated, rotate, rotating] = useActionState(rotateWebhookSecretAction, null);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <form action={reveal}>
          <input type="hidden" name="endpointId" value={endpointId} />
          <button type="submit" disabled={revealing} className={button}>Reveal secret</button>
        </form>
        <form
          action={rotate}
          onSubmit={(e) => {
            if (!confirm("Rotate the signing secret? The old one keeps signing alongside the new one for 24 hours.")) e.preventDefault();
          }}
        >
          <input type="hidden" name="endpointId" value={endpointId} />
          <button type="submit" disabled={rotating} className={button}>Rotate secret</button>
        </form>
      </div>
      {rotatingUntil && !rotated?.ok ? <p className="text-sm text-amber-800">Rotating: the previous secret also signs until {rotatingUntil}.</p> : null}
      <FormError message={(revealed && !revealed.ok ? revealed.message : undefined) ?? (rotated && !rotated.ok ? rotated.message : undefined)} />
      {rotated?.ok ? (
        <SecretValue secret={rotated.data.secret} note={`New secret. Deliveries carry a signature with each secret until ${new Date(rotated.data.previousExpiresAt).toUTCString()}; switch your receiver before then.`} />
      ) : revealed?.ok ? (
        <>
          <SecretValue secret={revealed.data.secret} note="Revealing a secret is recorded in the audit log." />
          {revealed.data.previousSecret ? <SecretValue secret={revealed.data.previousSecret} note="Previous secret, still signing during the rotation." /> : null}
        </>
      ) : null}
    </div>
  );
}

export function TestEventButton({ endpointId, disabled }: { endpointId: string; disabled: boolean }) {
  const [state, action, pending] = useActionState(sendTestWebhookAction, null);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="endpointId" value={endpointId} />
      <button type="submit" disabled={pending || disabled} className={button}>{pending ? "Sending…" : "Send test event"}</button>
      <div aria-live="polite">
        {state?.ok ? (
          <p role="status" className={`text-sm ${state.data.status === "succeeded" ? "text-emerald-700" : "text-red-700"}`}>
            Ping {state.data.status === "succeeded" ? "delivered" : "not delivered"}: {state.data.statusCode ?? state.data.error ?? "no answer"}
          </p>
        ) : null}
        <FormError message={state && !state.ok ? state.message : undefined} />
      </div>
    </form>
  );
}

export function RedeliverButton({ deliveryId, disabled }: { deliveryId: string; disabled: boolean }) {
  const [state, action, pending] = useActionState(redeliverWebhookAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <button type="submit" disabled={pending || disabled} className={button}>{pending ? "Sending…" : "Redeliver"}</button>
      <span aria-live="polite" className="text-sm">
        {state?.ok ? <span role="status" className={state.data.statusCode && state.data.statusCode < 300 ? "text-emerald-700" : "text-red-700"}>Sent again: {state.data.statusCode ?? state.data.error}</span> : null}
        {state && !state.ok ? <span role="alert" className="text-red-700">{state.message}</span> : null}
      </span>
    </form>
  );
}
