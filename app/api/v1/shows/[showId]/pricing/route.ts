import * as shows from "@/lib/api/contract/shows";
import { getShow } from "@/lib/catalog/shows";
import { route } from "@/lib/http/route";

export const GET = route(shows.getShowPricing, async ({ params }) => {
  const { show, prices } = await getShow(params.showId);
  return { showId: show.id, currency: show.currency, strategy: show.pricingStrategy, prices };
});
