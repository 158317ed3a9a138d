import { describe, expect, it } from "vitest";
import { blockOfSeat, opensOnBlocks, OVERVIEW_FROM_SEATS, seatBlocks } from "./blocks";

/** A hall drawn like db/seed/layouts.ts: `cell` says whether (row, col) has a seat. */
function hall(rows: number, cols: number, cell: (r: number, c: number) => boolean) {
  const seats: { row: number; col: number; rowLabel: string }[] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) if (cell(r, c)) seats.push({ row: r, col: c, rowLabel: String.fromCharCode(65 + r) });
  return seats;
}

describe("seatBlocks", () => {
  it("cuts a stadium at its gangways into four blocks, left to right", () => {
    const seats = hall(30, 80, (_r, c) => c !== 19 && c !== 40 && c !== 60);
    const blocks = seatBlocks(seats);
    expect(blocks.map((b) => [b.name, b.colStart, b.colEnd, b.seats.length])).toEqual([
      ["Left", 0, 18, 30 * 19],
      ["Centre left", 20, 39, 30 * 20],
      ["Centre right", 41, 59, 30 * 19],
      ["Right", 61, 79, 30 * 19],
    ]);
    expect(blocks[0]!.firstRow).toBe("A");
    expect(blocks[0]!.lastRow).toBe(String.fromCharCode(65 + 29));
    expect(blocks.reduce((n, b) => n + b.seats.length, 0)).toBe(seats.length);
    expect(opensOnBlocks(seats.length, blocks)).toBe(true);
  });

  it("cuts at a cross aisle first, then each band at its own gangways", () => {
    // Rows 0–2 split at col 3; row 3 empty; rows 4–5 split at col 5 instead.
    const seats = hall(6, 8, (r, c) => r !== 3 && (r < 3 ? c !== 3 : c !== 5));
    const blocks = seatBlocks(seats);
    expect(blocks.map((b) => [b.name, b.rowStart, b.rowEnd, b.colStart, b.colEnd])).toEqual([
      ["Front left", 0, 2, 0, 2],
      ["Front right", 0, 2, 4, 7],
      ["Back left", 4, 5, 0, 4],
      ["Back right", 4, 5, 6, 7],
    ]);
    const of = blockOfSeat(blocks, seats.length);
    blocks.forEach((b, k) => b.seats.forEach((i) => expect(of[i]).toBe(k)));
    // Every block's seats lie inside its rectangle.
    for (const b of blocks) for (const i of b.seats) expect(seats[i]!.row >= b.rowStart && seats[i]!.row <= b.rowEnd && seats[i]!.col >= b.colStart && seats[i]!.col <= b.colEnd).toBe(true);
  });

  it("numbers blocks where position words run out, and keeps a hall without aisles whole", () => {
    const many = seatBlocks(hall(2, 11, (_r, c) => c % 2 === 0));
    expect(many.map((b) => b.name)).toEqual(["Block 1", "Block 2", "Block 3", "Block 4", "Block 5", "Block 6"]);
    const whole = seatBlocks(hall(3, 4, () => true));
    expect(whole.map((b) => b.name)).toEqual(["All seats"]);
    expect(opensOnBlocks(OVERVIEW_FROM_SEATS + 1, whole)).toBe(false);
    expect(opensOnBlocks(OVERVIEW_FROM_SEATS - 1, many)).toBe(false);
    expect(seatBlocks([])).toEqual([]);
  });
});
