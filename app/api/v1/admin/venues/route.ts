import { listManagedVenues } from "@/lib/admin/venues";
import { route } from "@/lib/http/route";

export const GET = route({ scope: "venue:manage", roles: ["staff", "admin"] }, async ({ user }) => ({ items: await listManagedVenues(user) }));
