// Which staff pages each role may open, in one place: the admin nav and the site header's menu
// link only to these, and the pages check the same lists (app/admin/authz-matrix.db.test.ts and
// app/admin/nav-links.db.test.ts hold them to it).
import type { Role } from "@/lib/auth/accounts";

export const STAFF_ROLES = ["staff", "admin"] as const satisfies readonly Role[];
export const ADMIN_ONLY = ["admin"] as const satisfies readonly Role[];
/** The check-in page admits door staff as well as venue staff and admins. */
export const DOOR_ROLES = ["scanner", "staff", "admin"] as const satisfies readonly Role[];

export type NavLink = { href: string; label: string; roles: readonly Role[] };

export const ADMIN_NAV: readonly NavLink[] = [
  { href: "/admin", label: "Sales", roles: STAFF_ROLES },
  { href: "/admin/bookings", label: "Bookings", roles: STAFF_ROLES },
  { href: "/admin/venues", label: "Venues", roles: STAFF_ROLES },
  { href: "/admin/events", label: "Events", roles: STAFF_ROLES },
  { href: "/admin/shows/new", label: "Schedule shows", roles: STAFF_ROLES },
  { href: "/admin/halls", label: "Halls", roles: STAFF_ROLES },
  { href: "/admin/promos", label: "Promo codes", roles: STAFF_ROLES },
  { href: "/admin/api-keys", label: "API keys", roles: STAFF_ROLES },
  { href: "/admin/webhooks", label: "Webhooks", roles: STAFF_ROLES },
  { href: "/admin/audit", label: "Audit log", roles: ADMIN_ONLY },
  { href: "/checkin", label: "Check-in", roles: DOOR_ROLES },
];

export const navFor = (role: Role): NavLink[] => ADMIN_NAV.filter((l) => l.roles.includes(role));

/** The site header's way in to the staff pages, for roles that have one. */
export function staffEntryFor(role: Role): NavLink | null {
  if ((STAFF_ROLES as readonly Role[]).includes(role)) return { href: "/admin", label: "Staff tools", roles: STAFF_ROLES };
  if ((DOOR_ROLES as readonly Role[]).includes(role)) return { href: "/checkin", label: "Check-in", roles: DOOR_ROLES };
  return null;
}
