// "Best available": pick n adjacent free seats the way a box-office clerk would. Pure, so the
// seat map runs it in the browser against the live status string, and tests run it directly.
import type { SeatMapLayout, SeatType } from "./types";

export type BestAvailableOptions = {
  /** Only seats of these types may be picked. */
  types?: readonly SeatType[];
  /** Seat ids to treat as taken even when their status is "A". */
  exclude?: ReadonlySet<string>;
};

// Where the best row is, as a fraction of the way back from row 0 (nearest the screen or stage).
// Cinemas are best watched from behind the middle; live shows from near the front.
const IDEAL_ROW_FRACTION: Record<SeatMapLayout["kind"], number> = { SCREEN: 0.65, AUDITORIUM: 0.2, STADIUM: 0.2, HALL: 0.2 };

// Row distance and centre distance are each measured as a fraction of the hall's depth and width.
// At 0.5 a block at the very edge of a row costs as much as being a quarter of the hall's depth
// off the ideal row: a little row distance is worth trading for a central block, a lot is not.
const CENTRE_WEIGHT = 0.5;

const EPSILON = 1e-9;

type Pick = { seats: number[]; score: number; orphan: boolean };

/**
 * The ids of `n` adjacent free seats (status "A", on sale, not excluded; one row, consecutive
 * columns: a missing column is an aisle), or null when no row has `n` of them together. Blocks are
 * scored by distance from the ideal row plus, weighted less, from the hall's centre column. A
 * block that strands a single free seat beside it is chosen only when every block would.
 */
export function bestAvailable(layout: SeatMapLayout, status: string, n: number, opts: BestAvailableOptions = {}): string[] | null {
  const { seats } = layout;
  if (!Number.isInteger(n) || n < 1 || seats.length === 0) return null;
  const allowed = opts.types ? new Set<SeatType>(opts.types) : null;
  // A negative price marks a seat the show does not sell, whatever its status says.
  const free = (i: number) => status.charAt(i) === "A" && seats[i]!.priceMinor >= 0 && !opts.exclude?.has(seats[i]!.id);
  const col = (i: number) => seats[i]!.col;

  const rows = new Map<number, number[]>();
  let minRow = Infinity, maxRow = -Infinity, minCol = Infinity, maxCol = -Infinity;
  seats.forEach((s, i) => {
    const row = rows.get(s.row);
    if (row) row.push(i);
    else rows.set(s.row, [i]);
    minRow = Math.min(minRow, s.row);
    maxRow = Math.max(maxRow, s.row);
    minCol = Math.min(minCol, s.col);
    maxCol = Math.max(maxCol, s.col);
  });
  const idealRow = minRow + IDEAL_ROW_FRACTION[layout.kind] * (maxRow - minRow);
  const centreCol = (minCol + maxCol) / 2;
  const depth = Math.max(1, maxRow - minRow);
  const width = Math.max(1, maxCol - minCol);

  let best: Pick | null = null;
  const consider = (row: number[], rowScore: number, from: number, to: number) => {
    // row[from..to) is a maximal run of free, adjacent seats.
    for (let start = from; start + n <= to; start++) {
      const block = row.slice(start, start + n);
      if (allowed && !block.every((i) => allowed.has(seats[i]!.type))) continue;
      const orphan = start - from === 1 || to - (start + n) === 1;
      const blockCentre = (col(block[0]!) + col(block[n - 1]!)) / 2;
      const score = rowScore + (CENTRE_WEIGHT * Math.abs(blockCentre - centreCol)) / width;
      // Ties keep the first block found: the front-most row, then the leftmost block.
      if (!best || (orphan === best.orphan ? score < best.score - EPSILON : !orphan)) best = { seats: block, score, orphan };
    }
  };

  for (const [rowNumber, row] of rows) {
    row.sort((a, b) => col(a) - col(b));
    const rowScore = Math.abs(rowNumber - idealRow) / depth;
    let runStart = -1;
    for (let k = 0; k < row.length; k++) {
      const i = row[k]!;
      const adjacent = k > 0 && col(i) === col(row[k - 1]!) + 1;
      if (runStart >= 0 && !adjacent) {
        consider(row, rowScore, runStart, k);
        runStart = -1;
      }
      if (free(i)) {
        if (runStart < 0) runStart = k;
      } else if (runStart >= 0) {
        consider(row, rowScore, runStart, k);
        runStart = -1;
      }
    }
    if (runStart >= 0) consider(row, rowScore, runStart, row.length);
  }

  const chosen = best as Pick | null;
  return chosen ? chosen.seats.map((i) => seats[i]!.id) : null;
}
