import * as shows from "@/lib/api/contract/shows";
import { getShow } from "@/lib/catalog/shows";
import { route } from "@/lib/http/route";

export const GET = route(shows.getShow, async ({ params }) => {
  const { show, event, venue, section, prices } = await getShow(params.showId);
  // Index columns (search vectors, the credits' text) and the creating staff account are not part of the answer.
  const { nameVector: _n, credits: _c, createdBy: _staff, ...eventJson } = event;
  const { searchVector: _s, ...venueJson } = venue;
  return { show: { ...show, event: eventJson, venue: venueJson, section: { id: section.id, name: section.name, kind: section.kind }, prices } };
});
