import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import * as queue from "@/lib/api/contract/queue";
import { setPassCookie } from "@/lib/onsale/http";
import { joinQueue, queueStatus, type QueueStatus } from "@/lib/onsale/room";
import { clientIp, enforceRateLimit } from "@/lib/ratelimit";
import { etagOf, notModified } from "@/lib/http/etag";

function answer(status: QueueStatus, init: { status?: number; ifNoneMatch?: string | null } = {}): Response {
  // The pass is new on every answer (a fresh expiry): leave it out of the ETag, so an admitted
  // visitor polling still gets 304s until something they see changes.
  const etag = etagOf({ ...status, pass: status.pass ? true : null });
  if (init.ifNoneMatch && notModified(init.ifNoneMatch, etag)) return new Response(null, { status: 304, headers: { ETag: etag, "Cache-Control": "private, no-cache" } });
  const res = NextResponse.json({ queue: status }, { status: init.status ?? 200, headers: { ETag: etag, "Cache-Control": "private, no-cache" } });
  if (status.pass) setPassCookie(res, status.room.showId, status.pass);
  return res;
}

/**
 * The caller's place in the show's waiting room: position, how many are ahead, the estimated
 * wait, and once admitted a pass (also set as a cookie) that lock-seats requires. ETag/304: a poll
 * that changes nothing costs no body. Most of a wait is better spent polling …/queue/room, which
 * is the same for everyone: the place in line does not move once the on-sale has started.
 */
export const GET = route(queue.getQueueStatus, async ({ req, user, params }) =>
  answer(await queueStatus(user.id, params.showId), { ifNoneMatch: req.headers.get("if-none-match") }),
);

/**
 * Joins the waiting room (one place per account; joining again keeps it). Before the on-sale
 * everyone who joins gets a random place when it starts; after it, the back of the line.
 * 409 QUEUE_CLOSED when the show has no open room (sold out: join the waitlist instead).
 */
// Counted per address (queueJoin) rather than by the general per-user API limit: a join is once
// per account anyway, and one limiter round trip is a good share of a join's cost in an on-sale.
export const POST = route(queue.joinQueue, async ({ req, user, params }) => {
  await enforceRateLimit("queueJoin", `ip:${clientIp(req.headers)}`);
  return answer(await joinQueue(user.id, params.showId), { status: 201 });
});
