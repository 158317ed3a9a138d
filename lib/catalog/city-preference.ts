import "server-only";
import { cookies } from "next/headers";
import { listCities, type City } from "./cities";

export const CITY_COOKIE = "marquee_city";

/** The city to browse: an explicit choice (URL), else the remembered one, else the first. */
export async function preferredCity(explicit?: string): Promise<{ city: City; cities: City[] }> {
  // Cookies first: that marks the page dynamic before any query runs (no DB access at build).
  const remembered = (await cookies()).get(CITY_COOKIE)?.value;
  const cities = await listCities();
  const city =
    cities.find((c) => c.id === explicit) ?? cities.find((c) => c.id === remembered) ?? cities[0];
  if (!city) throw new Error("No cities in the catalog: run the seed (npm run db:seed)");
  return { city, cities };
}
