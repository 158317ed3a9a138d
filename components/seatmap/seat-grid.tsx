"use client";
import { memo, useMemo } from "react";
import { formatMoney } from "@/lib/format/money";
import type { SeatMapLayout, SeatType } from "@/lib/seating/types";
import { SEAT_PATTERN, SEAT_TYPE_DESCRIPTION, SEAT_VIEW_LABEL, seatClass, type SeatView } from "./seat-styles";

/** What never changes for a seat during a visit: "Row F seat 12, Premium, ₹350" (or "…, wheelchair space, …") and "12". */
export type SeatText = { name: string; number: string };

export function describeSeats(layout: SeatMapLayout): SeatText[] {
  return layout.seats.map((s) => {
    const number = s.label.startsWith(s.rowLabel) && s.label.length > s.rowLabel.length ? s.label.slice(s.rowLabel.length) : s.label;
    const price = s.priceMinor < 0 ? "not for sale" : formatMoney(s.priceMinor, layout.currency);
    return { name: `Row ${s.rowLabel} seat ${number}, ${SEAT_TYPE_DESCRIPTION[s.type]}, ${price}`, number };
  });
}

type SeatCellProps = {
  index: number;
  row: number;
  col: number;
  name: string;
  number: string;
  type: SeatType;
  view: SeatView;
  tabbable: boolean;
  interactive: boolean;
};

// Only primitives, so a poll or a click re-renders just the seats whose state changed. Clicks and
// keys are handled once, on the map (event delegation), via `data-seat`.
const SeatCell = memo(function SeatCell({ index, row, col, name, number, type, view, tabbable, interactive }: SeatCellProps) {
  const selectable = interactive && (view === "available" || view === "selected");
  return (
    <button
      type="button"
      data-seat={index}
      tabIndex={tabbable ? 0 : -1}
      aria-label={`${name}, ${SEAT_VIEW_LABEL[view]}`}
      aria-pressed={selectable ? view === "selected" : undefined}
      aria-disabled={selectable ? undefined : true}
      className={`flex min-w-0 items-center justify-center rounded-[25%] border-[1.5px] p-0 leading-none tabular-nums transition-colors ${seatClass(view, type)} ${selectable ? "cursor-pointer" : "cursor-default"}`}
      style={{ gridRow: row + 1, gridColumn: col + 2, ...SEAT_PATTERN[view] }}
    >
      {/* A wheelchair space shows its sign at every zoom, in place of its number (its name says both). */}
      {view !== "available" && view !== "selected" ? null : type === "ACCESSIBLE" ? (
        <span aria-hidden="true" className="text-[1.5em]">
          ♿
        </span>
      ) : (
        <span aria-hidden="true" className="hidden group-data-[numbers]/map:inline">
          {number}
        </span>
      )}
    </button>
  );
});

type SeatGridProps = {
  layout: SeatMapLayout;
  text: readonly SeatText[];
  views: readonly SeatView[];
  /** The one seat in the tab order (roving tabindex). */
  active: number;
  interactive: boolean;
};

/** The hall as a grid sized in `--seat` units: a label column each side, seats at (row, col), gaps empty. */
export const SeatGrid = memo(function SeatGrid({ layout, text, views, active, interactive }: SeatGridProps) {
  const rowLabels = useMemo(() => {
    const labels = new Map<number, string>();
    for (const s of layout.seats) if (!labels.has(s.row)) labels.set(s.row, s.rowLabel);
    return [...labels];
  }, [layout.seats]);

  return (
    <div
      className="grid"
      style={{
        gridTemplateColumns: `repeat(${layout.colCount + 2}, var(--seat))`,
        gridTemplateRows: `repeat(${layout.rowCount}, var(--seat))`,
        gap: "calc(var(--seat) * 0.18)",
        fontSize: "calc(var(--seat) * 0.4)",
      }}
    >
      {rowLabels.map(([row, label]) => (
        <RowLabels key={row} row={row} label={label} lastColumn={layout.colCount + 2} />
      ))}
      {layout.seats.map((s, i) => (
        <SeatCell
          key={s.id}
          index={i}
          row={s.row}
          col={s.col}
          name={text[i]!.name}
          number={text[i]!.number}
          type={s.type}
          view={views[i] ?? "blocked"}
          tabbable={i === active}
          interactive={interactive}
        />
      ))}
    </div>
  );
});

function RowLabels({ row, label, lastColumn }: { row: number; label: string; lastColumn: number }) {
  const className = "flex items-center justify-center font-medium text-slate-400 select-none";
  return (
    <>
      <span aria-hidden="true" className={className} style={{ gridRow: row + 1, gridColumn: 1 }}>
        {label}
      </span>
      <span aria-hidden="true" className={className} style={{ gridRow: row + 1, gridColumn: lastColumn }}>
        {label}
      </span>
    </>
  );
}

/** Where everyone faces: a curved screen for cinemas, a stage (or pitch) block otherwise. */
export function StageMarker({ kind, label }: { kind: SeatMapLayout["kind"]; label: string }) {
  if (kind === "SCREEN") {
    return (
      <div className="mb-[calc(var(--seat)*1.2)] flex flex-col items-center">
        <div aria-hidden="true" className="h-4 w-4/5 rounded-t-[50%_100%] border-t-[5px] border-sky-400/80 bg-linear-to-b from-sky-100/80 to-transparent" />
        <p className="text-xs font-semibold uppercase tracking-[0.3em] text-slate-500">{label}</p>
        <p className="text-[11px] text-slate-400">All eyes this way</p>
      </div>
    );
  }
  return (
    <div className="mb-[calc(var(--seat)*1.2)] flex justify-center">
      <p
        className={`w-3/5 rounded-b-3xl py-2 text-center text-xs font-semibold uppercase tracking-[0.3em] text-white ${kind === "STADIUM" ? "bg-emerald-700" : "bg-ink-800"}`}
      >
        {label}
      </p>
    </div>
  );
}
