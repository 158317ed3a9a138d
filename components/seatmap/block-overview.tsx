"use client";
import { memo, useEffect, useMemo, useRef } from "react";
import { formatMoney } from "@/lib/format/money";
import type { SeatMapLayout } from "@/lib/seating/types";
import type { SeatBlock } from "./blocks";

type BlockOverviewProps = {
  layout: SeatMapLayout;
  blocks: readonly SeatBlock[];
  /** The live status string, with seats not for sale as "X". */
  status: string;
  /** Seat ids that are the viewer's own (held or selected): they count as free here. */
  mine: ReadonlySet<string>;
  /** How many selected seats each block has. */
  selectedIn: readonly number[];
  onPick: (block: number) => void;
};

type BlockFacts = { free: number; min: number; max: number };

function factsOf(layout: SeatMapLayout, block: SeatBlock, status: string, mine: ReadonlySet<string>): BlockFacts {
  let free = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const i of block.seats) {
    const seat = layout.seats[i]!;
    const code = status.charAt(i);
    if (code === "X") continue;
    if (code === "A" || mine.has(seat.id)) free++;
    min = Math.min(min, seat.priceMinor);
    max = Math.max(max, seat.priceMinor);
  }
  return { free, min, max };
}

const pct = (part: number, whole: number) => `${(part / whole) * 100}%`;

/**
 * A big hall drawn as its blocks, to scale and placed as in the hall, each saying how many of
 * its seats are free and what they cost; picking one draws that block's seats.
 */
export const BlockOverview = memo(function BlockOverview({ layout, blocks, status, mine, selectedIn, onPick }: BlockOverviewProps) {
  const facts = useMemo(() => blocks.map((b) => factsOf(layout, b, status, mine)), [layout, blocks, status, mine]);
  const money = (minor: number) => formatMoney(minor, layout.currency);
  const { rowCount, colCount } = layout;
  return (
    <div
      role="group"
      aria-label="Blocks"
      className="relative w-full"
      // The hall's proportions (100cqw: the map's width), but never so flat that a block has no
      // room for its words, nor so tall that the overview pushes everything else off screen.
      style={{ height: `clamp(14rem, calc(100cqw * ${rowCount} / ${colCount}), 20rem)` }}
    >
      {blocks.map((b, k) => {
        const f = facts[k]!;
        const rows = b.firstRow === b.lastRow ? `Row ${b.firstRow}` : `Rows ${b.firstRow}–${b.lastRow}`;
        const price = f.min > f.max ? "" : f.min === f.max ? money(f.min) : `${money(f.min)}–${money(f.max)}`;
        // Drawn as "from" the cheapest: a narrow block has no room for a range (its accessible name has it).
        const from = f.min > f.max ? "" : f.min === f.max ? money(f.min) : `from ${money(f.min)}`;
        const soldOut = f.free === 0;
        const chosen = selectedIn[k] ?? 0;
        return (
          <button
            key={b.key}
            type="button"
            data-block={b.key}
            onClick={() => onPick(k)}
            aria-label={`${b.name}, ${b.firstRow === b.lastRow ? `row ${b.firstRow}` : `rows ${b.firstRow} to ${b.lastRow}`}: ${soldOut ? "sold out" : `${f.free} ${f.free === 1 ? "seat" : "seats"} free`}${price ? `, ${price}` : ""}${chosen ? `, ${chosen} selected` : ""}`}
            className={`absolute flex flex-col items-center justify-start gap-0.5 overflow-hidden rounded-lg px-1 py-2 text-center text-xs leading-tight ring-1 transition-colors ${
              soldOut ? "bg-slate-100 text-slate-500 ring-slate-200" : "bg-white text-ink-900 ring-slate-300 hover:bg-brand-50 hover:ring-brand-500/50"
            } ${chosen ? "ring-2 ring-brand-500" : ""}`}
            style={{
              left: `calc(${pct(b.colStart, colCount)} + 2px)`,
              width: `calc(${pct(b.colEnd - b.colStart + 1, colCount)} - 4px)`,
              top: `calc(${pct(b.rowStart, rowCount)} + 2px)`,
              height: `calc(${pct(b.rowEnd - b.rowStart + 1, rowCount)} - 4px)`,
            }}
          >
            <span className="text-sm font-semibold">{b.name}</span>
            <span className="text-slate-500">{rows}</span>
            <span className={soldOut ? "" : "font-medium text-emerald-700"}>{soldOut ? "Sold out" : `${f.free} free`}</span>
            {from ? <span className="text-slate-600">{from}</span> : null}
            {chosen ? <span className="rounded bg-brand-500 px-1 font-semibold text-white">{chosen} selected</span> : null}
          </button>
        );
      })}
    </div>
  );
});

/** Which block is drawn, or the overview: one row of buttons above the map, scrolled sideways on a phone. */
export function BlockTabs({ blocks, current, selectedIn, onPick }: { blocks: readonly SeatBlock[]; current: number | null; selectedIn: readonly number[]; onPick: (block: number | null) => void }) {
  const listRef = useRef<HTMLDivElement>(null);
  // The open block's tab scrolled into the row (sideways only: the page must not move).
  useEffect(() => {
    const list = listRef.current;
    const tab = list?.querySelector<HTMLElement>("[aria-pressed=true]");
    if (!list || !tab) return;
    if (tab.offsetLeft < list.scrollLeft || tab.offsetLeft + tab.offsetWidth > list.scrollLeft + list.clientWidth) {
      list.scrollLeft = tab.offsetLeft - (list.clientWidth - tab.offsetWidth) / 2;
    }
  }, [current]);
  const tab = "shrink-0 rounded-full px-3 py-1.5 text-sm font-medium whitespace-nowrap ring-1 aria-pressed:bg-ink-800 aria-pressed:text-white aria-pressed:ring-ink-800";
  return (
    <div ref={listRef} role="group" aria-label="Choose a block" className="relative flex gap-1.5 overflow-x-auto border-t border-slate-100 px-4 py-2 [scrollbar-width:none]">
      <button type="button" aria-pressed={current === null} onClick={() => onPick(null)} className={`${tab} text-slate-700 ring-slate-300 hover:bg-slate-100`}>
        All blocks
      </button>
      {blocks.map((b, k) => (
        <button key={b.key} type="button" aria-pressed={current === k} onClick={() => onPick(k)} className={`${tab} text-slate-700 ring-slate-300 hover:bg-slate-100`}>
          {b.name}
          {selectedIn[k] ? <span className="ml-1 rounded-full bg-brand-500 px-1.5 text-xs font-semibold text-white">{selectedIn[k]}</span> : null}
        </button>
      ))}
    </div>
  );
}
