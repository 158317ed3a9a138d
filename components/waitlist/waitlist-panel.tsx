"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { joinWaitlistAction, leaveWaitlistAction } from "@/app/actions/waitlist";

export type PanelEntry = {
  id: string;
  zoneId: string | null;
  scope: string; // "seats" or the zone's name
  quantity: number;
  status: "WAITING" | "OFFERED";
  position: number | null;
  bookingId: string | null;
  places: string; // "A1, A2" or "Pit × 2"
  until: string | null; // the offer's deadline in the venue's time zone
};

/** A scope the viewer may wait for: the reserved seats (id null) or a zone, sold out or with a line. */
export type PanelScope = { id: string | null; name: string };

/**
 * The waitlist on a show page: join a sold-out show or zone with a quantity, see one's place in
 * line, leave; an offer says what is held until when and links to checkout.
 */
export function WaitlistPanel({ showId, scopes, entries, signedIn, maxQuantity, signInHref }: {
  showId: string;
  scopes: PanelScope[];
  entries: PanelEntry[];
  signedIn: boolean;
  maxQuantity: number;
  signInHref: string;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const joinable = scopes.filter((s) => !entries.some((e) => e.zoneId === s.id));
  const [scope, setScope] = useState<string>(joinable[0]?.id ?? "");
  const [quantity, setQuantity] = useState(2);

  const run = (fn: () => Promise<{ ok: true } | { ok: false; message: string }>, done: string) =>
    start(async () => {
      const result = await fn();
      setMessage(result.ok ? { error: false, text: done } : { error: true, text: result.message });
      if (result.ok) router.refresh();
    });

  return (
    <section aria-labelledby="waitlist-heading" className="mt-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-black/5">
      <h2 id="waitlist-heading" className="font-semibold">Waitlist</h2>
      {entries.map((e) =>
        e.status === "OFFERED" ? (
          <div key={e.id} className="mt-2 rounded-lg bg-emerald-50 p-3 text-emerald-900 ring-1 ring-emerald-200">
            <p>
              {e.places} {e.places.includes(",") || e.quantity > 1 ? "are" : "is"} held for you{e.until ? ` until ${e.until}` : ""}.{" "}
              <Link href={`/checkout/${e.bookingId}`} className="font-semibold underline">
                Complete your booking
              </Link>
            </p>
            <button type="button" disabled={pending} onClick={() => run(() => leaveWaitlistAction({ entryId: e.id }), "Offer declined.")} className="mt-2 text-sm text-emerald-800 underline disabled:opacity-60">
              No thanks, pass them on
            </button>
          </div>
        ) : (
          <div key={e.id} className="mt-2 flex flex-wrap items-center justify-between gap-2 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
            <p>
              You&apos;re <strong>#{e.position}</strong> in line for {e.quantity} {e.quantity === 1 ? "ticket" : "tickets"}
              {e.zoneId ? ` (${e.scope})` : ""}. We&apos;ll email and text you when they&apos;re held for you.
            </p>
            <button type="button" disabled={pending} onClick={() => run(() => leaveWaitlistAction({ entryId: e.id }), "You left the waitlist.")} className="rounded-lg px-3 py-1 text-sm font-medium text-brand-700 ring-1 ring-brand-200 hover:bg-brand-50 disabled:opacity-60">
              Leave
            </button>
          </div>
        ),
      )}
      {joinable.length ? (
        signedIn ? (
          <form
            className="mt-3 flex flex-wrap items-end gap-3"
            onSubmit={(ev) => {
              ev.preventDefault();
              run(() => joinWaitlistAction({ showId, zoneId: scope || null, quantity }), "You're on the waitlist.");
            }}
          >
            <p className="w-full text-sm text-slate-700">Sold out. Join the waitlist: when tickets come back, the first in line gets them held for 30 minutes.</p>
            {joinable.length > 1 || joinable[0]!.id ? (
              <label className="text-sm">
                <span className="block text-slate-600">For</span>
                <select value={scope} onChange={(e) => setScope(e.target.value)} className="rounded-lg border border-slate-300 px-2 py-1">
                  {joinable.map((s) => (
                    <option key={s.id ?? ""} value={s.id ?? ""}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            <label className="text-sm">
              <span className="block text-slate-600">Tickets</span>
              <select value={quantity} onChange={(e) => setQuantity(Number(e.target.value))} className="rounded-lg border border-slate-300 px-2 py-1">
                {Array.from({ length: maxQuantity }, (_, i) => i + 1).map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" disabled={pending} className="rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
              {pending ? "Joining…" : "Join the waitlist"}
            </button>
          </form>
        ) : (
          <p className="mt-2 text-sm text-slate-700">
            Sold out.{" "}
            <Link href={signInHref} className="font-semibold text-brand-700 underline">
              Sign in
            </Link>{" "}
            to join the waitlist.
          </p>
        )
      ) : null}
      <p aria-live="polite" role={message?.error ? "alert" : "status"} className={message?.error ? "mt-2 text-sm text-red-700" : "mt-2 text-sm text-slate-600"}>
        {message?.text ?? ""}
      </p>
    </section>
  );
}
