// "Best available": pick n adjacent free seats the way a box-office clerk would, wheelchair spaces
// and their companion seats included when asked for. Pure, so the
// seat map runs it in the browser against the live status string, and tests run it directly.
import { companionProblem, neighbours } from "./companions";
import type { SeatMapLayout, SeatType } from "./types";

export type BestAvailableOptions = {
  /** Only seats of these types may be picked. */
  types?: readonly SeatType[];
  /** Seat ids to treat as taken even when their status is "A". */
  exclude?: ReadonlySet<string>;
  /**
   * How many of the seats are wheelchair spaces (each with its companion seat where the count
   * allows); `types` then applies to the other seats only.
   */
  accessible?: number;
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

/** Where a party would rather sit: a row and a column on the hall's grid. */
type Target = { row: number; col: number };

type Hall = { rows: Map<number, number[]>; ideal: Target; depth: number; width: number };

const halls = new WeakMap<SeatMapLayout, Hall>();

/** The layout's rows (seat indexes by column) and its measures, built once per layout. */
function hallOf(layout: SeatMapLayout): Hall {
  const cached = halls.get(layout);
  if (cached) return cached;
  const { seats } = layout;
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
  for (const row of rows.values()) row.sort((a, b) => seats[a]!.col - seats[b]!.col);
  const hall: Hall = {
    rows,
    ideal: { row: minRow + IDEAL_ROW_FRACTION[layout.kind] * (maxRow - minRow), col: (minCol + maxCol) / 2 },
    depth: Math.max(1, maxRow - minRow),
    width: Math.max(1, maxCol - minCol),
  };
  halls.set(layout, hall);
  return hall;
}

/** How far a spot is from where the party would rather sit (row distance, plus centre distance weighted less). */
const distance = (hall: Hall, target: Target, row: number, col: number) =>
  Math.abs(row - target.row) / hall.depth + (CENTRE_WEIGHT * Math.abs(col - target.col)) / hall.width;

/**
 * The best block of `n` adjacent free seats (indexes) for which `usable` holds, nearest `target`;
 * null when no row has one. A block that strands a single free seat is chosen only when every
 * block would.
 */
function bestBlock(layout: SeatMapLayout, n: number, free: (i: number) => boolean, usable: (block: number[]) => boolean, target: Target): number[] | null {
  const { seats } = layout;
  const hall = hallOf(layout);
  const col = (i: number) => seats[i]!.col;

  let best: Pick | null = null;
  const consider = (row: number[], rowNumber: number, from: number, to: number) => {
    // row[from..to) is a maximal run of free, adjacent seats.
    for (let start = from; start + n <= to; start++) {
      const block = row.slice(start, start + n);
      if (!usable(block)) continue;
      const orphan = start - from === 1 || to - (start + n) === 1;
      const score = distance(hall, target, rowNumber, (col(block[0]!) + col(block[n - 1]!)) / 2);
      // Ties keep the first block found: the front-most row, then the leftmost block.
      if (!best || (orphan === best.orphan ? score < best.score - EPSILON : !orphan)) best = { seats: block, score, orphan };
    }
  };

  for (const [rowNumber, row] of hall.rows) {
    let runStart = -1;
    for (let k = 0; k < row.length; k++) {
      const i = row[k]!;
      const adjacent = k > 0 && col(i) === col(row[k - 1]!) + 1;
      if (runStart >= 0 && !adjacent) {
        consider(row, rowNumber, runStart, k);
        runStart = -1;
      }
      if (free(i)) {
        if (runStart < 0) runStart = k;
      } else if (runStart >= 0) {
        consider(row, rowNumber, runStart, k);
        runStart = -1;
      }
    }
    if (runStart >= 0) consider(row, rowNumber, runStart, row.length);
  }
  return (best as Pick | null)?.seats ?? null;
}

/**
 * The ids of `n` free seats (status "A", on sale, not excluded), or null when they cannot be found.
 *
 * Without `accessible`: `n` adjacent seats (one row, consecutive columns: a missing column is an
 * aisle), or null when no row has `n` of them together. Blocks are scored by distance from the
 * ideal row plus, weighted less, from the hall's centre column. A block that strands a single
 * free seat beside it is chosen only when every block would. A companion seat is picked only
 * with its wheelchair space in the same block (companions.ts), never on its own.
 *
 * With `accessible: k` (k ≤ n): k wheelchair spaces, each with the free companion seat beside
 * it while the count allows, and the rest of the `n` as regular seats (never wheelchair spaces
 * or companion seats) as near the first wheelchair space as they can be found: one adjacent
 * block where possible, else the fewest blocks. Null when there are not k free wheelchair spaces
 * or not enough seats for the rest.
 */
export function bestAvailable(layout: SeatMapLayout, status: string, n: number, opts: BestAvailableOptions = {}): string[] | null {
  const { seats } = layout;
  const k = opts.accessible ?? 0;
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(k) || k < 0 || k > n || seats.length === 0) return null;
  const allowed = opts.types ? new Set<SeatType>(opts.types) : null;
  // A negative price marks a seat the show does not sell, whatever its status says.
  const free = (i: number) => status.charAt(i) === "A" && seats[i]!.priceMinor >= 0 && !opts.exclude?.has(seats[i]!.id);

  if (k === 0) {
    const block = bestBlock(layout, n, free, (b) => usableBlock(layout, b, allowed), hallOf(layout).ideal);
    return block ? block.map((i) => seats[i]!.id) : null;
  }
  const picked = pickAccessible(layout, n, k, free, allowed);
  return picked ? [...picked].sort((a, b) => a - b).map((i) => seats[i]!.id) : null;
}

