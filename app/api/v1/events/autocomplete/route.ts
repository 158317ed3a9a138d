import * as catalog from "@/lib/api/contract/events";
import { route } from "@/lib/http/route";
import { autocomplete } from "@/lib/catalog/search";
import { requireCity } from "@/lib/catalog/cities";

export const GET = route(catalog.autocompleteEvents, async ({ query }) => {
  if (query.city) await requireCity(query.city);
  return { suggestions: await autocomplete(query) };
});
