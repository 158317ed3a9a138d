// Staff's side of on-sales: set a show's (or every upcoming show of an event's) on-sale time and
// waiting room, pause it, end it, and see the line. Venue staff only for their venues.
import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { audit } from "@/lib/admin/audit";
import type { User } from "@/lib/auth/accounts";
import { requireVenueAccess } from "@/lib/auth/authorize";
import { AppError, notFound } from "@/lib/errors";
import { withQueue } from "@/lib/onsale/queue";
import { getOnSale, invalidateOnSale, phaseOf, tick, type OnSale, type RoomPhase } from "@/lib/onsale/room";

export const onSaleSchema = z.object({
  onSaleAt: z.date("must be a date and time"),
  waitingRoom: z.boolean().default(false),
  admitPerMinute: z.number().int("must be a whole number").min(1, "at least 1 a minute").max(100_000, "at most 100,000 a minute").default(200),
  paused: z.boolean().default(false),
});
export type OnSaleInput = z.output<typeof onSaleSchema>;

async function showForStaff(user: User, showId: string): Promise<{ venueId: string; startsAt: Date; status: string; timeZone: string }> {
  const [show] = await queryRows<{ venueId: string; startsAt: Date; status: string; timeZone: string }>(
    db,
    sql`SELECT s.venue_id AS "venueId", s.starts_at AS "startsAt", s.status, v.time_zone AS "timeZone" FROM shows s JOIN venues v ON v.id = s.venue_id WHERE s.id = ${showId}::uuid`,
  );
  if (!show) throw notFound("Show");
  await requireVenueAccess(user, show.venueId);
  return { ...show, startsAt: new Date(show.startsAt) };
}

function check(input: OnSaleInput, show: { startsAt: Date; status: string }): void {
  if (show.status !== "SCHEDULED") throw new AppError("INVALID_STATE", "Only a scheduled show can have an on-sale.", { details: { status: show.status } });
  if (input.onSaleAt.getTime() >= show.startsAt.getTime()) {
    throw new AppError("VALIDATION_FAILED", "The on-sale must start before the show does.", { details: { fieldErrors: { onSaleAt: ["must be before the show starts"] } } });
  }
}

/**
 * Sets a show's on-sale. Saving reopens a room that was ended or sold out (staff added seats,
 * say); the line is kept, so nobody loses their place. Admissions already made stand.
 */
export async function setOnSale(user: User, showId: string, input: OnSaleInput): Promise<OnSale> {
  const show = await showForStaff(user, showId);
  check(input, show);
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      INSERT INTO on_sales (show_id, on_sale_at, waiting_room, admit_per_minute, paused, updated_by)
      VALUES (${showId}::uuid, ${input.onSaleAt.toISOString()}::timestamptz, ${input.waitingRoom}, ${input.admitPerMinute}, ${input.paused}, ${user.id}::uuid)
      ON CONFLICT (show_id) DO UPDATE SET on_sale_at = EXCLUDED.on_sale_at, waiting_room = EXCLUDED.waiting_room,
        admit_per_minute = EXCLUDED.admit_per_minute, paused = EXCLUDED.paused, updated_by = EXCLUDED.updated_by,
        closed_at = NULL, closed_reason = NULL, updated_at = now(),
        -- Ticks come every second while anyone waits: restarting the clock at a change of rate or a
        -- pause loses at most that second, and never banks admissions for an empty line.
        ticked_at = CASE WHEN on_sales.ticked_at IS NULL THEN NULL ELSE now() END`);
    await audit(tx, user, "onsale.set", "show", showId, { ...input, onSaleAt: input.onSaleAt.toISOString() });
  });
  invalidateOnSale(showId);
  return (await getOnSale(showId))!;
}

/** Every upcoming scheduled show of an event the caller may manage gets the same on-sale. */
export async function setOnSaleForEvent(user: User, eventId: string, input: OnSaleInput): Promise<{ shows: number }> {
  const shows = await queryRows<{ id: string; venueId: string }>(
    db,
    sql`SELECT id, venue_id AS "venueId" FROM shows WHERE event_id = ${eventId}::uuid AND status = 'SCHEDULED' AND starts_at > ${input.onSaleAt.toISOString()}::timestamptz ORDER BY starts_at`,
  );
  let n = 0;
  for (const s of shows) {
    try {
      await setOnSale(user, s.id, input);
      n++;
    } catch (err) {
      // Shows at venues this staff member does not run are not theirs to change.
      if (!(err instanceof AppError && (err.code === "NOT_FOUND" || err.code === "FORBIDDEN"))) throw err;
    }
  }
  if (n === 0) throw new AppError("NOT_FOUND", "No upcoming show of this event that you manage starts after that on-sale.");
  return { shows: n };
}

/** Ends the waiting room: the show is on sale to everyone from now on. */
export async function endWaitingRoom(user: User, showId: string): Promise<void> {
  await showForStaff(user, showId);
  await db.transaction(async (tx) => {
    await tx.execute(sql`UPDATE on_sales SET closed_at = now(), closed_reason = 'ENDED', updated_by = ${user.id}::uuid, updated_at = now() WHERE show_id = ${showId}::uuid AND closed_at IS NULL`);
    await audit(tx, user, "onsale.end", "show", showId);
  });
  invalidateOnSale(showId);
}

/** Takes the on-sale off the show (it sells as usual) and drops its line. */
export async function removeOnSale(user: User, showId: string): Promise<void> {
  await showForStaff(user, showId);
  await db.transaction(async (tx) => {
    await tx.execute(sql`DELETE FROM on_sales WHERE show_id = ${showId}::uuid`);
    await audit(tx, user, "onsale.remove", "show", showId);
  });
  invalidateOnSale(showId);
  await withQueue((q) => q.clear(showId)).catch(() => undefined);
}

export type RoomStats = {
  settings: Omit<OnSale, "admitted" | "tickedAt"> | null;
  phase: RoomPhase;
  queueLength: number;
  admittedThrough: number;
  waiting: number;
  /** Minutes until everyone waiting now is through, at the current rate (null while paused). */
  minutesToClear: number | null;
  store: "redis" | "postgres";
  timeZone: string;
};

export async function roomStats(user: User, showId: string): Promise<RoomStats> {
  const show = await showForStaff(user, showId);
  invalidateOnSale(showId);
  const o = await tick(showId);
  const [queueLength, store] = await withQueue(async (q) => [o?.waitingRoom ? await q.length(showId) : 0, q.kind] as const);
  const admittedThrough = Math.min(queueLength, Math.floor(o?.admitted ?? 0));
  const waiting = Math.max(0, queueLength - admittedThrough);
  const phase = phaseOf(o);
  const { admitted: _a, tickedAt: _t, ...settings } = o ?? ({} as OnSale);
  return {
    settings: o ? settings : null,
    phase,
    queueLength,
    admittedThrough,
    waiting,
    minutesToClear: o && !o.paused && phase !== "CLOSED" ? Math.ceil(waiting / o.admitPerMinute) : null,
    store,
    timeZone: show.timeZone,
  };
}
