// Companion seats: a COMPANION seat sits beside a wheelchair space (ACCESSIBLE) and is sold only
// with it, so the person using the space can bring someone and the seat is not lost to a buyer
// who needs neither. The rule, for the seats of one hold:
//   - every companion seat has a wheelchair space of the same hold next to it (same row, a
//     neighbouring column; a show's seats are all of one section);
//   - at most one companion seat per wheelchair space.
// Pure and free of server imports: acquire.ts enforces it on every hold, and the seat map runs
// it in the browser to say what is wrong before asking.
import type { SeatMapLayout } from "./types";

export type CompanionProblem = {
  code: "COMPANION_SEAT_ALONE" | "COMPANION_SEAT_NOT_ADJACENT" | "TOO_MANY_COMPANION_SEATS";
  message: string;
  /** The companion seats at fault. */
  seatIds: string[];
  labels: string[];
};

type Seat = SeatMapLayout["seats"][number];

const positions = new WeakMap<SeatMapLayout, Map<string, Seat>>();

/** The layout's seats by "row:col" (built once per layout). */
function byPosition(layout: SeatMapLayout): Map<string, Seat> {
  let map = positions.get(layout);
  if (!map) {
    map = new Map(layout.seats.map((s) => [`${s.row}:${s.col}`, s]));
    positions.set(layout, map);
  }
  return map;
}

/** The seats directly left and right of `seat` in its row (a gap or aisle between is not adjacent). */
export function neighbours(layout: SeatMapLayout, seat: Seat): Seat[] {
  const at = byPosition(layout);
  return [at.get(`${seat.row}:${seat.col - 1}`), at.get(`${seat.row}:${seat.col + 1}`)].filter((s): s is Seat => s !== undefined);
}

const listLabels = (labels: readonly string[]) =>
  labels.length <= 1 ? (labels[0] ?? "") : `${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]}`;

/**
 * What is wrong with holding `seatIds` together under the companion rule, or null when nothing
 * is. Seat ids not in the layout are ignored (the caller refuses those on its own terms).
 */
export function companionProblem(layout: SeatMapLayout, seatIds: readonly string[]): CompanionProblem | null {
  const wanted = new Set(seatIds);
  const seats = layout.seats.filter((s) => wanted.has(s.id));
  const companions = seats.filter((s) => s.type === "COMPANION");
  if (companions.length === 0) return null;
  const problem = (code: CompanionProblem["code"], faulty: Seat[], message: string): CompanionProblem => ({
    code,
    message,
    seatIds: faulty.map((s) => s.id),
    labels: faulty.map((s) => s.label),
  });
  const names = (faulty: Seat[]) => {
    const labels = faulty.map((s) => s.label);
    return `${labels.length === 1 ? "Seat" : "Seats"} ${listLabels(labels)} ${labels.length === 1 ? "is a companion seat" : "are companion seats"}`;
  };

  if (!seats.some((s) => s.type === "ACCESSIBLE")) {
    return problem(
      "COMPANION_SEAT_ALONE",
      companions,
      `${names(companions)}, sold only with the wheelchair space beside ${companions.length === 1 ? "it" : "them"}. Add the wheelchair space, or pick another seat.`,
    );
  }
  const spacesBeside = new Map(companions.map((c) => [c.id, neighbours(layout, c).filter((n) => n.type === "ACCESSIBLE" && wanted.has(n.id))]));
  const apart = companions.filter((c) => spacesBeside.get(c.id)!.length === 0);
  if (apart.length) {
    return problem(
      "COMPANION_SEAT_NOT_ADJACENT",
      apart,
      `${names(apart)}, sold only with the wheelchair space beside ${apart.length === 1 ? "it" : "them"}, and that space is not in your selection.`,
    );
  }

  // One companion per wheelchair space: a matching of companions to the spaces beside them. A
  // companion can sit between two spaces, so try to move an earlier match aside (augmenting
  // paths; a hold has at most a handful of seats).
  const partnerOf = new Map<string, string>(); // wheelchair space id → companion id
  const place = (companionId: string, tried: Set<string>): boolean => {
    for (const space of spacesBeside.get(companionId)!) {
      if (tried.has(space.id)) continue;
      tried.add(space.id);
      const taken = partnerOf.get(space.id);
      if (taken === undefined || place(taken, tried)) {
        partnerOf.set(space.id, companionId);
        return true;
      }
    }
    return false;
  };
  const extra = companions.filter((c) => !place(c.id, new Set()));
  if (extra.length) {
    return problem(
      "TOO_MANY_COMPANION_SEATS",
      extra,
      `Each wheelchair space comes with at most one companion seat; remove ${listLabels(extra.map((s) => s.label))}, or add another wheelchair space.`,
    );
  }
  return null;
}
