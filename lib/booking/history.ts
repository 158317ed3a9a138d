import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db/client";
import { queryRows } from "@/db/rows";
import { decodeCursor, encodeCursor } from "@/lib/catalog/cursor";
import { notFound } from "@/lib/errors";
import { seatLabelsOf } from "@/db/sql";

export const historyQuerySchema = z.object({
  when: z.enum(["upcoming", "past", "all"]).default("all").describe("By the show's start: still to come, or over."),
  cursor: z.string().max(200).optional().describe("`nextCursor` of the previous page."),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export type BookingSummary = {
  id: string;
  reference: string;
  status: string;
  totalMinor: number;
  currency: string;
  createdAt: Date;
  seatCount: number;
  seatLabels: string[];
  show: { id: string; startsAt: Date; format: string | null; language: string | null };
  event: { id: string; slug: string; title: string; posterUrl: string | null };
  venue: { name: string; timeZone: string; sectionName: string };
};

type Row = Omit<BookingSummary, "show" | "event" | "venue"> & {
  createdKey: string; // full-precision timestamp for the cursor (a JS Date keeps only ms)
  showId: string; startsAt: Date; format: string | null; language: string | null;
  eventId: string; slug: string; title: string; posterUrl: string | null;
  venueName: string; timeZone: string; sectionName: string;
};

/** Visible history: holds that never became bookings (INITIATED, LOCKED, EXPIRED, FAILED) are left out. */
const VISIBLE = sql`b.status IN ('PAYMENT_PENDING', 'CONFIRMED', 'CANCELLED', 'REFUNDED')`;

function bookingsSql(conds: SQL[], limit: number): SQL {
  return sql`
    SELECT b.id, b.created_at::text AS "createdKey", b.reference, b.status, b.total_minor AS "totalMinor", b.currency, b.created_at AS "createdAt",
           (SELECT count(*) FROM booking_seats bs WHERE bs.booking_id = b.id)::int AS "seatCount",
           coalesce(${seatLabelsOf(sql`b.id`)}, '{}') AS "seatLabels",
           s.id AS "showId", s.starts_at AS "startsAt", s.format, s.language,
           e.id AS "eventId", e.slug, e.title, e.poster_url AS "posterUrl",
           v.name AS "venueName", v.time_zone AS "timeZone", sec.name AS "sectionName"
    FROM bookings b
    JOIN shows s ON s.id = b.show_id
    JOIN events e ON e.id = s.event_id
    JOIN venues v ON v.id = s.venue_id
    JOIN sections sec ON sec.id = s.section_id
    WHERE ${sql.join(conds, sql` AND `)}
    ORDER BY b.created_at DESC, b.id DESC
    LIMIT ${limit}`;
}

const shape = (r: Row): BookingSummary => ({
  id: r.id,
  reference: r.reference,
  status: r.status,
  totalMinor: Number(r.totalMinor),
  currency: r.currency,
  createdAt: new Date(r.createdAt),
  seatCount: r.seatCount,
  seatLabels: r.seatLabels,
  show: { id: r.showId, startsAt: new Date(r.startsAt), format: r.format, language: r.language },
  event: { id: r.eventId, slug: r.slug, title: r.title, posterUrl: r.posterUrl },
  venue: { name: r.venueName, timeZone: r.timeZone, sectionName: r.sectionName },
});

/** A user's bookings, newest first, keyset-paginated; upcoming/past by the show's start. */
export async function listUserBookings(
  userId: string,
  q: z.output<typeof historyQuerySchema>,
  ex: Executor = db,
  opts: { /** Only the bookings this partner key made (a partner sees its own, not the customer's others). */ apiKeyId?: string } = {},
): Promise<{ items: BookingSummary[]; nextCursor: string | null }> {
  const conds: SQL[] = [sql`b.user_id = ${userId}::uuid`, VISIBLE];
  if (opts.apiKeyId) conds.push(sql`b.api_key_id = ${opts.apiKeyId}::uuid`);
  if (q.when === "upcoming") conds.push(sql`s.starts_at >= now()`);
  if (q.when === "past") conds.push(sql`s.starts_at < now()`);
  if (q.cursor) {
    const c = decodeCursor(q.cursor, { t: "string", id: "string" });
    conds.push(sql`(b.created_at, b.id) < (${c.t}::timestamptz, ${c.id}::uuid)`);
  }
  const rows = await queryRows<Row>(ex, bookingsSql(conds, q.limit + 1));
  const last = rows[q.limit - 1];
  return {
    items: rows.slice(0, q.limit).map(shape),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ t: last.createdKey, id: last.id }) : null,
  };
}

/** One booking of this user; someone else's answers 404 as if it did not exist. */
export async function getUserBooking(userId: string, bookingId: string, ex: Executor = db): Promise<BookingSummary> {
  const [row] = await queryRows<Row>(ex, bookingsSql([sql`b.user_id = ${userId}::uuid`, sql`b.id = ${bookingId}::uuid`], 1));
  if (!row) throw notFound("Booking");
  return shape(row);
}
