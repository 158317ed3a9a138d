import { listManagedVenues } from "@/lib/admin/venues";
import { route } from "@/lib/http/route";
import * as admin from "@/lib/api/contract/admin";

export const GET = route(admin.listManagedVenues, async ({ user }) => ({ items: await listManagedVenues(user) }));
