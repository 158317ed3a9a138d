"use client";
import { useId } from "react";
import { MAX_SEATS_PER_BOOKING } from "@/lib/seating/types";

export type Notice = { tone: "error" | "info"; text: string };

type SummaryBarProps = {
  labels: readonly string[];
  total: string;
  notice: Notice | null;
  pending: boolean;
  bestCount: number;
  onBestCount: (n: number) => void;
  /** How many of the best-available seats are wheelchair spaces; no stepper when `maxAccessible` is 0. */
  accessibleCount: number;
  maxAccessible: number;
  onAccessibleCount: (n: number) => void;
  onBest: () => void;
  onClear: () => void;
  onContinue: () => void;
};

const COUNTS = Array.from({ length: MAX_SEATS_PER_BOOKING }, (_, i) => i + 1);

/** The selection, its total and the actions, stuck to the bottom of the screen while the map is in view. */
export function SummaryBar({ labels, total, notice, pending, bestCount, onBestCount, accessibleCount, maxAccessible, onAccessibleCount, onBest, onClear, onContinue }: SummaryBarProps) {
  const countId = useId();
  const wheelchairId = useId();
  const count = labels.length;
  return (
    <div data-testid="seat-summary" className="sticky bottom-0 z-20 mt-4 rounded-t-xl bg-white px-4 pt-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] shadow-[0_-8px_24px_-12px_rgba(31,32,51,0.3)] ring-1 ring-black/5">
      {/* Both regions stay mounted so screen readers announce what appears in them. */}
      <div role="alert">
        {notice?.tone === "error" ? <p className="mb-2 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200">{notice.text}</p> : null}
      </div>
      <div role="status">
        {notice?.tone === "info" ? <p className="mb-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-800 ring-1 ring-amber-200">{notice.text}</p> : null}
      </div>

      {/* Two rows, placed by the grid (the DOM keeps the reading order): on a phone, what is chosen
          with Clear, the total and Continue, then best available, so the bar covers as little of
          the map as it can; from sm up, the selection and total, then best available, Clear, Continue. */}
      <div className="grid grid-cols-[minmax(0,1fr)_auto_auto_auto] items-center gap-x-2 gap-y-2 sm:gap-x-3 sm:gap-y-3">
        <div className="col-start-1 row-start-1 min-w-0 sm:col-span-3">
          <p className="text-sm text-slate-600">{count === 0 ? "No seats selected" : `${count} ${count === 1 ? "seat" : "seats"} selected`}</p>
          {/* A phone has no room for the hint: the empty map says as much. */}
          <p className={`truncate font-semibold text-ink-900 ${count === 0 ? "max-sm:hidden" : ""}`} title={labels.join(", ")}>
            {count === 0 ? "Tap seats on the map, or let us pick the best ones" : labels.join(", ")}
          </p>
        </div>
        <p className="col-start-3 row-start-1 text-lg font-bold text-ink-900 sm:col-start-4 sm:justify-self-end">
          <span className="sr-only">Total </span>
          {total}
        </p>
        <form
          className="col-span-4 row-start-2 flex min-w-0 items-center gap-1.5 sm:col-span-2"
          onSubmit={(e) => {
            e.preventDefault();
            onBest();
          }}
        >
          <label htmlFor={countId} className="sr-only">
            Number of seats
          </label>
          <select
            id={countId}
            value={bestCount}
            onChange={(e) => onBestCount(Number(e.target.value))}
            className="w-24 min-w-0 shrink rounded-lg border border-slate-300 bg-white py-2 pr-1 pl-2 text-sm text-ink-900 sm:w-auto sm:pr-7"
          >
            {COUNTS.map((n) => (
              <option key={n} value={n}>
                {n} {n === 1 ? "seat" : "seats"}
              </option>
            ))}
          </select>
          {maxAccessible > 0 || accessibleCount > 0 ? (
            <div role="group" aria-labelledby={wheelchairId} className="flex shrink-0 items-center gap-1 rounded-lg py-1 pr-1 pl-2 text-sm ring-1 ring-slate-300">
              <span id={wheelchairId} className="text-slate-600">
                <span aria-hidden="true">♿ </span>
                {/* The sign says it on a phone; the words stay for screen readers. */}
                <span className="max-sm:sr-only">Wheelchair spaces</span>
              </span>
              <StepButton label="Fewer wheelchair spaces" disabled={accessibleCount <= 0} onClick={() => onAccessibleCount(accessibleCount - 1)}>
                −
              </StepButton>
              <output aria-live="polite" aria-label={`${accessibleCount} wheelchair ${accessibleCount === 1 ? "space" : "spaces"}`} className="w-5 text-center font-semibold text-ink-900 tabular-nums">
                {accessibleCount}
              </output>
              <StepButton label="More wheelchair spaces" disabled={accessibleCount >= maxAccessible} onClick={() => onAccessibleCount(accessibleCount + 1)}>
                +
              </StepButton>
            </div>
          ) : null}
          <button type="submit" disabled={pending} className="shrink-0 rounded-lg px-2.5 py-2 text-sm font-semibold whitespace-nowrap text-brand-600 ring-1 ring-brand-500/40 hover:bg-brand-50 disabled:opacity-60 sm:px-3">
            Best available
          </button>
        </form>
        <button
          type="button"
          onClick={onClear}
          disabled={count === 0 || pending}
          className={`col-start-2 row-start-1 rounded-lg px-2 py-2 ${count === 0 ? "max-sm:hidden" : ""} text-sm font-medium text-slate-600 hover:bg-slate-100 disabled:opacity-50 sm:col-start-3 sm:row-start-2 sm:px-3`}
        >
          Clear
        </button>
        <button
          type="button"
          onClick={onContinue}
          disabled={count === 0 || pending}
          aria-busy={pending || undefined}
          className="col-start-4 row-start-1 justify-self-end rounded-lg bg-brand-500 px-4 py-2.5 font-semibold whitespace-nowrap text-white hover:bg-brand-600 disabled:opacity-60 sm:row-start-2 sm:px-5"
        >
          {pending ? "Holding your seats…" : "Continue"}
        </button>
      </div>
    </div>
  );
}

function StepButton({ label, disabled, onClick, children }: { label: string; disabled: boolean; onClick: () => void; children: string }) {
  return (
    <button
      type="button"
      aria-label={label}
      disabled={disabled}
      onClick={onClick}
      className="flex size-7 items-center justify-center rounded-md text-base leading-none text-slate-700 hover:bg-slate-100 disabled:opacity-40"
    >
      {children}
    </button>
  );
}
