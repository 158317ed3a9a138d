import * as catalog from "@/lib/api/contract/events";
import { route } from "@/lib/http/route";
import { searchCached } from "@/lib/catalog/search";
import { requireCity } from "@/lib/catalog/cities";

export const GET = route(catalog.searchEvents, async ({ query }) => {
  if (query.city) await requireCity(query.city);
  const { events, people, venues, readAs } = await searchCached(query);
  return { items: events, people, venues, readAs };
});
