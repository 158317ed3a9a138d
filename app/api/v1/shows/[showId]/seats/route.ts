import * as shows from "@/lib/api/contract/shows";
import { route } from "@/lib/http/route";
import { seatsResponse } from "@/app/api/v1/_serializers/seats";

/**
 * The live seat map. `view=status` is the cheap poll: one character per seat in layout order.
 * Both carry an ETag; a client sending If-None-Match gets 304 while nothing changed.
 */
// Not rate limited (in the contract): answers come from a per-process snapshot (at most half a
// second old), so a poll costs less than counting it would.
export const GET = route(shows.getShowSeats, ({ req, params, query }) => seatsResponse(params.showId, query.view, req.headers.get("if-none-match")));
