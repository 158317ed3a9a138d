// The selection travels in the URL as seat labels (`?seats=F11,F12`): readable, and it survives
// reload, back and the round trip through sign-in. Not a client module: the page can use it too.
import type { SeatMapLayout } from "@/lib/seating/types";

/** `?seats=` value(s) → ids of this layout's seats, in order, unknown labels and repeats dropped. */
export function seatIdsFromParam(layout: Pick<SeatMapLayout, "seats">, param: string | string[] | null | undefined): string[] {
  const wanted = new Set(
    [param ?? []]
      .flat()
      .flatMap((v) => v.split(","))
      .map((v) => v.trim().toUpperCase())
      .filter(Boolean),
  );
  return layout.seats.filter((s) => wanted.has(s.label.toUpperCase())).map((s) => s.id);
}

/** Labels → the `seats` value, commas left readable. */
export function seatsParamValue(labels: readonly string[]): string {
  return labels.map(encodeURIComponent).join(",");
}
