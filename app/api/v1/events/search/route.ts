import { route } from "@/lib/http/route";
import { searchEvents, searchQuerySchema } from "@/lib/search/search";

export const GET = route({ query: searchQuerySchema }, async ({ query }) => ({ items: await searchEvents(query) }));
