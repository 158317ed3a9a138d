import { getShow, showIdParams } from "@/lib/catalog/shows";
import { route } from "@/lib/http/route";

export const GET = route({ scope: "catalog:read", params: showIdParams }, async ({ params }) => {
  const { show, prices } = await getShow(params.showId);
  return { showId: show.id, currency: show.currency, strategy: show.pricingStrategy, prices };
});
