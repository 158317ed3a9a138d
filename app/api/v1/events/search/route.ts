import { route } from "@/lib/http/route";
import { searchCached, searchQuerySchema } from "@/lib/catalog/search";
import { requireCity } from "@/lib/catalog/cities";

/**
 * `items`: events, best first (the chosen `city`'s first, each with the cities it plays in);
 * `people` and `venues` whose names match; `readAs`: the query as read when words were corrected.
 */
export const GET = route({ scope: "catalog:read", query: searchQuerySchema }, async ({ query }) => {
  if (query.city) await requireCity(query.city);
  const { events, people, venues, readAs } = await searchCached(query);
  return { items: events, people, venues, readAs };
});
