// The waitlist of a sold-out show (issue 18): a signed-in user waits for `quantity` places of the
// show's reserved seats (zone NULL) or of one general admission zone. Places that come back are
// offered by the matcher (./matcher.ts) as a hold; the hold path keeps them from everyone else
// meanwhile (lib/seating/waitlist-guard.ts).
//
//   WAITING → OFFERED → CLAIMED (paid) | LAPSED (offer not taken up in time, or let go)
//   WAITING | OFFERED → LEFT (the user left) | CLOSED (the show was cancelled or started)
import "server-only";
import { sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { queryRows } from "@/db/rows";
import { seatLabelsOf } from "@/db/sql";
import { notOnSale } from "@/lib/booking/rules";
import { releaseHold } from "@/lib/booking/release";
import { AppError, notFound } from "@/lib/errors";
import { forgetWaitingScopes, waitingScopes, RESERVED_SCOPE } from "@/lib/seating/waitlist-guard";
import { MAX_SEATS_PER_BOOKING } from "@/lib/seating/types";
import type { WaitlistStatus } from "@/db/schema";
import { offerFreedPlacesSafely } from "./matcher";

export type WaitlistEntry = {
  id: string;
  showId: string;
  zoneId: string | null;
  /** The zone's name; null for the show's reserved seats. */
  zoneName: string | null;
  quantity: number;
  status: WaitlistStatus;
  /** Place in line among those still waiting for the same scope (1 = next); null unless WAITING. */
  position: number | null;
  /** The offer: the booking holding the places, its places' names, until when. */
  bookingId: string | null;
  places: string[];
  offeredAt: Date | null;
  offerExpiresAt: Date | null;
  createdAt: Date;
  /** The event's title and the show's start, for lists across shows. */
  title: string;
  startsAt: Date;
};

/** The entry columns with the place in line and an offer's places (`w` the entry). */
const ENTRY_COLUMNS = sql`w.id, w.show_id AS "showId", w.zone_id AS "zoneId", z.name AS "zoneName", w.quantity, w.status,
  CASE WHEN w.status = 'WAITING' THEN 1 + (
    SELECT count(*) FROM waitlist_entries o
    WHERE o.show_id = w.show_id AND o.status = 'WAITING' AND o.zone_id IS NOT DISTINCT FROM w.zone_id
      AND (o.created_at, o.id) < (w.created_at, w.id))::int END AS position,
  w.booking_id AS "bookingId", CASE WHEN w.status = 'OFFERED' THEN ${seatLabelsOf(sql`w.booking_id`)} END AS places,
  w.offered_at AS "offeredAt", w.offer_expires_at AS "offerExpiresAt", w.created_at AS "createdAt", e.title, s.starts_at AS "startsAt"`;

type EntryRow = Omit<WaitlistEntry, "places"> & { places: string[] | null };

const toEntry = (r: EntryRow): WaitlistEntry => ({
  ...r,
  quantity: Number(r.quantity),
  position: r.position === null ? null : Number(r.position),
  places: r.places ?? [],
  offeredAt: r.offeredAt ? new Date(r.offeredAt) : null,
  offerExpiresAt: r.offerExpiresAt ? new Date(r.offerExpiresAt) : null,
  createdAt: new Date(r.createdAt),
  startsAt: new Date(r.startsAt),
});

async function readEntries(ex: Executor, where: ReturnType<typeof sql>): Promise<WaitlistEntry[]> {
  const rows = await queryRows<EntryRow>(
    ex,
    sql`SELECT ${ENTRY_COLUMNS} FROM waitlist_entries w LEFT JOIN zones z ON z.id = w.zone_id
        JOIN shows s ON s.id = w.show_id JOIN events e ON e.id = s.event_id WHERE ${where} ORDER BY w.created_at DESC, w.id`,
  );
  return rows.map(toEntry);
}

/** The live (WAITING or OFFERED) entry of a user for a show's scope, if any. */
async function liveEntry(ex: Executor, userId: string, showId: string, zoneId: string | null): Promise<WaitlistEntry | undefined> {
  const [e] = await readEntries(
    ex,
    sql`w.show_id = ${showId}::uuid AND w.user_id = ${userId}::uuid AND w.zone_id IS NOT DISTINCT FROM ${zoneId}::uuid AND w.status IN ('WAITING', 'OFFERED')`,
  );
  return e;
}

/** Free places of a scope now: AVAILABLE, or held by a hold that lapsed. */
async function freePlaces(ex: Executor, showId: string, zoneId: string | null): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    ex,
    sql`SELECT count(*)::int AS n FROM show_seats
        WHERE show_id = ${showId}::uuid AND ${zoneId ? sql`zone_id = ${zoneId}::uuid` : sql`zone_id IS NULL`}
          AND (status = 'AVAILABLE' OR (status = 'LOCKED' AND lock_expiry <= now()))`,
  );
  return Number(row?.n ?? 0);
}

