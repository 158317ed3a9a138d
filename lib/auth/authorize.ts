import "server-only";
import { and, eq } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { staffVenues } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { Role, User } from "./accounts";

// A venue:manage API key acts as its creator but only at the key's venues. The limit rides on a
// copy of the creator's User (so the cached original is never narrowed) under a symbol key: a
// spread of the user keeps it, JSON never carries it, and nothing a caller sends can set it.
const VENUE_LIMIT = Symbol("marquee.venueLimit");
type Limited = User & { [VENUE_LIMIT]?: readonly string[] };

/** `user`, limited to `venueIds` for canAccessVenue and venueScope (within their own venues). */
export function restrictToVenues(user: User, venueIds: readonly string[]): User {
  return { ...user, [VENUE_LIMIT]: Object.freeze([...venueIds]) } as Limited;
}

/** The venues a user is limited to by the API key it acts through; undefined: no such limit. */
export const venueLimitOf = (user: User): readonly string[] | undefined => (user as Limited)[VENUE_LIMIT];

export function requireRole(user: User, roles: readonly Role[]): void {
  if (!roles.includes(user.role)) throw new AppError("FORBIDDEN", "You don't have access to this.");
}

/** Admins manage every venue; staff and scanners only the venues they are assigned to. */
export async function canAccessVenue(user: User, venueId: string, ex: Executor = db): Promise<boolean> {
  const limit = venueLimitOf(user);
  if (limit && !limit.includes(venueId)) return false;
  if (user.role === "admin") return true;
  if (user.role !== "staff" && user.role !== "scanner") return false;
  const [row] = await ex
    .select({ v: staffVenues.venueId })
    .from(staffVenues)
    .where(and(eq(staffVenues.userId, user.id), eq(staffVenues.venueId, venueId)))
    .limit(1);
  return Boolean(row);
}

/** A venue the caller may not manage answers 404, as if it did not exist. */
export async function requireVenueAccess(user: User, venueId: string, ex: Executor = db): Promise<void> {
  if (!(await canAccessVenue(user, venueId, ex))) throw new AppError("NOT_FOUND", "Venue not found");
}

/**
 * Venue ids a staff or scanner user works at; null means all (admin). Through an API key, only
 * those of the key's venues they (still) work at.
 */
export async function venueScope(user: User, ex: Executor = db): Promise<string[] | null> {
  const limit = venueLimitOf(user);
  if (user.role === "admin") return limit ? [...limit] : null;
  if (user.role !== "staff" && user.role !== "scanner") return [];
  const rows = await ex.select({ v: staffVenues.venueId }).from(staffVenues).where(eq(staffVenues.userId, user.id));
  const own = rows.map((r) => r.v);
  return limit ? own.filter((v) => limit.includes(v)) : own;
}
