// Seat maps drawn on a grid: a cell function returns a seat type, or null for a gap or aisle.
// Rows with at least one seat are labelled A, B, … Z, AA, AB …; seats are numbered per row from
// the left, skipping gaps, so labels read like a real ticket ("C7", "AB112").
import type { seatType, sectionKind } from "../schema";

export type SeatType = (typeof seatType.enumValues)[number];
export type SectionKind = (typeof sectionKind.enumValues)[number];

export type SeatSeed = { label: string; rowLabel: string; rowIndex: number; colIndex: number; type: SeatType };

/**
 * A general admission zone sold by quantity: a standing area (Fan Pit, Gold) or an exhibition's
 * timed-entry allowance per slot. `tier` is the seat price it is sold at (pricing.ts).
 */
export type ZoneSeed = { name: string; kind: "STANDING" | "TIMED_ENTRY"; capacity: number; tier: "VIP" | "PREMIUM" | "REGULAR" };

export type Layout = {
  kind: SectionKind;
  stageLabel: "SCREEN" | "STAGE" | "FIELD" | "ENTRANCE";
  rowCount: number;
  colCount: number;
  seats: SeatSeed[];
  zones: ZoneSeed[];
};

type Cell = (row: number, col: number) => SeatType | null;

export function rowLabel(index: number): string {
  const letter = (i: number) => String.fromCharCode(65 + i);
  return index < 26 ? letter(index) : letter(Math.floor(index / 26) - 1) + letter(index % 26);
}

function draw(kind: SectionKind, stageLabel: Layout["stageLabel"], rowCount: number, colCount: number, cell: Cell, zones: ZoneSeed[] = []): Layout {
  const seats: SeatSeed[] = [];
  let labelled = 0;
  for (let r = 0; r < rowCount; r++) {
    const label = rowLabel(labelled);
    let n = 0;
    for (let c = 0; c < colCount; c++) {
      const type = cell(r, c);
      if (type) seats.push({ label: `${label}${++n}`, rowLabel: label, rowIndex: r, colIndex: c, type });
    }
    if (n > 0) labelled++;
  }
  return { kind, stageLabel, rowCount, colCount, seats, zones };
}

/**
 * Exactly 150 seats: rows A–J of 3 + 9 + 3 between two aisles; premium and recliner rows at the
 * back; a wheelchair space at each end of row A with its companion seat beside it.
 */
function screen150(): Layout {
  return draw("SCREEN", "SCREEN", 10, 17, (r, c) => {
    if (c === 3 || c === 13) return null;
    if (r >= 8) return "RECLINER";
    if (r >= 6) return "PREMIUM";
    if (r === 0 && (c === 0 || c === 16)) return "ACCESSIBLE";
    if (r === 0 && (c === 1 || c === 15)) return "COMPANION";
    return "REGULAR";
  });
}

/** A 104-seat screen split by a centre aisle. */
function screenCompact(): Layout {
  return draw("SCREEN", "SCREEN", 8, 14, (r, c) => {
    if (c === 7) return null;
    return r >= 6 ? "PREMIUM" : "REGULAR";
  });
}

/** A large format hall; the front rows are cut back at the sides so the block fans out. */
function screenImax(): Layout {
  return draw("SCREEN", "SCREEN", 14, 26, (r, c) => {
    if (c === 4 || c === 21) return null;
    const trim = Math.max(0, 3 - r);
    if (c < trim || c >= 26 - trim) return null;
    if (r === 13 && (c === 5 || c === 20)) return "ACCESSIBLE";
    if (r === 13 && (c === 6 || c === 19)) return "COMPANION";
    if (r >= 11) return "PREMIUM";
    return "REGULAR";
  });
}

/** A 4DX hall: motion seats in pairs of six with a centre aisle. */
function screen4dx(): Layout {
  return draw("SCREEN", "SCREEN", 8, 13, (r, c) => (c === 6 ? null : r >= 3 ? "PREMIUM" : "REGULAR"));
}

/** A luxury screen of 32 recliners in pairs. */
function screenRecliner(): Layout {
  return draw("SCREEN", "SCREEN", 4, 11, (_r, c) => (c % 3 === 2 ? null : "RECLINER"));
}

/**
 * ~1,100 seats: 20 stall rows in three blocks with curved-looking front rows and a VIP front
 * centre, a cross aisle, then a 10-row balcony.
 */
function auditorium(): Layout {
  return draw("AUDITORIUM", "STAGE", 31, 40, (r, c) => {
    if (c === 9 || c === 30 || r === 20) return null;
    const trim = Math.max(0, 4 - r) * 2;
    if (c < trim || c >= 40 - trim) return null;
    if (r > 20) return "REGULAR";
    const centre = c > 9 && c < 30;
    if (r < 5) return centre ? "VIP" : "PREMIUM";
    if (r < 12) return "PREMIUM";
    if (r === 19 && (c === 8 || c === 10 || c === 29 || c === 31)) return "ACCESSIBLE";
    if (r === 19 && (c === 7 || c === 11 || c === 28 || c === 32)) return "COMPANION";
    return "REGULAR";
  });
}

