import { describe, expect, it } from "vitest";
import { bestAvailable } from "./best-available";
import type { SeatMapLayout, SeatType } from "./types";

const TYPE_OF: Record<string, SeatType> = { r: "REGULAR", p: "PREMIUM", v: "VIP", c: "RECLINER", w: "ACCESSIBLE", m: "COMPANION" };

/**
 * A hall drawn as text, row 0 (nearest the screen or stage) first. In `rows`, "." is no seat (an
 * aisle) and A/H/B/X a seat with that status. `types`, when given, has the same shape with a
 * letter of TYPE_OF per seat; otherwise every seat is REGULAR. Seat ids are labels: "A1" is row
 * A, column 0.
 */
function hall(kind: SeatMapLayout["kind"], rows: string[], types?: string[]) {
  const seats: SeatMapLayout["seats"] = [];
  let status = "";
  rows.forEach((line, row) => {
    const rowLabel = String.fromCharCode(65 + row);
    [...line].forEach((ch, col) => {
      if (ch === ".") return;
      const label = `${rowLabel}${col + 1}`;
      const type = types ? TYPE_OF[types[row]![col]!]! : "REGULAR";
      seats.push({ id: label, label, rowLabel, row, col, type, priceMinor: 20_000 });
      status += ch;
    });
  });
  const layout: SeatMapLayout = {
    showId: "show-1",
    currency: "INR",
    kind,
    stageLabel: kind === "SCREEN" ? "SCREEN" : "STAGE",
    rowCount: rows.length,
    colCount: Math.max(...rows.map((r) => r.length)),
    seats,
    zones: [],
    units: [],
  };
  return { layout, status };
}

const full = (cols: number) => "A".repeat(cols);
const rowsOf = (count: number, line: string) => Array.from({ length: count }, () => line);

/** Independent check of the orphan rule: does picking `ids` strand exactly one free seat? */
function leavesOrphan(layout: SeatMapLayout, status: string, ids: string[]): boolean {
  const picked = new Set(ids);
  const at = new Map(layout.seats.map((s, i) => [`${s.row}:${s.col}`, i]));
  const free = (row: number, col: number) => {
    const i = at.get(`${row}:${col}`);
    return i !== undefined && status[i] === "A" && !picked.has(layout.seats[i]!.id);
  };
  const chosen = layout.seats.filter((s) => picked.has(s.id));
  const row = chosen[0]!.row;
  const first = Math.min(...chosen.map((s) => s.col));
  const last = Math.max(...chosen.map((s) => s.col));
  return (free(row, first - 1) && !free(row, first - 2)) || (free(row, last + 1) && !free(row, last + 2));
}

/** The picked seats are one row and consecutive columns, all available. */
function expectAdjacentAndFree(layout: SeatMapLayout, status: string, ids: string[] | null, n: number) {
  expect(ids).not.toBeNull();
  expect(ids).toHaveLength(n);
  const idx = ids!.map((id) => layout.seats.findIndex((s) => s.id === id));
  const seats = idx.map((i) => layout.seats[i]!);
  expect(new Set(seats.map((s) => s.row)).size).toBe(1);
  seats.forEach((s, k) => {
    if (k > 0) expect(s.col).toBe(seats[k - 1]!.col + 1);
  });
  idx.forEach((i) => expect(status[i]).toBe("A"));
}

