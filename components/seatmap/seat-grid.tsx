"use client";
import { memo, useEffect, useMemo, useState, type Ref, type RefObject } from "react";
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

/** The part of the hall's grid drawn: all of it, or one block (rows and columns inclusive). */
export type GridArea = { rowStart: number; rowEnd: number; colStart: number; colEnd: number };

type SeatGridProps = {
  layout: SeatMapLayout;
  text: readonly SeatText[];
  views: readonly SeatView[];
  /** Indexes of the seats drawn (one block's, each inside `area`); all of them when left out. */
  shown?: readonly number[];
  area?: GridArea;
  /** The one seat in the tab order (roving tabindex). */
  active: number;
  interactive: boolean;
};

/**
 * `area` of the hall as a grid sized in `--seat` units: a label column each side, seats at
 * (row, col), gaps empty. The row labels stick to the sides of the scroll container, so a row
 * can be told from the edge of the view however far the map is zoomed and panned.
 */
export const SeatGrid = memo(function SeatGrid({ layout, text, views, shown: only, area: part, active, interactive }: SeatGridProps) {
  const shown = useMemo(() => only ?? layout.seats.map((_, i) => i), [only, layout.seats]);
  const area = part ?? { rowStart: 0, rowEnd: layout.rowCount - 1, colStart: 0, colEnd: layout.colCount - 1 };
  const rowLabels = useMemo(() => {
    const labels = new Map<number, string>();
    for (const i of shown) {
      const s = layout.seats[i]!;
      if (!labels.has(s.row)) labels.set(s.row, s.rowLabel);
    }
    return [...labels];
  }, [layout.seats, shown]);
  const columns = area.colEnd - area.colStart + 1;

  return (
    <div
      className="grid"
      style={{
        gridTemplateColumns: `repeat(${columns + 2}, var(--seat))`,
        gridTemplateRows: `repeat(${area.rowEnd - area.rowStart + 1}, var(--seat))`,
        gap: "calc(var(--seat) * 0.18)",
        fontSize: "calc(var(--seat) * 0.4)",
      }}
    >
      {rowLabels.map(([row, label]) => (
        <RowLabels key={row} row={row - area.rowStart} label={label} lastColumn={columns + 2} />
      ))}
      {shown.map((i) => {
        const s = layout.seats[i]!;
        return (
          <SeatCell
            key={s.id}
            index={i}
            row={s.row - area.rowStart}
            col={s.col - area.colStart}
            name={text[i]!.name}
            number={text[i]!.number}
            type={s.type}
            view={views[i] ?? "blocked"}
            tabbable={i === active}
            interactive={interactive}
          />
        );
      })}
    </div>
  );
});

function RowLabels({ row, label, lastColumn }: { row: number; label: string; lastColumn: number }) {
  // Opaque, above the seats that scroll beneath them; at least 10px to stay legible when fitted small.
  const className = "sticky z-[1] flex items-center justify-center rounded-sm bg-slate-50/95 font-medium text-[max(10px,1em)] text-slate-500 select-none";
  return (
    <>
      <span aria-hidden="true" data-row-label={label} className={`${className} left-0`} style={{ gridRow: row + 1, gridColumn: 1 }}>
        {label}
      </span>
      <span aria-hidden="true" className={`${className} right-0`} style={{ gridRow: row + 1, gridColumn: lastColumn }}>
        {label}
      </span>
    </>
  );
}

/** Where everyone faces: a curved screen for cinemas, a stage (or pitch) block otherwise. */
export function StageMarker({ kind, label, labelRef }: { kind: SeatMapLayout["kind"]; label: string; labelRef?: Ref<HTMLParagraphElement> }) {
  if (kind === "SCREEN") {
    return (
      <div className="mb-[calc(var(--seat)*1.2)] flex flex-col items-center">
        <div aria-hidden="true" className="h-4 w-4/5 rounded-t-[50%_100%] border-t-[5px] border-sky-400/80 bg-linear-to-b from-sky-100/80 to-transparent" />
        <p ref={labelRef} className="text-xs font-semibold uppercase tracking-[0.3em] text-slate-500">
          {label}
        </p>
        <p className="text-[11px] text-slate-600">All eyes this way</p>
      </div>
    );
  }
  return (
    <div className="mb-[calc(var(--seat)*1.2)] flex justify-center">
      <p
        ref={labelRef}
        className={`w-3/5 rounded-b-3xl py-2 text-center text-xs font-semibold uppercase tracking-[0.3em] text-white ${kind === "STADIUM" ? "bg-emerald-700" : "bg-ink-800"}`}
      >
        {label}
      </p>
    </div>
  );
}

/**
 * "▲ Screen this way", pinned to the top of the map's view while the stage marker is scrolled
 * out of it, so a zoomed-in map still says which way everyone faces. It floats over the map
 * (absolutely placed), so appearing moves nothing.
 */
export function StageDirection({ label, scrollRef, labelRef, watch }: { label: string; scrollRef: RefObject<HTMLElement | null>; labelRef: RefObject<HTMLElement | null>; watch: unknown }) {
  const [away, setAway] = useState(false);
  useEffect(() => {
    const root = scrollRef.current;
    const marker = labelRef.current;
    if (!root || !marker) return;
    const observer = new IntersectionObserver(([entry]) => setAway(!entry!.isIntersecting), { root });
    observer.observe(marker);
    return () => observer.disconnect();
  }, [scrollRef, labelRef, watch]);
  if (!away) return null;
  return (
    <p
      aria-hidden="true"
      data-testid="stage-direction"
      className="pointer-events-none absolute top-2 left-1/2 z-10 -translate-x-1/2 rounded-full bg-ink-800/90 px-3 py-1 text-xs font-semibold whitespace-nowrap text-white shadow-md"
    >
      ▲ {label.charAt(0) + label.slice(1).toLowerCase()} this way
    </p>
  );
}
