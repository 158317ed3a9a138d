// Sales for staff: per show and per event — seats and zone places sold/held/available, occupancy, revenue,
// discounts, refunds, and revenue by day — scoped to the actor's venues; CSV for spreadsheets.
import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { User } from "@/lib/auth/accounts";
import { venueScope } from "@/lib/auth/authorize";
import { inVenueScope } from "@/db/sql";

export type ShowSales = {
  showId: string;
  eventId: string;
  title: string;
  venue: string;
  section: string;
  startsAt: Date;
  status: string;
  currency: string;
  seats: number;
  sold: number;
  held: number;
  blocked: number;
  available: number;
  /** Of the counts above, general admission places (zone units): in the hall, sold, held. */
  zonePlaces: number;
  zoneSold: number;
  zoneHeld: number;
  occupancy: number; // sold / sellable, 0..1
  bookings: number;
  revenueMinor: number; // paid by confirmed bookings
  discountMinor: number;
  refundedMinor: number;
};

export async function showSales(
  user: User,
  opts: { showId?: string; eventId?: string; from?: Date; to?: Date; upcoming?: boolean; limit?: number } = {},
): Promise<ShowSales[]> {
  const scope = await venueScope(user);
  if (scope && scope.length === 0) return [];
  const rows = await queryRows<ShowSales>(
    db,
    sql`SELECT s.id AS "showId", e.id AS "eventId", e.title, v.name AS venue, sec.name AS section, s.starts_at AS "startsAt", s.status, s.currency,
               ss.seats, ss.sold, ss.held, ss.blocked, ss.seats - ss.sold - ss.held - ss.blocked AS available,
               ss.zone_places AS "zonePlaces", ss.zone_sold AS "zoneSold", ss.zone_held AS "zoneHeld",
               CASE WHEN ss.seats - ss.blocked > 0 THEN ss.sold::float / (ss.seats - ss.blocked) ELSE 0 END AS occupancy,
               coalesce(b.bookings, 0)::int AS bookings, coalesce(b.revenue, 0)::int AS "revenueMinor", coalesce(b.discount, 0)::int AS "discountMinor",
               coalesce(r.refunded, 0)::int AS "refundedMinor"
        FROM shows s JOIN events e ON e.id = s.event_id JOIN venues v ON v.id = s.venue_id JOIN sections sec ON sec.id = s.section_id
        CROSS JOIN LATERAL (
          SELECT count(*)::int AS seats,
                 count(*) FILTER (WHERE x.status = 'BOOKED')::int AS sold,
                 count(*) FILTER (WHERE x.status = 'LOCKED' AND x.lock_expiry > now())::int AS held,
                 count(*) FILTER (WHERE x.zone_id IS NOT NULL)::int AS zone_places,
                 count(*) FILTER (WHERE x.zone_id IS NOT NULL AND x.status = 'BOOKED')::int AS zone_sold,
                 count(*) FILTER (WHERE x.zone_id IS NOT NULL AND x.status = 'LOCKED' AND x.lock_expiry > now())::int AS zone_held,
                 count(*) FILTER (WHERE x.status = 'BLOCKED')::int AS blocked
          FROM show_seats x WHERE x.show_id = s.id) ss
        LEFT JOIN LATERAL (
          SELECT count(*) AS bookings, sum(total_minor) AS revenue, sum(discount_minor) AS discount
          FROM bookings WHERE show_id = s.id AND status = 'CONFIRMED') b ON true
        LEFT JOIN LATERAL (
          SELECT sum(rf.amount_minor) AS refunded FROM refunds rf JOIN bookings bb ON bb.id = rf.booking_id
          WHERE bb.show_id = s.id AND rf.status = 'SUCCEEDED') r ON true
        WHERE true
          ${inVenueScope(sql`s.venue_id`, scope)}
          ${opts.showId ? sql`AND s.id = ${opts.showId}::uuid` : sql``}
          ${opts.eventId ? sql`AND s.event_id = ${opts.eventId}::uuid` : sql``}
          ${opts.from ? sql`AND s.starts_at >= ${opts.from.toISOString()}::timestamptz` : sql``}
          ${opts.to ? sql`AND s.starts_at < ${opts.to.toISOString()}::timestamptz` : sql``}
          ${opts.upcoming ? sql`AND s.ends_at > now()` : sql``}
        ORDER BY s.starts_at LIMIT ${opts.limit ?? 200}`,
  );
  return rows.map((r) => ({ ...r, startsAt: new Date(r.startsAt), occupancy: Number(r.occupancy) }));
}

/** Confirmed revenue by day of confirmation (venue-independent UTC days), for the chart. */
export async function revenueByDay(user: User, opts: { showId?: string; eventId?: string; days?: number } = {}): Promise<{ day: string; revenueMinor: number; tickets: number }[]> {
  const scope = await venueScope(user);
  if (scope && scope.length === 0) return [];
  return queryRows(
    db,
    sql`SELECT to_char(date_trunc('day', b.confirmed_at), 'YYYY-MM-DD') AS day, sum(b.total_minor)::int AS "revenueMinor",
               sum((SELECT count(*) FROM booking_seats bs WHERE bs.booking_id = b.id))::int AS tickets
        FROM bookings b JOIN shows s ON s.id = b.show_id
        WHERE b.status = 'CONFIRMED' AND b.confirmed_at >= now() - make_interval(days => ${opts.days ?? 30})
          ${inVenueScope(sql`s.venue_id`, scope)}
          ${opts.showId ? sql`AND s.id = ${opts.showId}::uuid` : sql``}
          ${opts.eventId ? sql`AND s.event_id = ${opts.eventId}::uuid` : sql``}
        GROUP BY 1 ORDER BY 1`,
  );
}

const csvCell = (v: unknown) => {
  const s = v instanceof Date ? v.toISOString() : String(v ?? "");
  // Quote always; neutralise spreadsheet formulas (=, +, -, @ at the start of a cell).
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

export function salesCsv(rows: ShowSales[]): string {
  const header = ["show_id", "event", "venue", "hall", "starts_at", "status", "seats", "sold", "held", "blocked", "available", "occupancy_pct", "bookings", "revenue", "discounts", "refunds", "currency", "zone_places", "zone_sold", "zone_held"];
  const lines = rows.map((r) =>
    [r.showId, r.title, r.venue, r.section, r.startsAt, r.status, r.seats, r.sold, r.held, r.blocked, r.available, (r.occupancy * 100).toFixed(1), r.bookings, (r.revenueMinor / 100).toFixed(2), (r.discountMinor / 100).toFixed(2), (r.refundedMinor / 100).toFixed(2), r.currency, r.zonePlaces, r.zoneSold, r.zoneHeld]
      .map(csvCell)
      .join(","),
  );
  return [header.join(","), ...lines].join("\r\n") + "\r\n";
}