describe("bestAvailable", () => {
  describe("adjacency", () => {
    it("does not join seats across an aisle", () => {
      const { layout, status } = hall("SCREEN", ["AA.AA"]);
      expect(bestAvailable(layout, status, 3)).toBeNull();
      const two = bestAvailable(layout, status, 2);
      expect([["A1", "A2"], ["A4", "A5"]]).toContainEqual(two);
    });

    it("uses a block on either side of an aisle when one side is big enough", () => {
      const { layout, status } = hall("SCREEN", ["AA.AAA"]);
      expect(bestAvailable(layout, status, 3)).toEqual(["A4", "A5", "A6"]);
    });

    it("does not join seats across a taken seat", () => {
      for (const taken of ["H", "B", "X"]) {
        const { layout, status } = hall("SCREEN", [`AA${taken}AA`]);
        expect(bestAvailable(layout, status, 3)).toBeNull();
      }
    });

    it("does not join seats in different rows", () => {
      const { layout, status } = hall("SCREEN", ["AAH", "HAA"]);
      expect(bestAvailable(layout, status, 3)).toBeNull();
      expectAdjacentAndFree(layout, status, bestAvailable(layout, status, 2), 2);
    });

    it("finds seats whatever order the layout lists them in", () => {
      const { layout, status } = hall("SCREEN", ["AAAAAAA"]);
      const reversed = { ...layout, seats: [...layout.seats].reverse() };
      expect(bestAvailable(reversed, [...status].reverse().join(""), 3)).toEqual(["A3", "A4", "A5"]);
    });

    it("treats seats not for sale (negative price) as taken", () => {
      const { layout, status } = hall("SCREEN", ["AAAAA"]);
      const priced = { ...layout, seats: layout.seats.map((s) => (s.id === "A3" ? { ...s, priceMinor: -1 } : s)) };
      expect(bestAvailable(priced, status, 3)).toBeNull();
    });

    it("treats excluded seats as taken", () => {
      const { layout, status } = hall("SCREEN", ["AAAAA"]);
      expect(bestAvailable(layout, status, 3, { exclude: new Set(["A3"]) })).toBeNull();
      expect([["A1", "A2"], ["A4", "A5"]]).toContainEqual(bestAvailable(layout, status, 2, { exclude: new Set(["A3"]) }));
    });
  });

  describe("ideal row", () => {
    // Ten identical empty rows of nine: the row decides, and the block is always columns 4–6.
    const rows = rowsOf(10, full(9));

    it("is about two thirds of the way back for a cinema screen", () => {
      const { layout, status } = hall("SCREEN", rows);
      // 65% of rows 0–9 is 5.85: row index 6, "G".
      expect(bestAvailable(layout, status, 3)).toEqual(["G4", "G5", "G6"]);
    });

    it("is near the front for a stage, a pitch or a hall", () => {
      for (const kind of ["AUDITORIUM", "STADIUM", "HALL"] as const) {
        const { layout, status } = hall(kind, rows);
        // 20% of rows 0–9 is 1.8: row index 2, "C".
        expect(bestAvailable(layout, status, 3)).toEqual(["C4", "C5", "C6"]);
      }
    });

    it("moves to the next-closest row when the ideal one is full", () => {
      const screen = hall("SCREEN", rows.map((r, i) => (i === 6 ? "HHHHHHHHH" : r)));
      // 5.85: row F (5) is 0.85 away, row H (7) 1.15.
      expect(bestAvailable(screen.layout, screen.status, 3)).toEqual(["F4", "F5", "F6"]);
      const stage = hall("AUDITORIUM", rows.map((r, i) => (i === 2 ? "BBBBBBBBB" : r)));
      // 1.8: row B (1) is 0.8 away, row D (3) 1.2.
      expect(bestAvailable(stage.layout, stage.status, 3)).toEqual(["B4", "B5", "B6"]);
    });

    it("measures from the rows that have seats, not empty grid rows", () => {
      // Two empty rows at the back must not pull the ideal row backwards.
      const { layout, status } = hall("AUDITORIUM", [...rowsOf(6, full(5)), ".....", "....."]);
      // Rows 0–5: 20% is 1.0, row "B".
      expect(bestAvailable(layout, status, 1)).toEqual(["B3"]);
    });
  });

  describe("centre", () => {
    it("prefers the block nearest the hall's centre column", () => {
      const { layout, status } = hall("SCREEN", ["AAAAAAAAAAA"]);
      expect(bestAvailable(layout, status, 3)).toEqual(["A5", "A6", "A7"]);
    });

    it("measures the centre of the hall, not of the free seats", () => {
      // Free seats only on the right; the block hugs the left end of them, towards the centre.
      const { layout, status } = hall("SCREEN", ["BBBBBAAAAAA"]);
      expect(bestAvailable(layout, status, 2)).toEqual(["A6", "A7"]);
    });

    it("takes a central block one row off the ideal row over an edge block in it", () => {
      // Ideal row G (index 6) has only its two end seats free; row F's centre is free.
      const rows = rowsOf(10, "B".repeat(21));
      rows[5] = "BBBBBBBBBAAABBBBBBBBB";
      rows[6] = "AAABBBBBBBBBBBBBBBBBB";
      const { layout, status } = hall("SCREEN", rows);
      expect(bestAvailable(layout, status, 3)).toEqual(["F10", "F11", "F12"]);
    });

    it("keeps the ideal row when its block is only slightly off centre", () => {
      const rows = rowsOf(10, "B".repeat(21));
      rows[5] = "BBBBBBBBBAAABBBBBBBBB";
      rows[6] = "BBBBBBBBBBBBAAABBBBBB"; // three columns right of centre
      const { layout, status } = hall("SCREEN", rows);
      expect(bestAvailable(layout, status, 3)).toEqual(["G13", "G14", "G15"]);
    });
  });

  describe("orphan seats", () => {
    it("does not strand one seat when a block can sit against the end of the gap", () => {
      // Six free between two taken seats: the centred block A3–A6 would strand A2 and A7.
      const { layout, status } = hall("SCREEN", ["HAAAAAAH"]);
      const ids = bestAvailable(layout, status, 4);
      expect(ids).not.toEqual(["A3", "A4", "A5", "A6"]);
      expect([["A2", "A3", "A4", "A5"], ["A4", "A5", "A6", "A7"]]).toContainEqual(ids);
      expect(leavesOrphan(layout, status, ids!)).toBe(false);
    });

    it("counts an aisle and the row end as edges that strand a seat", () => {
      // The central pairs would leave A2 alone against the aisle (A3–A4) or A6 alone at the row end (A4–A5).
      const { layout, status } = hall("SCREEN", [".AAAAA"]);
      const ids = bestAvailable(layout, status, 2);
      expect(leavesOrphan(layout, status, ids!)).toBe(false);
      expect([["A2", "A3"], ["A5", "A6"]]).toContainEqual(ids);
    });

    it("goes to another row rather than strand a seat in the ideal row", () => {
      // Ideal row (index 1 of 0–2 for a screen: 1.3) has three free seats: any pair strands one.
      const { layout, status } = hall("SCREEN", ["AAAAAAA", "HHAAAHH", "AAAAAAA"]);
      const ids = bestAvailable(layout, status, 2)!;
      expect(ids.every((id) => id.startsWith("C"))).toBe(true);
      expectAdjacentAndFree(layout, status, ids, 2);
      expect(leavesOrphan(layout, status, ids)).toBe(false);
    });

    it("still answers when every option strands a seat", () => {
      const { layout, status } = hall("SCREEN", ["HAAAH"]);
      const ids = bestAvailable(layout, status, 2);
      expectAdjacentAndFree(layout, status, ids, 2);
      expect(leavesOrphan(layout, status, ids!)).toBe(true);
    });

    it("does not count a gap of two or more as an orphan", () => {
      const { layout, status } = hall("SCREEN", ["HAAAAAH"]);
      // Centre block A3–A5 would strand A2 and A6; A2–A4 leaves two free (A5–A6): fine.
      expect([["A2", "A3", "A4"], ["A4", "A5", "A6"]]).toContainEqual(bestAvailable(layout, status, 3));
    });
  });

  describe("seat types", () => {
    it("only picks seats of the requested types", () => {
      const types = ["rrrrrrr", "rrrrrrr", "ppppppp", "ccccccc"];
      const { layout, status } = hall("SCREEN", rowsOf(4, full(7)), types);
      // Unfiltered, the ideal row is C (1.95 of 0–3); recliners are all in row D.
      expect(bestAvailable(layout, status, 2)!.every((id) => id.startsWith("C"))).toBe(true);
      expect(bestAvailable(layout, status, 3, { types: ["RECLINER"] })).toEqual(["D3", "D4", "D5"]);
      expect(bestAvailable(layout, status, 2, { types: ["REGULAR"] })!.every((id) => id.startsWith("B"))).toBe(true);
    });

    it("skips blocks that include a seat of another type within a row", () => {
      // Accessible spaces in the centre of the only row.
      const { layout, status } = hall("SCREEN", ["AAAAAAAAA"], ["rrrrwrrrr"]);
      const ids = bestAvailable(layout, status, 2, { types: ["REGULAR"] })!;
      expect(ids).not.toContain("A5");
      expect([["A3", "A4"], ["A6", "A7"]]).toContainEqual(ids);
    });

    it("accepts any of several types", () => {
      const { layout, status } = hall("SCREEN", ["AAAA"], ["rppv"]);
      expect(bestAvailable(layout, status, 3, { types: ["PREMIUM", "VIP"] })).toEqual(["A2", "A3", "A4"]);
    });

    it("answers null when no seats of the type are free", () => {
      const { layout, status } = hall("SCREEN", ["AAAA", "BBBB"], ["rrrr", "vvvv"]);
      expect(bestAvailable(layout, status, 1, { types: ["VIP"] })).toBeNull();
      expect(bestAvailable(layout, status, 1, { types: [] })).toBeNull();
    });
  });

  describe("limits", () => {
    it("answers null for a sold-out hall, a block too big for any row, or a bad count", () => {
      const soldOut = hall("SCREEN", ["HBXB", "BBBB"]);
      expect(bestAvailable(soldOut.layout, soldOut.status, 1)).toBeNull();
      const empty = hall("SCREEN", rowsOf(3, full(4)));
      expect(bestAvailable(empty.layout, empty.status, 5)).toBeNull();
      for (const n of [0, -1, 1.5, Number.NaN]) expect(bestAvailable(empty.layout, empty.status, n)).toBeNull();
      const none = hall("SCREEN", ["...."]);
      expect(bestAvailable(none.layout, none.status, 1)).toBeNull();
    });

    it("picks the single best seat for n = 1", () => {
      const { layout, status } = hall("SCREEN", rowsOf(10, full(9)));
      expect(bestAvailable(layout, status, 1)).toEqual(["G5"]);
    });

    it("does not take the middle of three for n = 1", () => {
      // Only row: taking A3 would strand both A2 and A4.
      const { layout, status } = hall("SCREEN", ["HAAAH"]);
      expect([["A2"], ["A4"]]).toContainEqual(bestAvailable(layout, status, 1));
    });

    it("finds ten together, and only where ten fit", () => {
      const rows = rowsOf(8, "AAAAAAAAA.AAAAAAAAA"); // 9 + aisle + 9: no row holds 10 ...
      rows[1] = "AAAAAAAAAAAAAAAAAAA"; // ... except row B, unbroken.
      const { layout, status } = hall("SCREEN", rows);
      const ids = bestAvailable(layout, status, 10)!;
      expectAdjacentAndFree(layout, status, ids, 10);
      expect(ids.every((id) => id.startsWith("B"))).toBe(true);
    });

    it("prefers a row where ten leave no orphan over one where they would", () => {
      const rows = rowsOf(10, "B".repeat(14));
      rows[6] = "BBAAAAAAAAAAAB"; // the ideal row: 11 free, any 10 strand one
      rows[9] = "BAAAAAAAAAAAAB"; // the back row: 12 free, 10 against one end strand nothing
      const { layout, status } = hall("SCREEN", rows);
      const ids = bestAvailable(layout, status, 10)!;
      expect(ids.every((id) => id.startsWith("J"))).toBe(true);
      expect(leavesOrphan(layout, status, ids)).toBe(false);
      rows[9] = "B".repeat(14);
      const only = hall("SCREEN", rows);
      const fallback = bestAvailable(only.layout, only.status, 10)!;
      expect(fallback.every((id) => id.startsWith("G"))).toBe(true);
    });
  });
});

