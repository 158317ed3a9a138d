import { z } from "zod";
import { showIdParams } from "@/lib/catalog/shows";
import { route } from "@/lib/http/route";
import { seatsResponse } from "@/app/api/v1/_serializers/seats";

const query = z.object({ view: z.enum(["full", "status"]).default("full") });

/**
 * The live seat map. `view=status` is the cheap poll: one character per seat in layout order.
 * Both carry an ETag; a client sending If-None-Match gets 304 while nothing changed.
 */
// Not rate limited: answers come from a per-process snapshot (at most half a second old), so a
// poll costs less than counting it would.
export const GET = route({ scope: "catalog:read", params: showIdParams, query, rateLimit: false }, ({ req, params, query }) =>
  seatsResponse(params.showId, query.view, req.headers.get("if-none-match")),
);
