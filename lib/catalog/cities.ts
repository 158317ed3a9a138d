import "server-only";
import { asc } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { cities } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { clearMemo, memo } from "./memo";

export type City = typeof cities.$inferSelect;

export const DEFAULT_TIME_ZONE = "Asia/Kolkata";

/** All cities, in display order. Cached briefly: cities change about never. */
export function listCities(ex: Executor = db): Promise<City[]> {
  return memo("cities", 60, () => ex.select().from(cities).orderBy(asc(cities.sortOrder), asc(cities.name)));
}

export async function getCity(id: string, ex: Executor = db): Promise<City | undefined> {
  const cached = (await listCities(ex)).find((c) => c.id === id);
  if (cached) return cached;
  // A city added since the list was cached must not be reported as unknown.
  clearMemo("cities");
  return (await listCities(ex)).find((c) => c.id === id);
}

/** A city named in a filter must exist: an unknown one is the caller's mistake (400). */
export async function requireCity(id: string, ex: Executor = db): Promise<City> {
  const city = await getCity(id, ex);
  if (!city) {
    throw new AppError("VALIDATION_FAILED", `Unknown city '${id}'`, { details: { fieldErrors: { city: ["unknown city"] } } });
  }
  return city;
}
