// Sales for staff: per show and per event — seats and zone places sold/held/available, occupancy, revenue,
// discounts, refunds, and revenue by day — scoped to the actor's venues; CSV for spreadsheets.
//
// Money, from the columns a booking stores (lib/pricing/breakdown.ts): revenue is what the venue
// earns on tickets (subtotal − discount); the convenience fee and the GST on it are the platform's
// and are shown apart; gross is what buyers paid, so ticket + fee + GST = gross to the paisa. All of
// these count bookings that stand (CONFIRMED). A cancelled booking drops out of them and its money
// returned shows under refunds (refunds are in full, fee and GST included), never subtracted twice.
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
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
  /** The venue's zone: times are shown in it. */
  timeZone: string;
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
  /** Ticket revenue of confirmed bookings: subtotal − discount, without the fee and its GST. */
  revenueMinor: number;
  feeMinor: number;
  gstMinor: number;
  /** What confirmed bookings paid: revenue + fee + GST. */
  grossMinor: number;
  discountMinor: number;
  refundedMinor: number;
};

export const SALES_PAGE_SIZE = 25;

/** The sales list's filters as the page and the API read them; anything unreadable falls back to the default. */
export const salesFiltersSchema = z.object({
  when: z.enum(["upcoming", "past", "all"]).catch("upcoming"),
  venueId: z.uuid().optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type SalesFilters = z.output<typeof salesFiltersSchema>;

type ShowFilter = { showId?: string; eventId?: string; venueId?: string; q?: string; from?: Date; to?: Date; when?: "upcoming" | "past" | "all" };

/** The WHERE of every sales query over shows `s` and events `e`. */
function showFilter(scope: string[] | null, opts: ShowFilter): SQL {
  const q = opts.q?.trim();
  return sql`WHERE true
          ${inVenueScope(sql`s.venue_id`, scope)}
          ${opts.showId ? sql`AND s.id = ${opts.showId}::uuid` : sql``}
          ${opts.eventId ? sql`AND s.event_id = ${opts.eventId}::uuid` : sql``}
          ${opts.venueId ? sql`AND s.venue_id = ${opts.venueId}::uuid` : sql``}
          ${q ? sql`AND e.title ILIKE ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : sql``}
          ${opts.from ? sql`AND s.starts_at >= ${opts.from.toISOString()}::timestamptz` : sql``}
          ${opts.to ? sql`AND s.starts_at < ${opts.to.toISOString()}::timestamptz` : sql``}
          ${opts.when === "upcoming" ? sql`AND s.ends_at > now()` : opts.when === "past" ? sql`AND s.ends_at <= now()` : sql``}`;
}

export async function showSales(user: User, opts: ShowFilter & { limit?: number; offset?: number } = {}): Promise<ShowSales[]> {
  const scope = await venueScope(user);
  if (scope && scope.length === 0) return [];
  return showSalesIn(scope, opts);
}

async function showSalesIn(scope: string[] | null, opts: ShowFilter & { limit?: number; offset?: number }): Promise<ShowSales[]> {
  // Past shows newest first; otherwise soonest first. The id breaks ties so pages never overlap.
  const order = opts.when === "past" ? sql`s.starts_at DESC, s.id DESC` : sql`s.starts_at, s.id`;
  const rows = await queryRows<ShowSales>(
    db,
    sql`SELECT s.id AS "showId", e.id AS "eventId", e.title, v.name AS venue, sec.name AS section, s.starts_at AS "startsAt", v.time_zone AS "timeZone", s.status, s.currency,
               ss.seats, ss.sold, ss.held, ss.blocked, ss.seats - ss.sold - ss.held - ss.blocked AS available,
               ss.zone_places AS "zonePlaces", ss.zone_sold AS "zoneSold", ss.zone_held AS "zoneHeld",
               CASE WHEN ss.seats - ss.blocked > 0 THEN ss.sold::float / (ss.seats - ss.blocked) ELSE 0 END AS occupancy,
               coalesce(b.bookings, 0)::int AS bookings, coalesce(b.revenue, 0)::float8 AS "revenueMinor", coalesce(b.fee, 0)::float8 AS "feeMinor",
               coalesce(b.gst, 0)::float8 AS "gstMinor", coalesce(b.gross, 0)::float8 AS "grossMinor", coalesce(b.discount, 0)::float8 AS "discountMinor",
               coalesce(r.refunded, 0)::float8 AS "refundedMinor"
        FROM (
          -- The page's shows first: counting every matching show's seats only to keep 25 cost the whole list.
          SELECT s.id FROM shows s JOIN events e ON e.id = s.event_id
          ${showFilter(scope, opts)}
          ORDER BY ${order} LIMIT ${opts.limit ?? 200} OFFSET ${opts.offset ?? 0}
        ) pg
        JOIN shows s ON s.id = pg.id JOIN events e ON e.id = s.event_id JOIN venues v ON v.id = s.venue_id JOIN sections sec ON sec.id = s.section_id
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
          SELECT count(*) AS bookings, sum(subtotal_minor - discount_minor) AS revenue, sum(fees_minor) AS fee, sum(tax_minor) AS gst,
                 sum(total_minor) AS gross, sum(discount_minor) AS discount
          FROM bookings WHERE show_id = s.id AND status = 'CONFIRMED') b ON true
        LEFT JOIN LATERAL (
          SELECT sum(rf.amount_minor) AS refunded FROM refunds rf JOIN bookings bb ON bb.id = rf.booking_id
          WHERE bb.show_id = s.id AND rf.status = 'SUCCEEDED') r ON true
        ORDER BY ${order}`,
  );
  const n = (x: unknown) => Number(x);
  return rows.map((r) => ({
    ...r,
    startsAt: new Date(r.startsAt),
    occupancy: n(r.occupancy),
    revenueMinor: n(r.revenueMinor),
    feeMinor: n(r.feeMinor),
    gstMinor: n(r.gstMinor),
    grossMinor: n(r.grossMinor),
    discountMinor: n(r.discountMinor),
    refundedMinor: n(r.refundedMinor),
  }));
}

/** Totals of one currency over every show the filters match (not just the page shown). */
export type SalesTotals = { currency: string; bookings: number; revenueMinor: number; feeMinor: number; gstMinor: number; grossMinor: number; discountMinor: number; refundedMinor: number };

export type SalesPage = { rows: ShowSales[]; total: number; page: number; pageCount: number; pageSize: number; totals: SalesTotals[] };

/** One page of the sales list, with the number of shows and the money totals over all pages. */
export async function salesPage(user: User, filters: SalesFilters, pageSize = SALES_PAGE_SIZE): Promise<SalesPage> {
  const scope = await venueScope(user);
  if (scope && scope.length === 0) return { rows: [], total: 0, page: 1, pageCount: 1, pageSize, totals: [] };
  const where = showFilter(scope, filters);
  const [count] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM shows s JOIN events e ON e.id = s.event_id ${where}`);
  const total = count!.n;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  // Past the last page (a bookmark, a filter that now matches less): the last page, not an empty one.
  const page = Math.min(filters.page, pageCount);
  const rows = await showSalesIn(scope, { ...filters, limit: pageSize, offset: (page - 1) * pageSize });
  const sums = await queryRows<SalesTotals>(
    db,
    sql`SELECT currency, sum(bookings)::int AS bookings, sum(revenue)::float8 AS "revenueMinor", sum(fee)::float8 AS "feeMinor", sum(gst)::float8 AS "gstMinor",
               sum(gross)::float8 AS "grossMinor", sum(discount)::float8 AS "discountMinor", sum(refunded)::float8 AS "refundedMinor"
        FROM (
          SELECT b.currency, 1 AS bookings, b.subtotal_minor - b.discount_minor AS revenue, b.fees_minor AS fee, b.tax_minor AS gst, b.total_minor AS gross,
                 b.discount_minor AS discount, 0 AS refunded
          FROM bookings b JOIN shows s ON s.id = b.show_id JOIN events e ON e.id = s.event_id
          ${where} AND b.status = 'CONFIRMED'
          UNION ALL
          SELECT rf.currency, 0, 0, 0, 0, 0, 0, rf.amount_minor
          FROM refunds rf JOIN bookings b ON b.id = rf.booking_id JOIN shows s ON s.id = b.show_id JOIN events e ON e.id = s.event_id
          ${where} AND rf.status = 'SUCCEEDED'
        ) m
        GROUP BY currency ORDER BY currency`,
  );
  const totals = sums.map((t) => ({ ...t, revenueMinor: Number(t.revenueMinor), feeMinor: Number(t.feeMinor), gstMinor: Number(t.gstMinor), grossMinor: Number(t.grossMinor), discountMinor: Number(t.discountMinor), refundedMinor: Number(t.refundedMinor) }));
  return { rows, total, page, pageCount, pageSize, totals };
}

