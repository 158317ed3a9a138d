import { route } from "@/lib/http/route";
import { autocomplete, autocompleteQuerySchema } from "@/lib/catalog/search";

export const GET = route({ query: autocompleteQuerySchema }, async ({ query }) => ({
  suggestions: await autocomplete(query),
}));