describe("bestAvailable with wheelchair spaces", () => {
  // A cinema of five rows of eight; the back row has a wheelchair space at each end, each with
  // its companion seat beside it: E1 (w) E2 (m) … E7 (m) E8 (w).
  const types = [...rowsOf(4, "rrrrrrrr"), "wmrrrrmw"];
  const cinema = (status?: string) => {
    const h = hall("SCREEN", rowsOf(5, full(8)), types);
    return { layout: h.layout, status: status ?? h.status };
  };
  /** The status string with the seats named taken ("B"). */
  const taking = (labels: string[]) => {
    const { layout, status } = cinema();
    return [...status].map((c, i) => (labels.includes(layout.seats[i]!.label) ? "B" : c)).join("");
  };

  it("picks a wheelchair space with its companion seat", () => {
    const { layout, status } = cinema();
    expect(bestAvailable(layout, status, 2, { accessible: 1 })).toEqual(["E1", "E2"]);
    expect(bestAvailable(layout, status, 1, { accessible: 1 })).toEqual(["E1"]);
  });

  it("seats the rest of the party as a block beside them, never in wheelchair or companion seats", () => {
    const { layout, status } = cinema();
    expect(bestAvailable(layout, status, 4, { accessible: 1 })).toEqual(["E1", "E2", "E3", "E4"]);
    // Six together in the row in front beat four beside and two in front.
    expect(bestAvailable(layout, status, 8, { accessible: 1 })).toEqual(["D1", "D2", "D3", "D4", "D5", "D6", "E1", "E2"]);
  });

  it("gives companions to as many spaces as the count allows", () => {
    const { layout, status } = cinema();
    expect(bestAvailable(layout, status, 2, { accessible: 2 })).toEqual(["E1", "E8"]);
    expect(bestAvailable(layout, status, 3, { accessible: 2 })).toEqual(["E1", "E2", "E8"]);
    expect(bestAvailable(layout, status, 4, { accessible: 2 })).toEqual(["E1", "E2", "E7", "E8"]);
  });

  it("prefers a space whose companion seat is free, and does without one when none is", () => {
    const { layout } = cinema();
    expect(bestAvailable(layout, taking(["E2"]), 2, { accessible: 1 })).toEqual(["E7", "E8"]);
    expect(bestAvailable(layout, taking(["E2", "E7"]), 2, { accessible: 1 })).toEqual(["E1", "E3"]);
  });

  it("answers null without enough free wheelchair spaces, or for a count it cannot mean", () => {
    const { layout, status } = cinema();
    expect(bestAvailable(layout, taking(["E1"]), 2, { accessible: 2 })).toBeNull();
    expect(bestAvailable(layout, status, 2, { accessible: 3 })).toBeNull();
    expect(bestAvailable(layout, status, 1, { accessible: 2 })).toBeNull();
    expect(bestAvailable(layout, status, 2, { accessible: 1.5 })).toBeNull();
    expect(bestAvailable(layout, status, 2, { accessible: -1 })).toBeNull();
  });

  it("splits the rest into as few blocks as it must", () => {
    const { layout, status } = hall("SCREEN", ["AAA.A.AA"], ["wmr.r.rr"]);
    expect(bestAvailable(layout, status, 5, { accessible: 1 })).toEqual(["A1", "A2", "A3", "A7", "A8"]);
    expect(bestAvailable(layout, status, 7, { accessible: 1 })).toBeNull();
  });

  it("keeps `types` for the rest of the party", () => {
    const { layout, status } = hall("SCREEN", rowsOf(3, full(6)), ["pppppp", "rrrrrr", "wmrrrr"]);
    expect(bestAvailable(layout, status, 4, { accessible: 1, types: ["PREMIUM"] })).toEqual(["A1", "A2", "C1", "C2"]);
  });

  it("never picks a companion seat without its wheelchair space when no count is given", () => {
    const { layout } = hall("SCREEN", ["AAAA"], ["rrmw"]);
    expect(bestAvailable(layout, "HAAA", 2)).toEqual(["A3", "A4"]);
    expect(bestAvailable(layout, "HHAH", 1)).toBeNull();
    expect(bestAvailable(layout, "AAAH", 3)).toBeNull();
  });
});
