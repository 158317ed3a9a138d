import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { venues } from "@/db/schema";
import type { User } from "@/lib/auth/accounts";
import { requireVenueAccess, venueScope } from "@/lib/auth/authorize";

export const venueUpdateSchema = z
  .object({
    name: z.string().trim().min(2).max(120).optional(),
    address: z.string().trim().min(5).max(300).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Nothing to change");

/** Venues the user manages: all for admins, assigned ones for staff and scanners. */
export async function listManagedVenues(user: User) {
  const scope = await venueScope(user);
  if (scope && scope.length === 0) return [];
  return db
    .select({ id: venues.id, name: venues.name, cityId: venues.cityId, address: venues.address })
    .from(venues)
    .where(scope ? inArray(venues.id, scope) : undefined)
    .orderBy(asc(venues.name));
}

export async function updateVenue(user: User, venueId: string, changes: z.output<typeof venueUpdateSchema>) {
  await requireVenueAccess(user, venueId);
  const [row] = await db.update(venues).set(changes).where(eq(venues.id, venueId)).returning();
  return row!;
}
