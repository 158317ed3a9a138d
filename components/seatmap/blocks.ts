// A big hall's blocks (stands): the rectangles its aisles cut it into. A seat map of thousands
// of seats opens on these, so a phone draws one block's few hundred seats, not the whole hall.

type Placed = { row: number; col: number; rowLabel: string };

/** Halls with this many seats or more open on their blocks; smaller ones are drawn whole. */
export const OVERVIEW_FROM_SEATS = 2_000;

export type SeatBlock = {
  /** Stable for a layout: "r0c2" (row band 0, column band 2). */
  key: string;
  /** Where it sits, said the way a ticket office would: "Front left", "Centre right", "Tier 3 block 5". */
  name: string;
  /** Grid rectangle, inclusive. */
  rowStart: number;
  rowEnd: number;
  colStart: number;
  colEnd: number;
  /** "A", "T": its first and last row labels. */
  firstRow: string;
  lastRow: string;
  /** Indexes into the layout's seats, in its order (row, then column). */
  seats: number[];
};

/** Maximal runs of consecutive numbers among `present` (sorted, distinct). */
function runs(present: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const v of present) {
    const last = out[out.length - 1];
    if (last && v === last[1] + 1) last[1] = v;
    else out.push([v, v]);
  }
  return out;
}

const ROW_BANDS: Record<number, string[]> = { 2: ["Front", "Back"], 3: ["Front", "Middle", "Back"] };
const COL_BANDS: Record<number, string[]> = {
  2: ["Left", "Right"],
  3: ["Left", "Centre", "Right"],
  4: ["Left", "Centre left", "Centre right", "Right"],
};

function bandName(names: Record<number, string[]>, count: number, i: number, word: string): string {
  if (count <= 1) return "";
  return names[count]?.[i] ?? `${word} ${i + 1}`;
}

/**
 * Cuts the hall into blocks: first into bands of rows at every empty row (a cross aisle), then
 * each band into blocks at every column empty across that band (a gangway). Blocks come front
 * row first, left to right. A hall without aisles is one block.
 */
export function seatBlocks(seats: readonly Placed[]): SeatBlock[] {
  if (seats.length === 0) return [];
  const rows = [...new Set(seats.map((s) => s.row))].sort((a, b) => a - b);
  const bands = runs(rows);
  const bandOf = new Map<number, number>();
  bands.forEach(([lo, hi], b) => {
    for (let r = lo; r <= hi; r++) bandOf.set(r, b);
  });

  const bandSeats: number[][] = bands.map(() => []);
  seats.forEach((s, i) => bandSeats[bandOf.get(s.row)!]!.push(i));

  const blocks: SeatBlock[] = [];
  bandSeats.forEach((inBand, b) => {
    const cols = runs([...new Set(inBand.map((i) => seats[i]!.col))].sort((x, y) => x - y));
    cols.forEach(([colStart, colEnd], c) => {
      const mine = inBand.filter((i) => seats[i]!.col >= colStart && seats[i]!.col <= colEnd);
      const first = seats[mine[0]!]!;
      const last = seats[mine[mine.length - 1]!]!;
      const where = [bandName(ROW_BANDS, bands.length, b, "Tier"), bandName(COL_BANDS, cols.length, c, "block")].filter(Boolean).join(" ");
      blocks.push({
        key: `r${b}c${c}`,
        name: where ? where.charAt(0).toUpperCase() + where.slice(1).toLowerCase() : "All seats",
        rowStart: bands[b]![0],
        rowEnd: bands[b]![1],
        colStart,
        colEnd,
        firstRow: first.rowLabel,
        lastRow: last.rowLabel,
        seats: mine,
      });
    });
  });
  return blocks;
}

/** For seat i: the index of its block in `blocks`. */
export function blockOfSeat(blocks: readonly SeatBlock[], seatCount: number): Int32Array {
  const of = new Int32Array(seatCount).fill(-1);
  blocks.forEach((block, b) => {
    for (const i of block.seats) of[i] = b;
  });
  return of;
}

/** Whether a hall of these seats opens on its blocks rather than drawn whole. */
export function opensOnBlocks(seatCount: number, blocks: readonly SeatBlock[]): boolean {
  return seatCount >= OVERVIEW_FROM_SEATS && blocks.length > 1;
}
