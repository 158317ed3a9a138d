import { getShow, showIdParams } from "@/lib/catalog/shows";
import { route } from "@/lib/http/route";

export const GET = route({ scope: "catalog:read", params: showIdParams }, async ({ params }) => {
  const { show, event, venue, section, prices } = await getShow(params.showId);
  return { show: { ...show, event, venue, section: { id: section.id, name: section.name, kind: section.kind }, prices } };
});
