/** One line on where an event plays, for a shopper who chose `chosen` ("Mumbai"). */
export function whereItPlays(
  e: { cities: string[]; inCity: boolean | null },
  chosen: string | null,
  cityName: (id: string) => string,
): string {
  if (!e.cities.length) return "No upcoming shows";
  const names = e.cities.map(cityName);
  const list = (xs: string[]) => (xs.length <= 3 ? xs.join(", ") : `${xs.slice(0, 3).join(", ")} and ${xs.length - 3} more`);
  if (e.inCity && chosen) {
    const others = names.filter((n) => n !== chosen);
    return others.length ? `In ${chosen}, also ${list(others)}` : `In ${chosen}`;
  }
  return chosen && e.inCity === false ? `Not in ${chosen} · plays in ${list(names)}` : `Plays in ${list(names)}`;
}
