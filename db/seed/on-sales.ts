// The demo's on-sales (issue 18), set afresh on every seed so they are always worth a look:
// - a concert whose tickets go on sale tomorrow at 10:00 venue time behind a waiting room: its show
//   page counts down, and signed-in visitors join the queue and get a random place at the on-sale;
// - a concert whose waiting room opened ten minutes ago, letting 60 buyers a minute through: a
//   visitor queues for a moment, then picks seats.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { queryRows } from "../rows";
import { newBookingReference } from "@/lib/booking/reference";

async function firstShow(db: Db, title: string): Promise<{ id: string; timeZone: string } | null> {
  const [row] = await queryRows<{ id: string; timeZone: string }>(
    db,
    sql`SELECT s.id, v.time_zone AS "timeZone" FROM shows s JOIN events e ON e.id = s.event_id JOIN venues v ON v.id = s.venue_id
        WHERE e.title = ${title} AND e.status = 'PUBLISHED' AND s.status = 'SCHEDULED' AND s.starts_at > now() + interval '2 days'
        ORDER BY s.starts_at LIMIT 1`,
  );
  return row ?? null;
}

async function setOnSale(db: Db, showId: string, onSaleAt: SQL, rate: number): Promise<void> {
  await db.execute(sql`
    INSERT INTO on_sales (show_id, on_sale_at, waiting_room, admit_per_minute)
    VALUES (${showId}::uuid, ${onSaleAt}, true, ${rate})
    ON CONFLICT (show_id) DO UPDATE SET on_sale_at = EXCLUDED.on_sale_at, waiting_room = true, admit_per_minute = EXCLUDED.admit_per_minute,
      paused = false, closed_at = NULL, closed_reason = NULL, admitted = 0, ticked_at = NULL, updated_at = now()`);
  await db.execute(sql`DELETE FROM queue_entries WHERE show_id = ${showId}::uuid`);
}


export const ON_SALE_DEMO = { countdown: "Sid & Friends: Telugu Melodies Live", open: "Jazz by the Bay" } as const;

export async function seedOnSales(db: Db): Promise<{ countdown: string | null; open: string | null }> {
  const countdown = await firstShow(db, ON_SALE_DEMO.countdown);
  if (countdown) {
    // Tomorrow 10:00 in the venue's zone (the show itself is two or more days away).
    const tz = countdown.timeZone;
    await setOnSale(db, countdown.id, sql`((date_trunc('day', now() AT TIME ZONE ${tz}) + interval '1 day 10 hours') AT TIME ZONE ${tz})`, 200);
  }
  const open = await firstShow(db, ON_SALE_DEMO.open);
  if (open) await setOnSale(db, open.id, sql`now() - interval '10 minutes'`, 60);
  return { countdown: countdown?.id ?? null, open: open?.id ?? null };
}

export const SOLD_OUT_DEMO = { title: "Golmaal Junction", section: "Director's Cut" } as const;

/**
 * A sold-out show for the waitlist (issue 18): the first show of a film in a 32-seat hall, three
 * days or more ahead, booked out by four groups of seeded filmgoers (accounts without passwords).
 * Done once; answers the show. Cancel one of those bookings from the admin area to watch the
 * first in line get an offer.
 */
export async function seedSoldOutShow(db: Db): Promise<string | null> {
  const [show] = await queryRows<{ id: string; free: number }>(
    db,
    sql`SELECT s.id, (SELECT count(*)::int FROM show_seats ss WHERE ss.show_id = s.id AND ss.status = 'AVAILABLE') AS free
        FROM shows s JOIN events e ON e.id = s.event_id JOIN sections sec ON sec.id = s.section_id
        WHERE e.title = ${SOLD_OUT_DEMO.title} AND sec.name = ${SOLD_OUT_DEMO.section} AND s.status = 'SCHEDULED' AND s.starts_at > now() + interval '3 days'
          AND EXISTS (SELECT 1 FROM show_seats ss WHERE ss.show_id = s.id)
        ORDER BY s.starts_at LIMIT 1`,
  );
  if (!show) return null;
  if (show.free === 0) return show.id;
  const seats = await queryRows<{ id: string; seatId: string; priceMinor: number }>(
    db,
    sql`SELECT ss.id, ss.seat_id AS "seatId", ss.price_minor AS "priceMinor" FROM show_seats ss JOIN seats st ON st.id = ss.seat_id
        WHERE ss.show_id = ${show.id}::uuid AND ss.status = 'AVAILABLE' ORDER BY st.row_index, st.col_index`,
  );
  const groups: (typeof seats)[] = [];
  for (let i = 0; i < seats.length; i += 8) groups.push(seats.slice(i, i + 8));
  await db.transaction(async (tx) => {
    for (const [i, group] of groups.entries()) {
      const [user] = await queryRows<{ id: string }>(
        tx,
        sql`INSERT INTO users (name, email, phone) VALUES (${`Filmgoer ${i + 1}`}, ${`filmgoer-${i + 1}@marquee.test`}, ${`+91987650000${i}`})
            ON CONFLICT (lower(email)) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      );
      const subtotal = group.reduce((a, s) => a + s.priceMinor, 0);
      const fees = 3000 * group.length;
      const tax = Math.round(fees * 0.18);
      const [booking] = await queryRows<{ id: string }>(
        tx,
        sql`INSERT INTO bookings (reference, user_id, show_id, status, subtotal_minor, fees_minor, tax_minor, total_minor, confirmed_at)
            VALUES (${newBookingReference()}, ${user!.id}::uuid, ${show.id}::uuid, 'CONFIRMED', ${subtotal}, ${fees}, ${tax}, ${subtotal + fees + tax}, now()) RETURNING id`,
      );
      for (const s of group) {
        await tx.execute(sql`INSERT INTO booking_seats (booking_id, show_seat_id, seat_id, price_minor) VALUES (${booking!.id}::uuid, ${s.id}::uuid, ${s.seatId}::uuid, ${s.priceMinor})`);
      }
      await tx.execute(sql`UPDATE show_seats SET status = 'BOOKED', locked_by_booking_id = ${booking!.id}::uuid, lock_expiry = NULL, version = version + 1
                           WHERE id IN (${sql.join(group.map((s) => sql`${s.id}::uuid`), sql`, `)})`);
    }
  });
  return show.id;
}
