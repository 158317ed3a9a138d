"use client";
import { useActionState } from "react";
import { savePromoAction, saveEventAction, saveVenueAction, uploadPosterAction } from "@/app/actions/admin-catalog";
import { FormError } from "@/components/ui/field";

const input = "w-full rounded-lg border border-slate-300 bg-white px-3 py-2";
const label = "mb-1 block text-sm font-semibold";
const Errors = ({ errors }: { errors?: string[] }) => (errors?.length ? <p className="mt-1 text-sm text-red-600">{errors.join(" ")}</p> : null);

export type EventDraft = { id?: string; title: string; category: string; description: string; languages: string; genres: string; durationMinutes: number | string; certificate: string; startDate: string; endDate: string };

export function EventForm({ initial }: { initial?: EventDraft }) {
  const [state, action, pending] = useActionState(saveEventAction, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  const v = (k: keyof EventDraft) => (state && !state.ok ? state.values?.[k] : undefined) ?? String(initial?.[k] ?? "");
  return (
    <form action={action} className="space-y-4 rounded-2xl bg-white p-6 shadow-sm ring-1 ring-black/5">
      {initial?.id ? <input type="hidden" name="eventId" value={initial.id} /> : null}
      <FormError message={state && !state.ok ? state.message : undefined} />
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <label htmlFor="ev-title" className={label}>Title</label>
          <input id="ev-title" name="title" defaultValue={v("title")} className={input} required />
          <Errors errors={fe?.title} />
        </div>
        <div>
          <label htmlFor="ev-category" className={label}>Category</label>
          <select id="ev-category" name="category" defaultValue={v("category") || "MOVIE"} className={input}>
            {["MOVIE", "CONCERT", "SPORTS", "PLAY", "COMEDY", "EXHIBITION"].map((c) => (
              <option key={c} value={c}>{c.charAt(0) + c.slice(1).toLowerCase()}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="ev-duration" className={label}>Duration (minutes)</label>
          <input id="ev-duration" name="durationMinutes" inputMode="numeric" defaultValue={v("durationMinutes")} className={input} required />
          <Errors errors={fe?.durationMinutes} />
        </div>
        <div>
          <label htmlFor="ev-languages" className={label}>Languages (comma separated)</label>
          <input id="ev-languages" name="languages" defaultValue={v("languages")} className={input} />
        </div>
        <div>
          <label htmlFor="ev-genres" className={label}>Genres (comma separated)</label>
          <input id="ev-genres" name="genres" defaultValue={v("genres")} className={input} />
        </div>
        <div>
          <label htmlFor="ev-cert" className={label}>Certificate / age guidance</label>
          <input id="ev-cert" name="certificate" defaultValue={v("certificate")} className={input} />
        </div>
        <div className="grid grid-cols-2 gap-2">
          <div>
            <label htmlFor="ev-start" className={label}>Runs from</label>
            <input id="ev-start" name="startDate" type="date" defaultValue={v("startDate")} className={input} />
          </div>
          <div>
            <label htmlFor="ev-end" className={label}>until</label>
            <input id="ev-end" name="endDate" type="date" defaultValue={v("endDate")} className={input} />
            <Errors errors={fe?.endDate} />
          </div>
        </div>
        <div className="sm:col-span-2">
          <label htmlFor="ev-desc" className={label}>Description</label>
          <textarea id="ev-desc" name="description" rows={4} defaultValue={v("description")} className={input} />
        </div>
      </div>
      <button disabled={pending} className="rounded-lg bg-brand-500 px-5 py-2.5 font-semibold text-white disabled:opacity-60">{pending ? "Saving…" : initial?.id ? "Save event" : "Create event (as a draft)"}</button>
    </form>
  );
}

export function PosterForm({ eventId }: { eventId: string }) {
  const [state, action, pending] = useActionState(uploadPosterAction, null);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="eventId" value={eventId} />
      <label htmlFor="poster" className={label}>Poster (JPEG, PNG or WebP, up to 2 MB; 2:3 works best)</label>
      <input id="poster" name="poster" type="file" accept="image/jpeg,image/png,image/webp" className="block text-sm" required />
      {state && !state.ok ? <FormError message={state.message} /> : null}
      {state?.ok ? <p role="status" className="text-sm text-emerald-700">Poster uploaded.</p> : null}
      <button disabled={pending} className="rounded-lg bg-ink-900 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60">{pending ? "Uploading…" : "Upload poster"}</button>
    </form>
  );
}

export type PromoDraft = Record<string, string> & { id?: string };

export function PromoForm({ initial }: { initial?: PromoDraft }) {
  const [state, action, pending] = useActionState(savePromoAction, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  const v = (k: string) => (state && !state.ok ? state.values?.[k] : undefined) ?? initial?.[k] ?? "";
  const field = (name: string, text: string, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <div>
      <label htmlFor={`p-${name}`} className={label}>{text}</label>
      <input id={`p-${name}`} name={name} defaultValue={v(name)} className={input} {...extra} />
      <Errors errors={fe?.[name]} />
    </div>
  );
  return (
    <form action={action} className="grid gap-4 rounded-2xl bg-white p-6 shadow-sm ring-1 ring-black/5 sm:grid-cols-3">
      {initial?.id ? <input type="hidden" name="promoId" value={initial.id} /> : null}
      <div className="sm:col-span-3"><FormError message={state && !state.ok ? state.message : undefined} /></div>
      {field("code", "Code", { required: true, style: { textTransform: "uppercase" } })}
      <div>
        <label htmlFor="p-kind" className={label}>Kind</label>
        <select id="p-kind" name="kind" defaultValue={v("kind") || "PERCENT"} className={input}>
          <option value="PERCENT">Percent off</option>
          <option value="FLAT">Rupees off</option>
        </select>
      </div>
      {field("amount", "Amount (% or ₹)", { required: true, inputMode: "decimal" })}
      {field("description", "Description (shown to buyers)")}
      {field("maxDiscount", "Cap on discount (₹)", { inputMode: "numeric" })}
      {field("minOrder", "Minimum order (₹)", { inputMode: "numeric" })}
      {field("startsAt", "Valid from", { type: "datetime-local" })}
      {field("endsAt", "Valid until", { type: "datetime-local" })}
      {field("maxUsesTotal", "Uses in total", { inputMode: "numeric" })}
      {field("maxUsesPerUser", "Uses per person", { inputMode: "numeric" })}
      {field("categories", "Only categories (e.g. MOVIE, PLAY)")}
      {field("cityIds", "Only cities (e.g. mumbai, pune)")}
      {field("seatTypes", "Only seat types (e.g. PREMIUM)")}
      {field("eventIds", "Only events (ids)")}
      <label className="flex items-center gap-2 self-end pb-2 text-sm">
        <input type="checkbox" name="firstBookingOnly" defaultChecked={v("firstBookingOnly") === "on"} /> First booking only
      </label>
      <div className="sm:col-span-3">
        <button disabled={pending} className="rounded-lg bg-brand-500 px-5 py-2.5 font-semibold text-white disabled:opacity-60">{pending ? "Saving…" : initial?.id ? "Save code" : "Create code"}</button>
      </div>
    </form>
  );
}

export type VenueDraft = { id?: string; cityId: string; name: string; address: string; lat: string; lng: string; timeZone: string };

export function VenueForm({ initial, cities }: { initial?: VenueDraft; cities: { id: string; name: string }[] }) {
  const [state, action, pending] = useActionState(saveVenueAction, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  const v = (k: keyof VenueDraft) => (state && !state.ok ? state.values?.[k] : undefined) ?? initial?.[k] ?? "";
  const field = (name: keyof VenueDraft, text: string, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <div>
      <label htmlFor={`v-${name}`} className={label}>{text}</label>
      <input id={`v-${name}`} name={name} defaultValue={v(name)} className={input} {...extra} />
      <Errors errors={fe?.[name]} />
    </div>
  );
  return (
    <form action={action} className="grid gap-4 rounded-2xl bg-white p-6 shadow-sm ring-1 ring-black/5 sm:grid-cols-2">
      {initial?.id ? <input type="hidden" name="venueId" value={initial.id} /> : null}
      <div className="sm:col-span-2"><FormError message={state && !state.ok ? state.message : undefined} /></div>
      {initial?.id ? null : (
        <div>
          <label htmlFor="v-city" className={label}>City</label>
          <select id="v-city" name="cityId" defaultValue={v("cityId")} className={input}>
            {cities.map((c) => (
              <option key={c.id} value={c.id}>{c.name}</option>
            ))}
          </select>
        </div>
      )}
      {field("name", "Name", { required: true })}
      {field("address", "Address", { required: true })}
      {field("lat", "Latitude", { inputMode: "decimal", required: true })}
      {field("lng", "Longitude", { inputMode: "decimal", required: true })}
      {field("timeZone", "Time zone", { required: true, placeholder: "Asia/Kolkata" })}
      <div className="sm:col-span-2">
        <button disabled={pending} className="rounded-lg bg-brand-500 px-5 py-2.5 font-semibold text-white disabled:opacity-60">{pending ? "Saving…" : initial?.id ? "Save venue" : "Open venue"}</button>
      </div>
    </form>
  );
}
