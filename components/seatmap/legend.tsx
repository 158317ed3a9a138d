import { memo } from "react";
import { formatMoney } from "@/lib/format/money";
import type { SeatMapLayout, SeatType } from "@/lib/seating/types";
import { SEAT_PATTERN, SEAT_TYPE_LABEL, SEAT_TYPES, seatClass, type SeatView } from "./seat-styles";

const STATES: { view: SeatView; label: string }[] = [
  { view: "available", label: "Available" },
  { view: "selected", label: "Your selection" },
  { view: "held", label: "Held by someone else" },
  { view: "booked", label: "Booked" },
  { view: "blocked", label: "Blocked" },
];

function Swatch({ view, type }: { view: SeatView; type: SeatType }) {
  return (
    <span aria-hidden="true" className={`inline-flex size-4 shrink-0 items-center justify-center rounded-[25%] border-[1.5px] text-[10px] leading-none ${seatClass(view, type)}`} style={SEAT_PATTERN[view]}>
      {type === "ACCESSIBLE" && view === "available" ? "♿" : null}
    </span>
  );
}

/**
 * Seat types with their prices (a range when a type is priced by zone), what each state looks
 * like, and, where the hall has wheelchair spaces, how they and their companion seats are sold.
 */
export const SeatLegend = memo(function SeatLegend({ layout }: { layout: SeatMapLayout }) {
  const prices = new Map<SeatType, { min: number; max: number }>();
  for (const s of layout.seats) {
    if (s.priceMinor < 0) continue; // not sold at this show
    const p = prices.get(s.type);
    prices.set(s.type, p ? { min: Math.min(p.min, s.priceMinor), max: Math.max(p.max, s.priceMinor) } : { min: s.priceMinor, max: s.priceMinor });
  }
  const money = (minor: number) => formatMoney(minor, layout.currency);
  return (
    <div className="px-4 py-3 text-sm text-slate-700">
      <div className="flex flex-col gap-3 sm:flex-row sm:justify-between">
        <ul aria-label="Seat types and prices" className="flex flex-wrap gap-x-4 gap-y-1">
          {SEAT_TYPES.filter((t) => prices.has(t)).map((t) => {
            const p = prices.get(t)!;
            return (
              <li key={t} className="flex items-center gap-1.5">
                <Swatch view="available" type={t} />
                {SEAT_TYPE_LABEL[t]}
                <span className="font-semibold text-ink-900">{p.min === p.max ? money(p.min) : `${money(p.min)}–${money(p.max)}`}</span>
              </li>
            );
          })}
        </ul>
        <ul aria-label="Seat states" className="flex flex-wrap gap-x-4 gap-y-1 text-slate-600">
          {STATES.map((s) => (
            <li key={s.view} className="flex items-center gap-1.5">
              <Swatch view={s.view} type="REGULAR" />
              {s.label}
            </li>
          ))}
        </ul>
      </div>
      {prices.has("ACCESSIBLE") || prices.has("COMPANION") ? (
        <p className="mt-2 text-slate-600">
          <span aria-hidden="true">♿ </span>
          {prices.has("COMPANION")
            ? "Each wheelchair space has a companion seat beside it, sold only together with that space so whoever comes with you sits next to you. Best available can pick both for you."
            : "Wheelchair spaces are marked ♿. Best available can pick them for you."}
        </p>
      ) : null}
    </div>
  );
});
