import * as catalog from "@/lib/api/contract/events";
import { listCities } from "@/lib/catalog/cities";
import { route } from "@/lib/http/route";

export const GET = route(catalog.listCities, async () => ({ items: await listCities() }));
