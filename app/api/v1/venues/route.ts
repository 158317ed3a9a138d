import { listVenues, venueQuerySchema } from "@/lib/catalog/venues";
import { route } from "@/lib/http/route";

export const GET = route({ scope: "catalog:read", query: venueQuerySchema }, async ({ query }) => ({ items: await listVenues(query) }));
