// A show's waiting room: the line an on-sale lets through at a set rate, and the pass that lets
// its buyer hold seats. (The room's shared state, GET /shows/{showId}/queue/room, is in shows.ts.)
import { z } from "zod";
import { RoomState } from "./catalog-schemas";
import { op } from "./op";
import { count, dateTime, showIdParams } from "./fields";

const TAG = "Queue";

export const QueueStatus = z
  .object({
    room: RoomState,
    joined: z.boolean(),
    position: z.number().int().min(1).nullable().meta({ description: "1-based place in line; null before the on-sale (early places are drawn at the on-sale) or when not joined." }),
    draw: z.number().min(0).max(1).nullable().meta({ description: "An early joiner's random draw in [0, 1): their place is about draw × room.earlyJoiners." }),
    ahead: count().nullable(),
    estimatedWaitSeconds: count().nullable(),
    admitted: z.boolean(),
    pass: z
      .object({ token: z.string(), expiresAt: dateTime() })
      .nullable()
      .meta({ description: "Once admitted: send `token` as `X-Queue-Pass` to initiate and lock-seats until `expiresAt` (a browser gets it as a cookie too). Each answer carries a fresh one." }),
  })
  .meta({ id: "QueueStatus" });

const QUEUE_HEADERS = {
  ETag: "The answer's version, the pass left out: send it back as If-None-Match.",
  "Cache-Control": "private, no-cache",
  "Set-Cookie": "The pass, once admitted (HttpOnly; for browsers).",
};

const queueAnswer = z.object({ queue: QueueStatus });

export const getQueueStatus = op({
  method: "GET",
  path: "/shows/{showId}/queue",
  operationId: "getQueueStatus",
  summary: "Your place in a show's waiting room",
  description:
    "The caller's place in line, how many are ahead, the estimated wait, and once admitted a pass that `POST /bookings/initiate` and `…/lock-seats` require while the room is open. `If-None-Match` with the last ETag answers 304 with no body until something the caller sees changes. Most of a wait is better spent polling `GET /shows/{showId}/queue/room` (one cacheable answer for everyone): a place in line does not move once the on-sale has started.",
  tag: TAG,
  params: showIdParams,
  headers: { "If-None-Match": { description: "The ETag of the last answer." } },
  auth: "required",
  scope: "bookings:write",
  responses: {
    200: { description: "The caller's place.", schema: queueAnswer, headers: QUEUE_HEADERS },
    304: { description: "Nothing changed since the ETag sent.", headers: { ETag: QUEUE_HEADERS.ETag } },
  },
});

export const joinQueue = op({
  method: "POST",
  path: "/shows/{showId}/queue",
  operationId: "joinQueue",
  summary: "Join a show's waiting room",
  description:
    "One place per account; joining again keeps it. Before the on-sale everyone who joins gets a random place when it starts (`draw`); after it, the back of the line. 409 `QUEUE_CLOSED` when the show has no open room (`details.reason`: SOLD_OUT means join the waitlist instead; no room at all means buy straight away). Rate limited per address (policy `queueJoin`, 30 a minute), not per account: a join is once per account anyway.",
  tag: TAG,
  params: showIdParams,
  auth: "required",
  scope: "bookings:write",
  rateLimit: false,
  responses: { 201: { description: "The caller's place.", schema: queueAnswer, headers: QUEUE_HEADERS } },
  errors: ["QUEUE_CLOSED", "RATE_LIMITED"],
});

