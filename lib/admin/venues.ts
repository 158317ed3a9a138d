import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { cities, venues } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { assertKnownTimeZone } from "@/lib/time/known-zones";
import { audit } from "./audit";
import type { User } from "@/lib/auth/accounts";
import { requireVenueAccess, venueScope } from "@/lib/auth/authorize";

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "Not a time zone (e.g. Asia/Kolkata)");

export const venueUpdateSchema = z
  .object({
    name: z.string().trim().min(2).max(120).optional(),
    address: z.string().trim().min(5).max(300).optional(),
    lat: z.coerce.number().min(-90).max(90).optional(),
    lng: z.coerce.number().min(-180).max(180).optional(),
    timeZone: timeZone.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Nothing to change");

export const venueCreateSchema = z.object({
  cityId: z.string().trim().min(2).max(60),
  name: z.string().trim().min(2, "Name the venue").max(120),
  address: z.string().trim().min(5, "Give the address").max(300),
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
  timeZone,
});

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
  if (changes.timeZone !== undefined) await assertKnownTimeZone(changes.timeZone);
  return db.transaction(async (tx) => {
    const [row] = await tx.update(venues).set(changes).where(eq(venues.id, venueId)).returning();
    if (!row) throw new AppError("NOT_FOUND", "Venue not found");
    await audit(tx, user, "venues.update", "venue", venueId, changes);
    return row;
  });
}

/** Admins open new venues (staff are then assigned to them). */
export async function createVenue(user: User, input: z.output<typeof venueCreateSchema>) {
  if (user.role !== "admin") throw new AppError("FORBIDDEN", "Only admins can open new venues.");
  await assertKnownTimeZone(input.timeZone);
  const base = input.name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "venue";
  return db.transaction(async (tx) => {
    const [city] = await tx.select({ id: cities.id }).from(cities).where(eq(cities.id, input.cityId)).limit(1);
    if (!city) throw new AppError("VALIDATION_FAILED", "Unknown city.", { details: { fieldErrors: { cityId: ["Unknown city"] } } });
    for (let i = 0; i < 5; i++) {
      const slug = i === 0 ? base : `${base}-${i + 1}`;
      const [row] = await tx.insert(venues).values({ ...input, slug }).onConflictDoNothing({ target: venues.slug }).returning();
      if (row) {
        await audit(tx, user, "venues.create", "venue", row.id, { name: input.name });
        return row;
      }
    }
    throw new AppError("CONFLICT", "A venue with that name already exists.");
  });
}

export async function getManagedVenue(user: User, venueId: string) {
  await requireVenueAccess(user, venueId);
  const [row] = await db.select().from(venues).where(eq(venues.id, venueId)).limit(1);
  if (!row) throw new AppError("NOT_FOUND", "Venue not found");
  return row;
}
