import { route } from "@/lib/http/route";
import { searchEventsCached, searchQuerySchema } from "@/lib/catalog/search";

export const GET = route({ query: searchQuerySchema }, async ({ query }) => ({ items: await searchEventsCached(query) }));
