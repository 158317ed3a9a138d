import { NextResponse } from "next/server";
import * as shows from "@/lib/api/contract/shows";
import { route } from "@/lib/http/route";
import { roomState } from "@/lib/onsale/room";
import { etagOf, notModified } from "@/lib/http/etag";

/**
 * The waiting room as everyone sees it: phase, on-sale time, how many places are through, the
 * rate, whether it is paused or closed (sold out). One answer for all, so browsers poll this and
 * work out their own wait from their place; a proxy or CDN may keep it for a second. ETag/304.
 */
// Not rate limited: one shared answer per show and second, cheaper than counting the poll.
export const GET = route(shows.getQueueRoom, async ({ req, params }) => {
  const state = await roomState(params.showId);
  const etag = etagOf(state);
  const headers = { ETag: etag, "Cache-Control": "public, max-age=1" };
  const inm = req.headers.get("if-none-match");
  if (inm && notModified(inm, etag)) return new Response(null, { status: 304, headers });
  return NextResponse.json({ room: state }, { headers });
});
