// Arrow-key movement over a seat map: seats are reached by row and column, never by grid cell,
// so aisles and empty rows are skipped.

type Placed = { row: number; col: number };

export type SeatRows = {
  /** Seat indexes per row that has seats, front row first, each row left to right. */
  rows: number[][];
  /** For seat i: which entry of `rows` it is in, and where in that row. */
  rowOf: Int32Array;
  posOf: Int32Array;
};

export function buildSeatRows(seats: readonly Placed[]): SeatRows {
  const byRow = new Map<number, number[]>();
  seats.forEach((s, i) => {
    const row = byRow.get(s.row);
    if (row) row.push(i);
    else byRow.set(s.row, [i]);
  });
  const rows = [...byRow.entries()].sort(([a], [b]) => a - b).map(([, r]) => r.sort((a, b) => seats[a]!.col - seats[b]!.col));
  const rowOf = new Int32Array(seats.length);
  const posOf = new Int32Array(seats.length);
  rows.forEach((row, r) =>
    row.forEach((i, p) => {
      rowOf[i] = r;
      posOf[i] = p;
    }),
  );
  return { rows, rowOf, posOf };
}

/** The seat of `row` whose column is closest to `col` (the left one on a tie). */
function nearest(seats: readonly Placed[], row: number[], col: number): number {
  let lo = 0;
  let hi = row.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (seats[row[mid]!]!.col < col) lo = mid + 1;
    else hi = mid;
  }
  const right = row[lo]!;
  const left = lo > 0 ? row[lo - 1]! : right;
  return Math.abs(seats[left]!.col - col) <= Math.abs(seats[right]!.col - col) ? left : right;
}

/**
 * Where focus goes from seat `from` on `key`: a seat index (possibly `from` itself at an edge),
 * or null for keys the map does not handle. Ctrl/Cmd+Home/End go to the first/last seat overall.
 */
export function nextSeat(nav: SeatRows, seats: readonly Placed[], from: number, key: string, toEnds = false): number | null {
  const r = nav.rowOf[from];
  const p = nav.posOf[from];
  const row = r === undefined ? undefined : nav.rows[r];
  if (r === undefined || p === undefined || !row) return null;
  const col = seats[from]!.col;
  switch (key) {
    case "ArrowLeft":
      return row[Math.max(0, p - 1)]!;
    case "ArrowRight":
      return row[Math.min(row.length - 1, p + 1)]!;
    case "ArrowUp":
      return r > 0 ? nearest(seats, nav.rows[r - 1]!, col) : from;
    case "ArrowDown":
      return r < nav.rows.length - 1 ? nearest(seats, nav.rows[r + 1]!, col) : from;
    case "Home":
      return toEnds ? nav.rows[0]![0]! : row[0]!;
    case "End": {
      const last = toEnds ? nav.rows[nav.rows.length - 1]! : row;
      return last[last.length - 1]!;
    }
    default:
      return null;
  }
}
