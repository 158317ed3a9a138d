import { route } from "@/lib/http/route";
import { autocomplete, autocompleteQuerySchema } from "@/lib/catalog/search";
import { requireCity } from "@/lib/catalog/cities";

export const GET = route({ scope: "catalog:read", query: autocompleteQuerySchema }, async ({ query }) => {
  if (query.city) await requireCity(query.city);
  return { suggestions: await autocomplete(query) };
});
