// How a booking's places read to people. A booking names one place per person: a reserved seat
// by its label ("A1"), a general admission place by its zone's name ("Fan Pit"; db/sql.ts
// seatLabelsOf, the ticket token's `seats` claim). Zone places are interchangeable units, so
// listing them one by one ("Fan Pit, Fan Pit, Fan Pit") says nothing: they are counted instead.
// No imports: the door page uses this in the browser, offline, on a token's claim.

/**
 * One name per place → what people read, in first-seen order: seats stay one by one, a name that
 * repeats (a zone's places) becomes "Fan Pit × 3". ["A1", "A2", "Fan Pit", "Fan Pit"] →
 * ["A1", "A2", "Fan Pit × 2"]. A single zone place reads as its zone's name.
 */
export function groupPlaces(names: readonly string[]): string[] {
  return countPlaces(names).map(placeGroupText);
}

/** The same grouping as counts, for callers that show more per group (a type, a price). */
export function countPlaces(names: readonly string[]): { name: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].map(([name, count]) => ({ name, count }));
}

/** "Fan Pit × 3", or "A1" for a group of one. */
export function placeGroupText(g: { name: string; count: number }): string {
  return g.count > 1 ? `${g.name} × ${g.count}` : g.name;
}

/** "A1, A2, Fan Pit × 3": a booking's places on one line. */
export function placesText(names: readonly string[]): string {
  return groupPlaces(names).join(", ");
}

/** "Seats A1, A2" for reserved seats only; "Admits 5 · A1, A2, Fan Pit × 3" once a zone is in it. */
export function admitsText(names: readonly string[]): string {
  const grouped = groupPlaces(names);
  return grouped.length === names.length ? `Seats ${grouped.join(", ")}` : `Admits ${names.length} · ${grouped.join(", ")}`;
}
