// What a seat map shows: the hall (static, cached for a minute) and the seats' live state
// (a one-character-per-seat string, cached for half a second per show and per process, so a
// thousand viewers polling every second cost Postgres two small index scans a second).
import "server-only";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { queryRows } from "@/db/rows";
import { notFound } from "@/lib/errors";
import { createShowSeats } from "./seat-state";
import {
  STATUS_CODE,
  type LayoutSeat,
  type LayoutUnit,
  type LayoutZone,
  type SeatAvailability,
  type SeatMapLayout,
  type SeatStatus,
  type StatusCode,
  type ZoneAvailability,
} from "./types";

const LAYOUT_TTL_MS = 60_000;
const STATUS_TTL_MS = 500;
const MAX_CACHED_SHOWS = 2_000;

/**
 * Creates a show's show_seats rows if it has none yet (the large benchmark catalog schedules
 * a million shows and materialises seats only when a seat map is first opened). Seats whose
 * type has no price for this show are not for sale and get no row. Safe to run concurrently.
 */
export async function ensureShowSeats(showId: string, ex: Executor = db): Promise<void> {
  await createShowSeats(ex, sql`s.id = ${showId}::uuid`, { onlyUnmaterialised: true });
}

type LayoutRow = {
  kind: SeatMapLayout["kind"];
  stageLabel: string;
  rowCount: number;
  colCount: number;
  currency: string;
  seats: LayoutSeat[] | null;
  zones: Omit<LayoutZone, "unitStart">[] | null;
  /** [id, zoneId, priceMinor] per unit, zone after zone (arrays: a 10,000-place zone stays small). */
  units: [string, string, number][] | null;
  materialised: boolean;
};

async function loadLayout(showId: string, ex: Executor): Promise<SeatMapLayout> {
  const read = () =>
    queryRows<LayoutRow>(
      ex,
      sql`
        SELECT sec.kind, sec.stage_label AS "stageLabel", sec.row_count AS "rowCount", sec.col_count AS "colCount", s.currency,
               EXISTS (SELECT 1 FROM show_seats x WHERE x.show_id = s.id) AS materialised,
               (SELECT json_agg(json_build_object('id', st.id, 'label', st.label, 'rowLabel', st.row_label, 'row', st.row_index,
                                                  'col', st.col_index, 'type', st.type, 'priceMinor', coalesce(ss.price_minor, -1))
                                ORDER BY st.row_index, st.col_index)
                FROM seats st LEFT JOIN show_seats ss ON ss.show_id = s.id AND ss.seat_id = st.id
                WHERE st.section_id = s.section_id AND st.zone_id IS NULL) AS seats,
               (SELECT json_agg(json_build_object('id', z.id, 'name', z.name, 'kind', z.kind, 'capacity', z.capacity,
                                                  'priceMinor', coalesce(zp.price_minor, -1)) ORDER BY z.sort_order, z.name, z.id)
                FROM zones z LEFT JOIN show_zone_prices zp ON zp.show_id = s.id AND zp.zone_id = z.id
                WHERE z.section_id = s.section_id) AS zones,
               (SELECT json_agg(json_build_array(st.id, st.zone_id, coalesce(ss.price_minor, -1)) ORDER BY z.sort_order, z.name, z.id, st.col_index)
                FROM seats st JOIN zones z ON z.id = st.zone_id LEFT JOIN show_seats ss ON ss.show_id = s.id AND ss.seat_id = st.id
                WHERE st.section_id = s.section_id AND (ss.id IS NOT NULL OR st.col_index <= z.capacity)) AS units
        FROM shows s JOIN sections sec ON sec.id = s.section_id
        WHERE s.id = ${showId}::uuid`,
    );
  let [row] = await read();
  if (!row) throw notFound("Show");
  if (!row.materialised) {
    await ensureShowSeats(showId, ex);
    [row] = await read();
    if (!row) throw notFound("Show");
  }
  return {
    showId,
    currency: row.currency,
    kind: row.kind,
    stageLabel: row.stageLabel,
    rowCount: Number(row.rowCount),
    colCount: Number(row.colCount),
    seats: row.seats ?? [],
    ...zonesOf(row),
  };
}

/** The zones with where their units start, and the units; a zone's capacity is its units' count. */
function zonesOf(row: Pick<LayoutRow, "zones" | "units">): Pick<SeatMapLayout, "zones" | "units"> {
  const units: LayoutUnit[] = (row.units ?? []).map(([id, zoneId, priceMinor]) => ({ id, zoneId, priceMinor: Number(priceMinor) }));
  const zones: LayoutZone[] = (row.zones ?? []).map((z) => {
    const unitStart = units.findIndex((u) => u.zoneId === z.id);
    const capacity = unitStart < 0 ? 0 : units.filter((u) => u.zoneId === z.id).length;
    return { ...z, priceMinor: Number(z.priceMinor), capacity, unitStart: Math.max(0, unitStart) };
  });
  return { zones, units };
}

