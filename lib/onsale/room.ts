// A show's on-sale and its waiting room. Staff set when a show goes on sale and, for a big one,
// turn on the waiting room: visitors queue (queue.ts), and queue places are let through at the
// staff-set rate. `admitted` in on_sales counts the places through; it moves on a tick (any
// instance, at most once a second: a conditional UPDATE), by rate × time since the last tick, never
// past the end of the line (admissions are not banked while nobody waits), and not while staff
// pause it or nothing is free to sell. When the show sells out (nothing free, nothing held) the
// room closes and the show page offers the waitlist instead.
//
// The admitted get a pass (pass.ts); the hold path (lib/booking/hold.ts) asks requireAdmission.
import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { authSecret } from "@/lib/auth/secret";
import { AppError } from "@/lib/errors";
import { getAvailability } from "@/lib/seating/availability";
import { signPass, verifyPass } from "./pass";
import { withQueue, type Place } from "./queue";
import { log } from "@/lib/telemetry/log.mjs";

const logger = log("onsale");

export type OnSale = {
  showId: string;
  onSaleAt: Date;
  waitingRoom: boolean;
  admitPerMinute: number;
  admitted: number;
  tickedAt: Date | null;
  paused: boolean;
  closedAt: Date | null;
  closedReason: "SOLD_OUT" | "ENDED" | null;
};

/** NONE: on sale as usual. BEFORE: the on-sale has not started. OPEN: the waiting room lets buyers through. CLOSED: the room has ended (sold out, or staff ended it). */
export type RoomPhase = "NONE" | "BEFORE" | "OPEN" | "CLOSED";

export function phaseOf(o: OnSale | null, now = Date.now()): RoomPhase {
  if (!o) return "NONE";
  if (o.waitingRoom && o.closedAt) return "CLOSED";
  if (now < o.onSaleAt.getTime()) return "BEFORE";
  return o.waitingRoom ? "OPEN" : "NONE";
}

const COLUMNS = sql`show_id AS "showId", on_sale_at AS "onSaleAt", waiting_room AS "waitingRoom", admit_per_minute AS "admitPerMinute", admitted,
  ticked_at AS "tickedAt", paused, closed_at AS "closedAt", closed_reason AS "closedReason"`;

function fromRow(r: OnSale): OnSale {
  const d = (v: Date | string | null) => (v === null ? null : new Date(v));
  return { ...r, onSaleAt: d(r.onSaleAt)!, tickedAt: d(r.tickedAt), closedAt: d(r.closedAt), admitted: Number(r.admitted), admitPerMinute: Number(r.admitPerMinute) };
}

// Every hold asks whether its show has an on-sale; one read a second per show and instance.
const MEMO_MS = 1000;
const memo = new Map<string, { at: number; value: Promise<OnSale | null> }>();

// Everyone waiting polls the room: one answer per show and instance a second (single flight),
// whatever the number of pollers: the line's length is one ZCARD or count, not one per poll.
const ROOM_MEMO_MS = 1000;
const rooms = new Map<string, { at: number; value: Promise<RoomState> }>();

export function invalidateOnSale(showId?: string): void {
  if (showId) {
    memo.delete(showId);
    rooms.delete(showId);
  } else {
    memo.clear();
    rooms.clear();
  }
}

async function loadOnSale(showId: string): Promise<OnSale | null> {
  const [row] = await queryRows<OnSale>(db, sql`SELECT ${COLUMNS} FROM on_sales WHERE show_id = ${showId}::uuid`);
  return row ? fromRow(row) : null;
}

/** The show's on-sale settings and state (at most a second old), or null when it has none. */
export function getOnSale(showId: string): Promise<OnSale | null> {
  return remember(memo, showId, MEMO_MS, () => loadOnSale(showId));
}

/** A per-show answer kept `ttl` ms; concurrent misses share one load, a failed load is not kept. */
function remember<T>(cache: Map<string, { at: number; value: Promise<T> }>, showId: string, ttl: number, load: () => Promise<T>): Promise<T> {
  const hit = cache.get(showId);
  const now = Date.now();
  if (hit && now - hit.at < ttl) return hit.value;
  const value = load();
  value.catch(() => cache.get(showId)?.value === value && cache.delete(showId));
  if (cache.size > 5000) cache.delete(cache.keys().next().value!);
  cache.set(showId, { at: now, value });
  return value;
}

