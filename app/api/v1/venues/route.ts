import { listVenues, venueQuerySchema } from "@/lib/catalog/venues";
import { route } from "@/lib/http/route";

export const GET = route({ query: venueQuerySchema }, async ({ query }) => ({ items: await listVenues(query) }));