/** Confirmed ticket revenue (no fee, no GST) by day of confirmation (venue-independent UTC days), for the chart. */
export async function revenueByDay(user: User, opts: { showId?: string; eventId?: string; days?: number } = {}): Promise<{ day: string; revenueMinor: number; tickets: number }[]> {
  const scope = await venueScope(user);
  if (scope && scope.length === 0) return [];
  return queryRows(
    db,
    sql`SELECT to_char(date_trunc('day', b.confirmed_at), 'YYYY-MM-DD') AS day, sum(b.subtotal_minor - b.discount_minor)::int AS "revenueMinor",
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

/** Minor units as a decimal string, exactly (no float division): 123456 → "1234.56". */
const minor = (m: number) => `${m < 0 ? "-" : ""}${Math.floor(Math.abs(m) / 100)}.${String(Math.abs(m) % 100).padStart(2, "0")}`;

export function salesCsv(rows: ShowSales[]): string {
  const header = ["show_id", "event", "venue", "hall", "starts_at", "status", "seats", "sold", "held", "blocked", "available", "occupancy_pct", "bookings", "ticket_revenue", "fee", "gst", "gross", "discounts", "refunds", "currency", "zone_places", "zone_sold", "zone_held"];
  const lines = rows.map((r) =>
    [r.showId, r.title, r.venue, r.section, r.startsAt, r.status, r.seats, r.sold, r.held, r.blocked, r.available, (r.occupancy * 100).toFixed(1), r.bookings, minor(r.revenueMinor), minor(r.feeMinor), minor(r.gstMinor), minor(r.grossMinor), minor(r.discountMinor), minor(r.refundedMinor), r.currency, r.zonePlaces, r.zoneSold, r.zoneHeld]
      .map(csvCell)
      .join(","),
  );
  return [header.join(","), ...lines].join("\r\n") + "\r\n";
}