/**
 * May this account take seats of this show now? Before the on-sale nobody may (NOT_ON_SALE_YET);
 * while the waiting room is open only with a valid pass for this account and show.
 */
export async function requireAdmission(userId: string, showId: string, pass: string | null | undefined): Promise<void> {
  const o = await getOnSale(showId);
  const phase = phaseOf(o);
  if (phase === "BEFORE") {
    throw new AppError("NOT_ON_SALE_YET", `Tickets go on sale at ${o!.onSaleAt.toISOString()}.`, { details: { onSaleAt: o!.onSaleAt.toISOString(), waitingRoom: o!.waitingRoom } });
  }
  if (phase === "OPEN") verifyPass(authSecret(), pass, showId, userId);
}

/** Free and held places of a show, from the seat-map snapshot (at most half a second old). */
async function inventory(showId: string): Promise<{ free: number; held: number }> {
  const { status } = await getAvailability(showId);
  let free = 0;
  let held = 0;
  for (let i = 0; i < status.length; i++) {
    const c = status.charCodeAt(i);
    if (c === 65 /* A */) free++;
    else if (c === 72 /* H */) held++;
  }
  return { free, held };
}

const lastTick = new Map<string, number>();

/**
 * Moves the room on: admits rate × elapsed more places (up to the line's length), or pauses while
 * nothing is free, or closes it when the show is sold out. At most once a second per show across
 * all instances (the UPDATE's condition); callers on the same instance within that second skip
 * the round trip. Answers the room as it stands.
 */
export async function tick(showId: string, opts: { force?: boolean } = {}): Promise<OnSale | null> {
  const o = await getOnSale(showId);
  if (phaseOf(o) !== "OPEN") return o;
  const now = Date.now();
  if (!opts.force && now - (lastTick.get(showId) ?? 0) < 1000) return o;
  lastTick.set(showId, now);
  if (lastTick.size > 5000) lastTick.delete(lastTick.keys().next().value!);
  const [{ free, held }, length] = await Promise.all([inventory(showId), withQueue((q) => q.length(showId))]);
  const soldOut = free === 0 && held === 0;
  const [row] = await queryRows<OnSale>(
    db,
    soldOut
      ? sql`UPDATE on_sales SET closed_at = now(), closed_reason = 'SOLD_OUT', ticked_at = now(), updated_at = now()
            WHERE show_id = ${showId}::uuid AND closed_at IS NULL RETURNING ${COLUMNS}`
      : sql`UPDATE on_sales SET
              admitted = CASE WHEN paused OR ${free === 0} THEN admitted
                              ELSE GREATEST(admitted, LEAST(${length}::float8,
                                   admitted + admit_per_minute * EXTRACT(EPOCH FROM now() - GREATEST(coalesce(ticked_at, on_sale_at), on_sale_at)) / 60.0)) END,
              ticked_at = now()
            WHERE show_id = ${showId}::uuid AND waiting_room AND closed_at IS NULL AND now() >= on_sale_at
              AND (ticked_at IS NULL OR ${opts.force ?? false} OR ticked_at <= now() - interval '1 second')
            RETURNING ${COLUMNS}`,
  );
  if (!row) return o;
  const fresh = fromRow(row);
  memo.set(showId, { at: Date.now(), value: Promise.resolve(fresh) });
  return fresh;
}

/** Ticks every open room (the cron, so rooms move on while nobody polls). */
export async function tickOpenRooms(): Promise<{ rooms: number }> {
  const open = await queryRows<{ showId: string }>(
    db,
    sql`SELECT show_id AS "showId" FROM on_sales WHERE waiting_room AND closed_at IS NULL AND on_sale_at <= now()`,
  );
  for (const { showId } of open) {
    invalidateOnSale(showId);
    await tick(showId).catch((err: unknown) => logger.error({ err, showId }, "waiting-room tick failed"));
  }
  return { rooms: open.length };
}

/** What everyone in a show's room sees alike: one answer for all, cacheable (the shared poll). */
export type RoomState = {
  showId: string;
  phase: RoomPhase;
  onSaleAt: string | null;
  /** Queue places let through so far: place N is in when N <= admittedThrough. */
  admittedThrough: number;
  admitPerMinute: number;
  paused: boolean;
  closedReason: "SOLD_OUT" | "ENDED" | null;
  queueLength: number;
  /** How many joined before the on-sale (once it is open): an early joiner's place is about draw × this. */
  earlyJoiners: number;
};

