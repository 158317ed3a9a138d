import { z } from "zod";
import { updateVenue, venueUpdateSchema } from "@/lib/admin/venues";
import { route } from "@/lib/http/route";

const params = z.object({ venueId: z.uuid("must be a venue id (UUID)") });

export const PATCH = route({ scope: "venue:manage", roles: ["staff", "admin"], params, body: venueUpdateSchema }, async ({ user, params, body }) => ({
  venue: await updateVenue(user, params.venueId, body),
}));
