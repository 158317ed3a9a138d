import { updateVenue } from "@/lib/admin/venues";
import { route } from "@/lib/http/route";
import * as admin from "@/lib/api/contract/admin";

export const PATCH = route(admin.updateVenue, async ({ user, params, body }) => {
  // The search vector is an index detail (as in the events serializer), not part of a venue.
  const { searchVector: _index, ...venue } = await updateVenue(user, params.venueId, body);
  return { venue };
});