/** A block of the allowed types in which every companion seat sits with its wheelchair space. */
function usableBlock(layout: SeatMapLayout, block: number[], allowed: ReadonlySet<SeatType> | null): boolean {
  const types = block.map((i) => layout.seats[i]!.type);
  if (allowed && !types.every((t) => allowed.has(t))) return false;
  return !types.includes("COMPANION") || companionProblem(layout, block.map((i) => layout.seats[i]!.id)) === null;
}

/** k wheelchair spaces, their companions while the count allows, then the rest of n: seat indexes, or null. */
function pickAccessible(layout: SeatMapLayout, n: number, k: number, free: (i: number) => boolean, allowed: ReadonlySet<SeatType> | null): Set<number> | null {
  const { seats } = layout;
  const hall = hallOf(layout);
  const index = new Map(seats.map((s, i) => [s.id, i]));
  const taken = new Set<number>();
  const freeFor = (i: number) => free(i) && !taken.has(i);
  const spaces = seats.flatMap((s, i) => (s.type === "ACCESSIBLE" && free(i) ? [i] : []));
  if (spaces.length < k) return null;
  const companionOf = (space: number) =>
    neighbours(layout, seats[space]!)
      .map((c) => index.get(c.id)!)
      .find((c) => seats[c]!.type === "COMPANION" && freeFor(c));

  // The first wheelchair space is the best placed in the hall; the others the nearest to it, so
  // the party sits together. While companions are still wanted, a space whose companion is free
  // beats one whose companion is not, wherever it is.
  let anchor: Target = hall.ideal;
  let extra = n - k;
  for (let j = 0; j < k; j++) {
    const wantCompanion = extra > 0;
    let best = -1, bestScore = Infinity;
    for (const i of spaces) {
      if (taken.has(i)) continue;
      const score = distance(hall, anchor, seats[i]!.row, seats[i]!.col) + (wantCompanion && companionOf(i) === undefined ? 1 + CENTRE_WEIGHT : 0);
      if (score < bestScore - EPSILON) {
        best = i;
        bestScore = score;
      }
    }
    taken.add(best);
    if (j === 0) anchor = { row: seats[best]!.row, col: seats[best]!.col };
    const companion = wantCompanion ? companionOf(best) : undefined;
    if (companion !== undefined) {
      taken.add(companion);
      extra--;
    }
  }

  // The rest: regular seats near the wheelchair space, in as few adjacent blocks as it takes.
  const regular = (block: number[]) =>
    block.every((i) => seats[i]!.type !== "ACCESSIBLE" && seats[i]!.type !== "COMPANION" && (!allowed || allowed.has(seats[i]!.type)));
  let size = extra;
  while (extra > 0) {
    const block = bestBlock(layout, Math.min(size, extra), freeFor, regular, anchor);
    if (block) {
      block.forEach((i) => taken.add(i));
      extra -= block.length;
    } else if (--size === 0) return null;
  }
  return taken;
}

const NOT_WHEELCHAIR: readonly SeatType[] = ["REGULAR", "PREMIUM", "VIP", "RECLINER"];

/**
 * What the "Best available" button suggests (the seat map and the API alike): with a wheelchair
 * count, those spaces and their companions first; without one, wheelchair spaces and their
 * companion seats only when nothing else fits, since for some people they are the only seats.
 */
export function suggestSeats(layout: SeatMapLayout, status: string, n: number, accessible = 0, exclude?: ReadonlySet<string>): string[] | null {
  if (accessible > 0) return bestAvailable(layout, status, n, { accessible, exclude });
  return bestAvailable(layout, status, n, { types: NOT_WHEELCHAIR, exclude }) ?? bestAvailable(layout, status, n, { exclude });
}
