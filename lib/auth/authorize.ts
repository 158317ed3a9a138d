import "server-only";
import { and, eq } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { staffVenues } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { Role, User } from "./accounts";

export function requireRole(user: User, roles: readonly Role[]): void {
  if (!roles.includes(user.role)) throw new AppError("FORBIDDEN", "You don't have access to this.");
}

/** Admins manage every venue; staff and scanners only the venues they are assigned to. */
export async function canAccessVenue(user: User, venueId: string, ex: Executor = db): Promise<boolean> {
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

/** Venue ids a staff or scanner user works at; null means all (admin). */
export async function venueScope(user: User, ex: Executor = db): Promise<string[] | null> {
  if (user.role === "admin") return null;
  if (user.role !== "staff" && user.role !== "scanner") return [];
  const rows = await ex.select({ v: staffVenues.venueId }).from(staffVenues).where(eq(staffVenues.userId, user.id));
  return rows.map((r) => r.v);
}
