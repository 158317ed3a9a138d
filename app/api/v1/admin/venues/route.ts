import { listManagedVenues } from "@/lib/admin/venues";
import { route } from "@/lib/http/route";
import * as staff from "@/lib/api/contract/staff";

export const GET = route(staff.listVenues, async ({ user }) => ({ items: await listManagedVenues(user) }));