export function roomState(showId: string): Promise<RoomState> {
  return remember(rooms, showId, ROOM_MEMO_MS, () => loadRoomState(showId));
}

async function loadRoomState(showId: string): Promise<RoomState> {
  const o = await tick(showId);
  const phase = phaseOf(o);
  const live = o?.waitingRoom && phase !== "CLOSED";
  const [queueLength, earlyJoiners] = live ? await withQueue((q) => Promise.all([q.length(showId), phase === "OPEN" ? q.earlyCount(showId) : 0])) : [0, 0];
  return {
    showId,
    phase,
    onSaleAt: o?.onSaleAt.toISOString() ?? null,
    admittedThrough: Math.floor(o?.admitted ?? 0),
    admitPerMinute: o?.admitPerMinute ?? 0,
    paused: o?.paused ?? false,
    closedReason: o?.closedReason ?? null,
    queueLength,
    earlyJoiners,
  };
}

/** One visitor's view: their place, how many are ahead, the wait, and a pass once they are in. */
export type QueueStatus = {
  room: RoomState;
  joined: boolean;
  /** 1-based place in line; null before the on-sale (the early order is drawn at the on-sale) or when not joined. */
  position: number | null;
  /**
   * An early joiner's draw, a random number in [0, 1) fixed when they joined: after the on-sale
   * their place is about draw × room.earlyJoiners (within a few √earlyJoiners), so a page can show
   * it and ask for the exact place only near its turn, rather than everyone asking at the on-sale.
   */
  draw: number | null;
  ahead: number | null;
  estimatedWaitSeconds: number | null;
  admitted: boolean;
  pass: { token: string; expiresAt: string } | null;
};

/** `open`: the on-sale has started (decided now, not from the shared answer, which may be a second old). */
function statusOf(room: RoomState, userId: string, place: Place | null, open: boolean): QueueStatus {
  const position = place?.position ?? null;
  const joined = place !== null;
  const visible = open && joined ? position : null;
  const admitted = visible !== null && visible <= room.admittedThrough;
  const ahead = visible === null ? null : Math.max(0, visible - room.admittedThrough - 1);
  const estimatedWaitSeconds = visible === null || admitted ? (admitted ? 0 : null) : room.paused ? null : Math.ceil(((visible - room.admittedThrough) * 60) / Math.max(1, room.admitPerMinute));
  const pass = admitted ? signPass(authSecret(), room.showId, userId) : null;
  return { room, joined, position: visible, draw: place?.draw ?? null, ahead, estimatedWaitSeconds, admitted, pass: pass ? { token: pass.token, expiresAt: pass.expiresAt.toISOString() } : null };
}

/** The visitor's place in the show's line (joined or not). */
export async function queueStatus(userId: string, showId: string): Promise<QueueStatus> {
  const [room, o] = await Promise.all([roomState(showId), getOnSale(showId)]);
  const phase = phaseOf(o);
  if (!o?.waitingRoom || (phase !== "OPEN" && phase !== "BEFORE")) return statusOf(room, userId, null, false);
  return statusOf(room, userId, await withQueue((q) => q.place(showId, userId)), phase === "OPEN");
}

/**
 * Joins the show's line (once per account: joining again keeps the place). Before the on-sale the
 * place is drawn at random among everyone who joined early; after it, the back of the line.
 */
export async function joinQueue(userId: string, showId: string): Promise<QueueStatus> {
  const o = await getOnSale(showId);
  const phase = phaseOf(o);
  if (!o?.waitingRoom || phase === "NONE") throw new AppError("QUEUE_CLOSED", "This show has no waiting room: pick your seats straight away.", { details: { showId } });
  if (phase === "CLOSED") {
    throw new AppError("QUEUE_CLOSED", o.closedReason === "SOLD_OUT" ? "This on-sale is sold out. Join the waitlist for returned tickets." : "The waiting room has closed.", { details: { showId, reason: o.closedReason } });
  }
  const early = phase === "BEFORE";
  const place = await withQueue((q) => q.join(showId, userId, early));
  const room = await roomState(showId);
  return statusOf(room, userId, place, !early);
}
