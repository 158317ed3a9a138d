import { eventFiltersSchema } from "@/lib/catalog/filters";
import { listEventsCached } from "@/lib/catalog/events";
import { route } from "@/lib/http/route";

export const GET = route({ scope: "catalog:read", query: eventFiltersSchema }, ({ query }) => listEventsCached(query));
