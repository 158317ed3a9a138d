import * as catalog from "@/lib/api/contract/events";
import { listVenues } from "@/lib/catalog/venues";
import { route } from "@/lib/http/route";

export const GET = route(catalog.listVenues, async ({ query }) => ({ items: await listVenues(query) }));
