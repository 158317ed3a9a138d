import { describe, expect, it } from "vitest";
import { buildSeatRows, nextSeat } from "./navigation";

// Row 0: cols 0 1 _ 3 4   (an aisle at col 2)
// Row 1: no seats
// Row 2: cols 1 2 3       (listed out of order on purpose)
const seats = [
  { row: 0, col: 0 },
  { row: 0, col: 1 },
  { row: 0, col: 3 },
  { row: 0, col: 4 },
  { row: 2, col: 3 },
  { row: 2, col: 1 },
  { row: 2, col: 2 },
];
const nav = buildSeatRows(seats);
const go = (from: number, key: string, toEnds = false) => nextSeat(nav, seats, from, key, toEnds);

describe("nextSeat", () => {
  it("moves along a row across an aisle and stops at the ends", () => {
    expect(go(1, "ArrowRight")).toBe(2);
    expect(go(2, "ArrowLeft")).toBe(1);
    expect(go(3, "ArrowRight")).toBe(3);
    expect(go(0, "ArrowLeft")).toBe(0);
  });

  it("follows column order, not the order seats are listed in", () => {
    expect(go(5, "ArrowRight")).toBe(6);
    expect(go(6, "ArrowRight")).toBe(4);
  });

  it("moves to the nearest seat of the next row that has seats, skipping empty rows", () => {
    expect(go(3, "ArrowDown")).toBe(4); // col 4 → col 3
    expect(go(0, "ArrowDown")).toBe(5); // col 0 → col 1
    expect(go(6, "ArrowUp")).toBe(1); // col 2 → cols 1 and 3 tie: the left one
    expect(go(4, "ArrowDown")).toBe(4);
    expect(go(1, "ArrowUp")).toBe(1);
  });

  it("jumps to the ends of a row, or of the map with Ctrl", () => {
    expect(go(1, "Home")).toBe(0);
    expect(go(1, "End")).toBe(3);
    expect(go(6, "Home")).toBe(5);
    expect(go(1, "End", true)).toBe(4);
    expect(go(6, "Home", true)).toBe(0);
  });

  it("leaves other keys alone", () => {
    expect(go(1, "Enter")).toBeNull();
    expect(go(1, "a")).toBeNull();
  });
});
