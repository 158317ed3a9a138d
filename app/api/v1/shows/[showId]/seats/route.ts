import { z } from "zod";
import { showIdParams } from "@/lib/catalog/shows";
import { route } from "@/lib/http/route";
import { seatsResponse } from "@/lib/seating/api";

const query = z.object({ view: z.enum(["full", "status"]).default("full") });

/**
 * The live seat map. `view=status` is the cheap poll: one character per seat in layout order.
 * Both carry an ETag; a client sending If-None-Match gets 304 while nothing changed.
 */
export const GET = route({ params: showIdParams, query, rateLimit: "seatMap" }, ({ req, params, query }) =>
  seatsResponse(params.showId, query.view, req.headers.get("if-none-match")),
);
