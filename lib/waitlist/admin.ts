// The waitlist of a show as venue staff see it. The caller has checked the staff member's access
// to the show (the admin show page answers 404 outside their venues before it asks).
import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { WaitlistStatus } from "@/db/schema";

export type StaffWaitlistRow = {
  id: string;
  email: string;
  name: string;
  zoneName: string | null;
  quantity: number;
  status: WaitlistStatus;
  bookingReference: string | null;
  createdAt: Date;
  offeredAt: Date | null;
  offerExpiresAt: Date | null;
  closedAt: Date | null;
};

/** Every entry of the show, live ones first, each in line order; at most `limit`. */
export async function waitlistOfShow(showId: string, limit = 500): Promise<{ rows: StaffWaitlistRow[]; counts: Record<WaitlistStatus, number> }> {
  const [rows, counts] = await Promise.all([
    queryRows<StaffWaitlistRow>(
      db,
      sql`SELECT w.id, u.email, u.name, z.name AS "zoneName", w.quantity, w.status, b.reference AS "bookingReference",
                 w.created_at AS "createdAt", w.offered_at AS "offeredAt", w.offer_expires_at AS "offerExpiresAt", w.closed_at AS "closedAt"
          FROM waitlist_entries w JOIN users u ON u.id = w.user_id LEFT JOIN zones z ON z.id = w.zone_id LEFT JOIN bookings b ON b.id = w.booking_id
          WHERE w.show_id = ${showId}::uuid
          ORDER BY CASE w.status WHEN 'OFFERED' THEN 0 WHEN 'WAITING' THEN 1 ELSE 2 END, w.created_at, w.id
          LIMIT ${limit}`,
    ),
    queryRows<{ status: WaitlistStatus; n: number }>(db, sql`SELECT status, count(*)::int AS n FROM waitlist_entries WHERE show_id = ${showId}::uuid GROUP BY status`),
  ]);
  const byStatus = { WAITING: 0, OFFERED: 0, CLAIMED: 0, LAPSED: 0, LEFT: 0, CLOSED: 0 } as Record<WaitlistStatus, number>;
  for (const c of counts) byStatus[c.status] = Number(c.n);
  const date = (d: Date | null) => (d ? new Date(d) : null);
  return {
    rows: rows.map((r) => ({ ...r, quantity: Number(r.quantity), createdAt: new Date(r.createdAt), offeredAt: date(r.offeredAt), offerExpiresAt: date(r.offerExpiresAt), closedAt: date(r.closedAt) })),
    counts: byStatus,
  };
}
