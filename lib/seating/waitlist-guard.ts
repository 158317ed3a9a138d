// The hold path's side of the waitlist (lib/waitlist): while people wait for a show's reserved
// seats or for one of its zones, places that come back in that scope are theirs, offered by the
// matcher in line order. Anyone else asking for them is refused WAITLIST_FIRST (and may join).
//
// Here, not in lib/waitlist, because lib/booking/hold.ts calls it and lib/waitlist builds on
// lib/booking: the folders must not import each other both ways (lib/architecture.test.ts).
import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { uuidArray } from "@/db/sql";
import { AppError } from "@/lib/errors";
import type { ZoneRequest } from "./zones";

/** The reserved seats' scope (waitlist_entries.zone_id NULL) among the scope keys. */
export const RESERVED_SCOPE = "reserved";

// The hold path is benchmarked: one indexed read per show and second per process at most. A join
// or an offer in this process forgets the show at once; elsewhere it is seen within the second.
const TTL_MS = 1_000;
const MAX_SHOWS = 2_000;
const memo = new Map<string, { at: number; scopes: Promise<ReadonlySet<string>> }>();

/** Scopes of the show with people waiting: RESERVED_SCOPE and/or zone ids (memoised for a second). */
export function waitingScopes(showId: string): Promise<ReadonlySet<string>> {
  const hit = memo.get(showId);
  const now = Date.now();
  if (hit && now - hit.at < TTL_MS) return hit.scopes;
  const scopes = queryRows<{ zoneId: string | null }>(
    db,
    sql`SELECT DISTINCT zone_id AS "zoneId" FROM waitlist_entries WHERE show_id = ${showId}::uuid AND status = 'WAITING'`,
  ).then((rows) => new Set(rows.map((r) => r.zoneId ?? RESERVED_SCOPE)) as ReadonlySet<string>);
  scopes.catch(() => memo.get(showId)?.scopes === scopes && memo.delete(showId));
  if (memo.size >= MAX_SHOWS) memo.delete(memo.keys().next().value!);
  memo.set(showId, { at: now, scopes });
  return scopes;
}

/** After this process changed a show's waitlist (a join, a leave, an offer): read it afresh. */
export function forgetWaitingScopes(showId?: string): void {
  if (showId) memo.delete(showId);
  else memo.clear();
}

/**
 * Refuses a hold that asks for places people on the waitlist are waiting for: reserved seats
 * while anyone waits for them, units of a zone anyone waits for. Places the booking already holds
 * are its own (a holder re-submitting its seats, an offer's holder at checkout) and pass.
 */
export async function assertWaitlistAllows(showId: string, bookingId: string, seatIds: readonly string[], zones: readonly ZoneRequest[] = []): Promise<void> {
  const scopes = await waitingScopes(showId);
  if (scopes.size === 0) return;
  const seatsWaited = seatIds.length > 0 && scopes.has(RESERVED_SCOPE);
  const zonesWaited = zones.filter((z) => scopes.has(z.zoneId));
  if (!seatsWaited && zonesWaited.length === 0) return;
  // Rare path (a waitlist exists for what is asked): what does this booking hold already?
  const own = await queryRows<{ seatId: string; zoneId: string | null }>(
    db,
    sql`SELECT seat_id AS "seatId", zone_id AS "zoneId" FROM show_seats
        WHERE show_id = ${showId}::uuid AND locked_by_booking_id = ${bookingId}::uuid AND status = 'LOCKED' AND lock_expiry > now()
          ${seatsWaited ? sql`` : sql`AND zone_id = ANY(${uuidArray(zonesWaited.map((z) => z.zoneId))})`}`,
  );
  const ownSeats = new Set(own.filter((o) => !o.zoneId).map((o) => o.seatId));
  const ownUnits = new Map<string, number>();
  for (const o of own) if (o.zoneId) ownUnits.set(o.zoneId, (ownUnits.get(o.zoneId) ?? 0) + 1);
  const seats = seatsWaited ? seatIds.filter((id) => !ownSeats.has(id)) : [];
  const zoneIds = zonesWaited.filter((z) => z.quantity > (ownUnits.get(z.zoneId) ?? 0)).map((z) => z.zoneId);
  if (seats.length === 0 && zoneIds.length === 0) return;
  throw new AppError(
    "WAITLIST_FIRST",
    "These tickets sold out and people are on the waitlist for them: places that come back are offered to them first. Join the waitlist to get in line.",
    { details: { seatIds: seats, zoneIds } },
  );
}