/** ~300-seat studio theatre with a centre aisle. */
function studio(): Layout {
  return draw("AUDITORIUM", "STAGE", 15, 23, (r, c) => {
    if (c === 11) return null;
    const trim = Math.max(0, 2 - r);
    if (c < trim || c >= 23 - trim) return null;
    if (r === 14 && (c === 0 || c === 22)) return "ACCESSIBLE";
    if (r === 14 && (c === 1 || c === 21)) return "COMPANION";
    return r < 4 ? "PREMIUM" : "REGULAR";
  });
}

/** A comedy club room; the front rows are the (roastable) premium seats. */
function club(rows: number): Layout {
  return draw("AUDITORIUM", "STAGE", rows, 13, (r, c) => {
    if (c === 6) return null;
    if (r === rows - 1 && c === 0) return "ACCESSIBLE";
    if (r === rows - 1 && c === 1) return "COMPANION";
    return r < 2 ? "PREMIUM" : "REGULAR";
  });
}

/** 2,310 seats: 30 rows × 77 between vomitory gaps; VIP box front centre, premium lower tier. */
function stadium(): Layout {
  return draw("STADIUM", "FIELD", 30, 80, (r, c) => {
    if (c === 19 || c === 40 || c === 60) return null;
    if (r < 4 && c > 19 && c < 60) return "VIP";
    if (r < 10) return "PREMIUM";
    if (r === 29 && (c === 0 || c === 79 || c === 20 || c === 59)) return "ACCESSIBLE";
    if (r === 29 && (c === 1 || c === 78 || c === 21 || c === 58)) return "COMPANION";
    return "REGULAR";
  });
}

/** An exhibition hall: no seats, a timed-entry allowance of `perSlot` visitors for each slot (a show). */
function hall(perSlot: number): Layout {
  return draw("HALL", "ENTRANCE", 0, 0, () => null, [{ name: "Entry", kind: "TIMED_ENTRY", capacity: perSlot, tier: "REGULAR" }]);
}

/**
 * An indoor arena for concerts: a standing floor in two zones (Fan Pit at the stage, Gold behind
 * it) and 480 seats in raked stands at the back, premium in front.
 */
function arena(): Layout {
  return draw(
    "AUDITORIUM",
    "STAGE",
    12,
    42,
    (r, c) => {
      if (c === 10 || c === 31) return null;
      if (r === 11 && (c === 0 || c === 41)) return "ACCESSIBLE";
      if (r === 11 && (c === 1 || c === 40)) return "COMPANION";
      return r < 4 ? "PREMIUM" : "REGULAR";
    },
    [
      { name: "Fan Pit", kind: "STANDING", capacity: 250, tier: "VIP" },
      { name: "Gold Standing", kind: "STANDING", capacity: 400, tier: "PREMIUM" },
    ],
  );
}

/** An open-air festival ground: standing only, a Fan Pit at the stage and general admission behind. */
function festivalGround(): Layout {
  return draw("STADIUM", "STAGE", 0, 0, () => null, [
    { name: "Fan Pit", kind: "STANDING", capacity: 300, tier: "VIP" },
    { name: "Silver Standing", kind: "STANDING", capacity: 900, tier: "REGULAR" },
  ]);
}

/** A football ground: seated stands (as a smaller stadium) plus the home fans' standing terrace. */
function footballGround(): Layout {
  return draw(
    "STADIUM",
    "FIELD",
    16,
    60,
    (r, c) => {
      if (c === 19 || c === 40) return null;
      if (r < 3 && c > 19 && c < 40) return "VIP";
      if (r < 7) return "PREMIUM";
      if (r === 15 && (c === 0 || c === 59)) return "ACCESSIBLE";
      if (r === 15 && (c === 1 || c === 58)) return "COMPANION";
      return "REGULAR";
    },
    [{ name: "Fan Terrace", kind: "STANDING", capacity: 500, tier: "REGULAR" }],
  );
}

export const LAYOUTS = {
  screen150,
  screenCompact,
  screenImax,
  screen4dx,
  screenRecliner,
  auditorium,
  studio,
  club: () => club(9),
  clubSmall: () => club(7),
  stadium,
  hall: () => hall(40),
  hallLarge: () => hall(60),
  arena,
  festivalGround,
  footballGround,
} satisfies Record<string, () => Layout>;

export type LayoutName = keyof typeof LAYOUTS;
