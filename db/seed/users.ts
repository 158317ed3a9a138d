// Demo accounts for each role, and a booking history for the demo customer.
import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { bookings, bookingSeats, savedPaymentMethods, sections, staffVenues, users, venues, zones } from "../schema";
import { queryRows } from "../rows";
import { hashPassword } from "@/lib/auth/password";
import { newBookingReference } from "@/lib/booking/reference";
import { DEMO_LOGINS } from "./demo-logins";

export { DEMO_LOGINS };


export async function seedDemoUsers(db: Db): Promise<{ skipped: boolean }> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_LOGINS[0].email)).limit(1);
  if (existing) return { skipped: true };

  const ids: Record<string, string> = {};
  for (const login of DEMO_LOGINS) {
    const [u] = await db
      .insert(users)
      .values({
        name: login.name,
        email: login.email,
        phone: `+9198200${String(10000 + Object.keys(ids).length).slice(-5)}`,
        role: login.role,
        passwordHash: await hashPassword(login.password),
        emailVerifiedAt: new Date(),
      })
      .returning({ id: users.id });
    ids[login.role] = u!.id;
  }

  // Staff and door staff work at Mumbai's first three venues and at its arena with standing zones.
  const mumbai = [
    ...(await db.select({ id: venues.id }).from(venues).where(eq(venues.cityId, "mumbai")).orderBy(venues.name).limit(3)),
    ...(await db
      .selectDistinct({ id: venues.id })
      .from(venues)
      .innerJoin(sections, eq(sections.venueId, venues.id))
      .innerJoin(zones, and(eq(zones.sectionId, sections.id), eq(zones.kind, "STANDING")))
      .where(eq(venues.cityId, "mumbai"))
      .limit(1)),
  ].filter((v, i, all) => all.findIndex((w) => w.id === v.id) === i);
  for (const role of ["staff", "scanner"]) {
    if (mumbai.length) await db.insert(staffVenues).values(mumbai.map((v) => ({ userId: ids[role]!, venueId: v.id })));
  }

  await db.insert(savedPaymentMethods).values([
    { userId: ids.customer!, provider: "local", providerMethodId: `pm_local_${randomBytes(8).toString("hex")}`, kind: "CARD", brand: "visa", last4: "4242", expMonth: 8, expYear: 2029 },
    { userId: ids.customer!, provider: "local", providerMethodId: `upi_local_${randomBytes(8).toString("hex")}`, kind: "UPI", brand: "priya@okbank" },
  ]);

  // Two upcoming bookings, one past, one cancelled: the history page has something in each tab.
  const picks = await queryRows<{ showId: string; past: boolean }>(
    db,
    sql`(SELECT id AS "showId", false AS past FROM shows WHERE city_id = 'mumbai' AND starts_at > now() + interval '1 day' AND status = 'SCHEDULED'
           AND EXISTS (SELECT 1 FROM show_seats WHERE show_id = shows.id) ORDER BY starts_at LIMIT 3)
        UNION ALL
        (SELECT id, true FROM shows WHERE starts_at < now() AND EXISTS (SELECT 1 FROM show_seats WHERE show_id = shows.id) ORDER BY starts_at DESC LIMIT 1)`,
  );
  for (const [i, pick] of picks.entries()) {
    const cancelled = i === 2;
    await db.transaction(async (tx) => {
      const seats = await queryRows<{ id: string; seatId: string; priceMinor: number }>(
        tx,
        sql`SELECT ss.id, ss.seat_id AS "seatId", ss.price_minor AS "priceMinor" FROM show_seats ss JOIN seats s ON s.id = ss.seat_id
            WHERE ss.show_id = ${pick.showId}::uuid AND ss.status = 'AVAILABLE' ORDER BY s.row_index DESC, s.col_index LIMIT 2 FOR UPDATE`,
      );
      const subtotal = seats.reduce((a, s) => a + s.priceMinor, 0);
      const fees = Math.round(subtotal * 0.06);
      const tax = Math.round(fees * 0.18);
      const [b] = await tx
        .insert(bookings)
        .values({
          reference: newBookingReference(),
          userId: ids.customer!,
          showId: pick.showId,
          status: cancelled ? "REFUNDED" : "CONFIRMED",
          subtotalMinor: subtotal,
          feesMinor: fees,
          taxMinor: tax,
          totalMinor: subtotal + fees + tax,
          confirmedAt: new Date(),
          cancelledAt: cancelled ? new Date() : null,
        })
        .returning({ id: bookings.id });
      await tx.insert(bookingSeats).values(seats.map((s) => ({ bookingId: b!.id, showSeatId: s.id, seatId: s.seatId, priceMinor: s.priceMinor })));
      if (!cancelled) {
        await tx.execute(sql`UPDATE show_seats SET status = 'BOOKED', locked_by_booking_id = ${b!.id}::uuid, lock_expiry = NULL, version = version + 1
                             WHERE id IN (${sql.join(seats.map((s) => sql`${s.id}::uuid`), sql`, `)})`);
      }
    });
  }
  return { skipped: false };
}
