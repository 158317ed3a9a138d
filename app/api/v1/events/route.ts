import * as catalog from "@/lib/api/contract/events";
import { listEventsCached } from "@/lib/catalog/events";
import { route } from "@/lib/http/route";

export const GET = route(catalog.listEvents, ({ query }) => listEventsCached(query));