/** Live counts of each zone of a show from its status string. */
export function zoneAvailability(layout: SeatMapLayout, status: string): ZoneAvailability[] {
  const base = layout.seats.length;
  return layout.zones.map((z) => {
    let available = 0;
    let held = 0;
    let sold = 0;
    for (let i = base + z.unitStart, end = i + z.capacity; i < end; i++) {
      const c = status[i];
      if (c === "A") available++;
      else if (c === "H") held++;
      else if (c === "B") sold++;
    }
    return { zoneId: z.id, capacity: z.capacity, available, held, sold };
  });
}

type Cached<T> = { at: number; loadedAt: number; value: Promise<T> };
const layouts = new Map<string, Cached<SeatMapLayout>>();
const snapshots = new Map<string, Cached<Snapshot>>();

function remember<T>(cache: Map<string, Cached<T>>, key: string, ttl: number, load: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  const now = Date.now();
  if (hit && now - hit.at < ttl) return hit.value;
  // Single flight: concurrent callers share one load; a failed load is not kept.
  const value = load();
  value.catch(() => cache.get(key)?.value === value && cache.delete(key));
  if (cache.size >= MAX_CACHED_SHOWS) cache.delete(cache.keys().next().value!);
  cache.set(key, { at: now, loadedAt: now, value });
  return value;
}

/** The hall of a show, seats sorted by (row, col); seats not for sale have priceMinor -1. */
export function getSeatMapLayout(showId: string, ex: Executor = db): Promise<SeatMapLayout> {
  return ex === db ? remember(layouts, showId, LAYOUT_TTL_MS, () => loadLayout(showId, ex)) : loadLayout(showId, ex);
}

export type Snapshot = SeatAvailability & { etag: string; lockedBy: Map<string, string>; at: Date };


async function loadSnapshot(showId: string, ex: Executor): Promise<Snapshot> {
  const layout = await getSeatMapLayout(showId, ex);
  const rows = await queryRows<{ seatId: string; status: SeatStatus; lapsed: boolean; version: number; lockedBy: string | null }>(
    ex,
    sql`SELECT seat_id AS "seatId", status, (status = 'LOCKED' AND lock_expiry <= now()) AS lapsed, version,
               CASE WHEN status = 'LOCKED' AND lock_expiry > now() THEN locked_by_booking_id END AS "lockedBy"
        FROM show_seats WHERE show_id = ${showId}::uuid`,
  );
  const byId = new Map(rows.map((r) => [r.seatId, r]));
  let version = 0;
  const lockedBy = new Map<string, string>();
  const chars = [...layout.seats, ...layout.units].map((seat) => {
    const r = byId.get(seat.id);
    if (!r) return "X"; // not for sale at this show
    // Every write bumps a row's version; a hold lapsing changes the state without a write.
    // 2·Σversion + lapsed holds only grows: a later write on a lapsed seat adds 2, removes 1.
    version += 2 * Number(r.version) + (r.lapsed ? 1 : 0);
    if (r.lockedBy) lockedBy.set(seat.id, r.lockedBy);
    return r.lapsed ? "A" : STATUS_CODE[r.status];
  });
  const status = chars.join("");
  const etag = `"${version.toString(36)}-${createHash("sha1").update(status).digest("base64url").slice(0, 10)}"`;
  return { showId, version, status, etag, lockedBy, at: new Date() };
}

/** The live state of every seat of a show (at most half a second old). */
export function getAvailability(showId: string, ex: Executor = db): Promise<Snapshot> {
  return ex === db ? remember(snapshots, showId, STATUS_TTL_MS, () => loadSnapshot(showId, ex)) : loadSnapshot(showId, ex);
}

/** After a write, reads reload within this long rather than at the end of the TTL. */
const MIN_RELOAD_MS = 100;

/**
 * Called after this process changes a show's seats: its next read after MIN_RELOAD_MS is fresh.
 * (Not at once: in a flash sale every hold would otherwise reload the whole show.)
 */
export function invalidateAvailability(showId: string): void {
  const hit = snapshots.get(showId);
  if (hit) hit.at = Math.min(hit.at, hit.loadedAt + MIN_RELOAD_MS - STATUS_TTL_MS);
}

/** Drops every cached layout and snapshot (tests; an admin edit of a hall). */
export function clearSeatingCaches(showId?: string): void {
  if (showId) {
    layouts.delete(showId);
    snapshots.delete(showId);
  } else {
    layouts.clear();
    snapshots.clear();
  }
}

export const STATUS_NAME: Record<StatusCode, SeatStatus> = { A: "AVAILABLE", H: "LOCKED", B: "BOOKED", X: "BLOCKED" };

/** Share of a show's sellable seats and zone places that are sold or held (status codes; "X" is not for sale). */
export function occupancyOf(layout: { seats: { priceMinor: number }[]; units?: { priceMinor: number }[] }, status: string): number {
  let sellable = 0;
  let taken = 0;
  [...layout.seats, ...(layout.units ?? [])].forEach((seat, i) => {
    if (seat.priceMinor < 0 || status[i] === "X") return;
    sellable++;
    if (status[i] === "H" || status[i] === "B") taken++;
  });
  return sellable ? taken / sellable : 0;
}
