import { updateVenue } from "@/lib/admin/venues";
import { route } from "@/lib/http/route";
import * as staff from "@/lib/api/contract/staff";

export const PATCH = route(staff.updateVenue, async ({ user, params, body }) => {
  // The search vector is an index detail (as in the events serializer), not part of a venue.
  const { searchVector: _index, ...venue } = await updateVenue(user, params.venueId, body);
  return { venue };
});
