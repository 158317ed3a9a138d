"use client";
// General admission: a quantity per zone (Fan Pit, Gold standing, an entry slot), its price and
// what is left, then Continue holds them for 10 minutes like seats.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { formatMoney } from "@/lib/format/money";
import { FILLING_FAST_SHARE, MAX_SEATS_PER_BOOKING } from "@/lib/seating/types";

export type PickerZone = { id: string; name: string; kind: "STANDING" | "TIMED_ENTRY"; priceMinor: number; capacity: number; available: number };
type HoldResult = { ok: true; data: { bookingId: string } } | { ok: false; code: string; message: string };

type Props = {
  showId: string;
  currency: string;
  zones: PickerZone[];
  /** Quantities the viewer's hold has now, by zone id. */
  held: Record<string, number>;
  /** Reserved seats the viewer's hold has now: kept when the quantities change (one hold per show). */
  keepSeatIds?: string[];
  signedIn: boolean;
  onSale: boolean;
  holdAction: (input: { showId: string; seatIds: string[]; zones: { zoneId: string; quantity: number }[] }) => Promise<HoldResult>;
};

function availabilityWord(z: PickerZone, mine: number): { text: string; tone: string } {
  const left = z.available + mine;
  if (z.priceMinor < 0 || left <= 0) return { text: "Sold out", tone: "text-slate-500" };
  if (left <= Math.max(1, z.capacity * FILLING_FAST_SHARE)) return { text: `Filling fast · ${left} left`, tone: "text-amber-700" };
  return { text: "Available", tone: "text-emerald-700" };
}

export function ZonePicker({ showId, currency, zones, held, keepSeatIds = [], signedIn, onSale, holdAction }: Props) {
  const router = useRouter();
  const [qty, setQty] = useState<Record<string, number>>(held);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const total = Object.values(qty).reduce((a, b) => a + b, 0);
  const amount = zones.reduce((sum, z) => sum + (qty[z.id] ?? 0) * Math.max(0, z.priceMinor), 0);

  const change = (z: PickerZone, delta: number) =>
    setQty((q) => {
      const left = z.available + (held[z.id] ?? 0);
      const next = Math.max(0, Math.min((q[z.id] ?? 0) + delta, left, MAX_SEATS_PER_BOOKING - (total - (q[z.id] ?? 0))));
      return { ...q, [z.id]: next };
    });

  function onContinue() {
    if ((!total && !Object.keys(held).length) || pending) return;
    if (!signedIn) {
      router.push(`/signin?callbackUrl=${encodeURIComponent(`/shows/${showId}`)}`);
      return;
    }
    setError(null);
    startTransition(async () => {
      const picked = Object.entries(qty)
        .filter(([, n]) => n > 0)
        .map(([zoneId, quantity]) => ({ zoneId, quantity }));
      let result: HoldResult;
      try {
        if (!picked.length && !keepSeatIds.length) {
          setError("Choose at least one ticket.");
          return;
        }
        result = await holdAction({ showId, seatIds: keepSeatIds, zones: picked });
      } catch {
        setError("We couldn't reach the box office. Check your connection and try again.");
        return;
      }
      if (result.ok) {
        const { bookingId } = result.data;
        startTransition(() => router.push(`/checkout/${bookingId}`));
        return;
      }
      if (result.code === "ZONE_SOLD_OUT") router.refresh();
      setError(result.message);
    });
  }

  return (
    <section aria-labelledby="zones-heading" className="rounded-2xl bg-white p-4 ring-1 ring-slate-200">
      <h2 id="zones-heading" className="text-lg font-semibold">
        {zones.every((z) => z.kind === "TIMED_ENTRY") ? "Entry tickets" : "General admission"}
      </h2>
      <p className="text-sm text-slate-600">Choose how many tickets; one e-ticket admits your whole group. Up to {MAX_SEATS_PER_BOOKING} per booking.</p>
      <ul className="mt-3 divide-y divide-slate-100">
        {zones.map((z) => {
          const mine = held[z.id] ?? 0;
          const word = availabilityWord(z, mine);
          const n = qty[z.id] ?? 0;
          const soldOut = z.priceMinor < 0 || z.available + mine <= 0;
          return (
            <li key={z.id} className="flex flex-wrap items-center justify-between gap-3 py-3" data-zone={z.name}>
              <div>
                <p className="font-medium text-ink-900">{z.name}</p>
                <p className="text-sm">
                  {z.priceMinor >= 0 ? <span className="text-slate-700">{formatMoney(z.priceMinor, currency)}</span> : null}{" "}
                  <span className={word.tone}>· {word.text}</span>
                </p>
              </div>
              <div className="flex items-center gap-2" role="group" aria-label={`Tickets for ${z.name}`}>
                <button
                  type="button"
                  className="h-10 w-10 rounded-full border border-slate-300 text-lg font-semibold disabled:opacity-40"
                  onClick={() => change(z, -1)}
                  disabled={!onSale || n === 0}
                  aria-label={`One fewer ${z.name} ticket`}
                >
                  −
                </button>
                <output className="w-8 text-center text-lg font-semibold" aria-live="polite" aria-label={`${z.name} tickets`}>
                  {n}
                </output>
                <button
                  type="button"
                  className="h-10 w-10 rounded-full border border-slate-300 text-lg font-semibold disabled:opacity-40"
                  onClick={() => change(z, 1)}
                  disabled={!onSale || soldOut || total >= MAX_SEATS_PER_BOOKING || n >= z.available + mine}
                  aria-label={`One more ${z.name} ticket`}
                >
                  +
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {error ? (
        <p role="alert" className="mt-2 rounded-lg bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <div className="mt-3 flex items-center justify-between gap-3">
        <p className="text-sm text-slate-700">{total ? `${total} ticket${total === 1 ? "" : "s"} · ${formatMoney(amount, currency)}` : "No tickets chosen"}</p>
        <button
          type="button"
          onClick={onContinue}
          disabled={!onSale || !total || pending}
          className="rounded-full bg-brand-600 px-5 py-2.5 font-semibold text-white disabled:opacity-50"
        >
          {pending ? "Holding…" : "Continue"}
        </button>
      </div>
    </section>
  );
}