export function checkQuantity(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_SEATS_PER_BOOKING) {
    throw new AppError("INVALID_QUANTITY", `Choose between 1 and ${MAX_SEATS_PER_BOOKING} tickets.`, { details: { quantity, max: MAX_SEATS_PER_BOOKING } });
  }
}

/**
 * Puts the user in line for `quantity` places of the show's reserved seats (zoneId null) or of a
 * zone. Only for a show on sale whose scope is sold out for them: fewer free places than they
 * want, or people already waiting (free places are then theirs to be offered). Joining again
 * answers the same entry, with a new quantity while it is still waiting. When places are free
 * (people wait for more than is free) the matcher runs at once: this entry may fit them.
 */
export async function joinWaitlist(
  userId: string,
  showId: string,
  opts: { zoneId?: string | null; quantity: number; /** The partner key joining for the customer: recorded, and its offers' bookings are the key's. */ apiKeyId?: string | null },
): Promise<WaitlistEntry> {
  const zoneId = opts.zoneId ?? null;
  checkQuantity(opts.quantity);
  const [show] = await queryRows<{ status: string; onSale: boolean; scopeSells: boolean }>(
    db,
    sql`SELECT s.status, (s.status = 'SCHEDULED' AND s.starts_at > now() AND e.status = 'PUBLISHED') AS "onSale",
               EXISTS (SELECT 1 FROM show_seats ss WHERE ss.show_id = s.id AND ${zoneId ? sql`ss.zone_id = ${zoneId}::uuid` : sql`ss.zone_id IS NULL`}) AS "scopeSells"
        FROM shows s JOIN events e ON e.id = s.event_id WHERE s.id = ${showId}::uuid AND e.status = 'PUBLISHED'`,
  );
  if (!show) throw notFound("Show");
  if (!show.onSale) throw notOnSale(show.status);
  if (!show.scopeSells) {
    throw new AppError("UNKNOWN_ZONE", zoneId ? "This zone is not on sale for this show." : "This show has no reserved seats; pick a zone to wait for.", { details: { zoneId } });
  }

  const existing = await liveEntry(db, userId, showId, zoneId);
  if (existing && opts.apiKeyId) {
    // The customer's place from elsewhere (the site, another partner) is not this key's to read or change.
    const [origin] = await queryRows<{ keyId: string | null }>(db, sql`SELECT api_key_id AS "keyId" FROM waitlist_entries WHERE id = ${existing.id}::uuid`);
    if (origin?.keyId !== opts.apiKeyId) throw new AppError("CONFLICT", "This customer is already on this show's waitlist, joined elsewhere.");
  }
  if (existing) {
    if (existing.status !== "WAITING" || existing.quantity === opts.quantity) return existing;
    await db.execute(sql`UPDATE waitlist_entries SET quantity = ${opts.quantity} WHERE id = ${existing.id}::uuid AND status = 'WAITING'`);
    return afterJoin(userId, showId, zoneId, existing.id);
  }

  const free = await freePlaces(db, showId, zoneId);
  const lineExists = (await waitingScopes(showId)).has(zoneId ?? RESERVED_SCOPE);
  if (free >= opts.quantity && !lineExists) {
    throw new AppError("NOT_SOLD_OUT", free === 1 ? "There is still 1 ticket on sale: book it now." : `There are still ${free} tickets on sale: book them now.`, {
      details: { available: free },
    });
  }
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO waitlist_entries (show_id, zone_id, user_id, quantity, api_key_id) VALUES (${showId}::uuid, ${zoneId}::uuid, ${userId}::uuid, ${opts.quantity}, ${opts.apiKeyId ?? null}::uuid)
        ON CONFLICT (show_id, user_id, coalesce(zone_id, '00000000-0000-0000-0000-000000000000'::uuid)) WHERE status IN ('WAITING', 'OFFERED') DO NOTHING
        RETURNING id`,
  );
  // Not inserted: the same join, twice at once; answer the one that got in.
  if (!row) return (await liveEntry(db, userId, showId, zoneId)) ?? Promise.reject(new AppError("CONFLICT", "Could not join the waitlist; please try again."));
  forgetWaitingScopes(showId);
  return afterJoin(userId, showId, zoneId, row.id, free > 0);
}

async function afterJoin(userId: string, showId: string, zoneId: string | null, entryId: string, placesFree = true): Promise<WaitlistEntry> {
  if (placesFree) await offerFreedPlacesSafely(showId);
  const [e] = await readEntries(db, sql`w.id = ${entryId}::uuid AND w.user_id = ${userId}::uuid`);
  return e ?? (await liveEntry(db, userId, showId, zoneId))!;
}

/**
 * Takes the user out of line. An offer they leave is let go: its hold is released and the places
 * go to the next in line. Leaving again answers the same entry; anyone else's entry is not found.
 */
export async function leaveWaitlist(userId: string, entryId: string): Promise<WaitlistEntry> {
  const [left] = await queryRows<{ showId: string; bookingId: string | null; was: string }>(
    db,
    sql`UPDATE waitlist_entries w SET status = 'LEFT', closed_at = now()
        FROM waitlist_entries old
        WHERE w.id = ${entryId}::uuid AND w.user_id = ${userId}::uuid AND w.status IN ('WAITING', 'OFFERED') AND old.id = w.id
        RETURNING w.show_id AS "showId", w.booking_id AS "bookingId", old.status AS was`,
  );
  if (left) {
    forgetWaitingScopes(left.showId);
    if (left.was === "OFFERED" && left.bookingId) {
      // A payment already under way keeps its booking (releaseHold refuses): the user may still get the tickets.
      await releaseHold(userId, left.bookingId).catch((err: unknown) => {
        if (!(err instanceof AppError)) throw err;
      });
      await offerFreedPlacesSafely(left.showId);
    }
  }
  const [e] = await readEntries(db, sql`w.id = ${entryId}::uuid AND w.user_id = ${userId}::uuid`);
  if (!e) throw notFound("Waitlist entry");
  return e;
}

/** The user's entries (newest first), of one show or all; the live ones first. */
export async function myWaitlistEntries(userId: string, showId?: string, opts: { liveOnly?: boolean; /** Only the places this partner key took. */ apiKeyId?: string } = {}): Promise<WaitlistEntry[]> {
  const entries = await readEntries(
    db,
    sql`w.user_id = ${userId}::uuid ${showId ? sql`AND w.show_id = ${showId}::uuid` : sql``} ${opts.liveOnly ? sql`AND w.status IN ('WAITING', 'OFFERED')` : sql``}
        ${opts.apiKeyId ? sql`AND w.api_key_id = ${opts.apiKeyId}::uuid` : sql``}`,
  );
  const live = (e: WaitlistEntry) => (e.status === "WAITING" || e.status === "OFFERED" ? 0 : 1);
  return entries.sort((a, b) => live(a) - live(b)).slice(0, 100);
}

/** A cancelled show's waitlist closes (inside the cancellation's transaction); its offers' holds are released with the show's. */
export async function closeWaitlist(tx: Executor, showId: string): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`UPDATE waitlist_entries SET status = 'CLOSED', closed_at = now() WHERE show_id = ${showId}::uuid AND status IN ('WAITING', 'OFFERED') RETURNING id`,
  );
  forgetWaitingScopes(showId);
  return rows.length;
}

/** An offer's booking was paid (inside the transaction that confirms it): the entry is CLAIMED. */
export async function claimWaitlistOffer(tx: Executor, bookingId: string): Promise<void> {
  await tx.execute(sql`UPDATE waitlist_entries SET status = 'CLAIMED', closed_at = now() WHERE booking_id = ${bookingId}::uuid AND status = 'OFFERED'`);
}
