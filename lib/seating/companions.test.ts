import { describe, expect, it } from "vitest";
import { LAYOUTS } from "@/db/seed/layouts";
import { companionProblem } from "./companions";
import type { SeatMapLayout, SeatType } from "./types";

const TYPE_OF: Record<string, SeatType> = { r: "REGULAR", w: "ACCESSIBLE", m: "COMPANION" };

/** One row drawn as text ("." an aisle); seat ids are "A" + column + 1. */
function row(line: string): SeatMapLayout {
  const seats = [...line].flatMap((ch, col) => (ch === "." ? [] : [{ id: `A${col + 1}`, label: `A${col + 1}`, rowLabel: "A", row: 0, col, type: TYPE_OF[ch]!, priceMinor: 100 }]));
  return { showId: "s", currency: "INR", kind: "SCREEN", stageLabel: "SCREEN", rowCount: 1, colCount: line.length, seats, zones: [], units: [] };
}

const code = (line: string, ids: string[]) => companionProblem(row(line), ids)?.code ?? "OK";

describe("companionProblem", () => {
  it("passes holds without companion seats, and a companion with the space beside it", () => {
    expect(code("rwm", ["A1"])).toBe("OK");
    expect(code("rwm", ["A2"])).toBe("OK");
    expect(code("rwm", ["A2", "A3"])).toBe("OK");
    expect(code("mwr", ["A1", "A2", "A3"])).toBe("OK");
  });

  it("names a companion seat held without any wheelchair space", () => {
    const problem = companionProblem(row("rwm"), ["A1", "A3"]);
    expect(problem).toMatchObject({ code: "COMPANION_SEAT_ALONE", seatIds: ["A3"], labels: ["A3"] });
    expect(problem!.message).toBe("Seat A3 is a companion seat, sold only with the wheelchair space beside it. Add the wheelchair space, or pick another seat.");
  });

  it("refuses a wheelchair space that is not beside the companion: another column, or across an aisle", () => {
    expect(companionProblem(row("mrw"), ["A1", "A3"])).toMatchObject({ code: "COMPANION_SEAT_NOT_ADJACENT", seatIds: ["A1"] });
    expect(code("w.m", ["A1", "A3"])).toBe("COMPANION_SEAT_NOT_ADJACENT");
    // One companion fine, the other apart: only the one apart is named.
    expect(companionProblem(row("wmrrm"), ["A1", "A2", "A5"])).toMatchObject({ code: "COMPANION_SEAT_NOT_ADJACENT", seatIds: ["A5"] });
  });

  it("allows one companion per wheelchair space, a companion between two spaces going to the free one", () => {
    expect(companionProblem(row("mwm"), ["A1", "A2", "A3"])).toMatchObject({ code: "TOO_MANY_COMPANION_SEATS", seatIds: ["A3"] });
    expect(code("wmwm", ["A1", "A2", "A3", "A4"])).toBe("OK");
    expect(code("mwmw", ["A1", "A2", "A3", "A4"])).toBe("OK");
    // Three companions, two spaces, every companion beside one: the last one left over is named.
    expect(companionProblem(row("mwmwm"), ["A1", "A2", "A3", "A4", "A5"])).toMatchObject({ code: "TOO_MANY_COMPANION_SEATS", seatIds: ["A5"] });
  });

  it("ignores ids the layout does not have", () => {
    expect(code("wm", ["A2", "nope"])).toBe("COMPANION_SEAT_ALONE");
    expect(code("wm", ["nope"])).toBe("OK");
  });
});

describe("the demo halls", () => {
  for (const [name, draw] of Object.entries(LAYOUTS)) {
    it(`${name}: every wheelchair space has its own companion seat beside it, and every companion seat a space`, () => {
      const { seats } = draw();
      const at = new Map(seats.map((s) => [`${s.rowIndex}:${s.colIndex}`, s]));
      const beside = (s: (typeof seats)[number], type: string) =>
        [at.get(`${s.rowIndex}:${s.colIndex - 1}`), at.get(`${s.rowIndex}:${s.colIndex + 1}`)].filter((n) => n?.type === type);
      for (const s of seats) {
        if (s.type === "ACCESSIBLE") expect(beside(s, "COMPANION"), s.label).not.toHaveLength(0);
        if (s.type === "COMPANION") expect(beside(s, "ACCESSIBLE"), s.label).not.toHaveLength(0);
      }
      // The whole hall can be sold: all its wheelchair spaces with their companions pass the rule.
      const layout: SeatMapLayout = {
        showId: "s",
        currency: "INR",
        kind: "SCREEN",
        stageLabel: "SCREEN",
        rowCount: 0,
        colCount: 0,
        seats: seats.map((s) => ({ id: s.label, label: s.label, rowLabel: s.rowLabel, row: s.rowIndex, col: s.colIndex, type: s.type, priceMinor: 1 })),
        zones: [],
        units: [],
      };
      expect(companionProblem(layout, seats.filter((s) => s.type === "ACCESSIBLE" || s.type === "COMPANION").map((s) => s.label))).toBeNull();
    });
  }
});
