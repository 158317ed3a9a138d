// Show reminders, 24 hours and 2 hours before the show, for confirmed bookings whose holders
// want them. Each is sent once per booking however many cron runs overlap: the reminder row is
// inserted (primary key booking + kind) in the same transaction that queues the message.
import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { env } from "@/lib/env.js";
import { formatMoney } from "@/lib/format/money";
import { formatInZone } from "@/lib/time/zone";
import { enqueue } from "./outbox";
import { bookingSms, reminderEmail } from "./templates";
import { kickDispatcher } from "./dispatcher";
import { seatLabelsOf } from "@/db/sql";

const WINDOWS = [
  { kind: "24h", hours: 24 },
  { kind: "2h", hours: 2 },
] as const;

type Due = {
  bookingId: string; userId: string; name: string; email: string; phone: string | null; notifyEmail: boolean; notifySms: boolean;
  reference: string; title: string; venue: string; timeZone: string; startsAt: Date; totalMinor: number; currency: string; seats: string[] | null;
};

export async function sendShowReminders(now = new Date()): Promise<Record<string, number>> {
  const counts: Record<string, number> = { "24h": 0, "2h": 0 };
  for (const w of WINDOWS) {
    // Shows starting within the window, booked before it opened (a booking made 20 hours ahead
    // gets the 2-hour reminder, not a "tomorrow" one straight after paying).
    await db.transaction(async (tx) => {
      const due = await queryRows<Due>(
        tx,
        sql`WITH fresh AS (
              INSERT INTO booking_reminders (booking_id, kind)
              SELECT b.id, ${w.kind} FROM bookings b JOIN shows s ON s.id = b.show_id JOIN users u ON u.id = b.user_id
              WHERE b.status = 'CONFIRMED' AND u.show_reminders
                AND s.starts_at > ${now.toISOString()}::timestamptz
                AND s.starts_at <= ${now.toISOString()}::timestamptz + make_interval(hours => ${w.hours})
                AND b.confirmed_at < s.starts_at - make_interval(hours => ${w.hours})
              ORDER BY s.starts_at LIMIT 500
              ON CONFLICT DO NOTHING
              RETURNING booking_id
            )
            SELECT b.id AS "bookingId", b.user_id AS "userId", u.name, u.email, u.phone, u.notify_email AS "notifyEmail", u.notify_sms AS "notifySms",
                   b.reference, e.title, v.name AS venue, v.time_zone AS "timeZone", s.starts_at AS "startsAt", b.total_minor AS "totalMinor", b.currency,
                   ${seatLabelsOf(sql`b.id`)} AS seats
            FROM fresh f JOIN bookings b ON b.id = f.booking_id JOIN users u ON u.id = b.user_id JOIN shows s ON s.id = b.show_id
            JOIN events e ON e.id = s.event_id JOIN venues v ON v.id = s.venue_id`,
      );
      for (const d of due) {
        const kind = w.kind === "24h" ? "reminder_24h" : "reminder_2h";
        const facts = {
          name: d.name,
          reference: d.reference,
          title: d.title,
          venue: d.venue,
          when: formatInZone(new Date(d.startsAt), d.timeZone, { weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit" }),
          seats: d.seats ?? [],
          total: formatMoney(Number(d.totalMinor), d.currency),
          url: new URL(`/account/bookings/${d.bookingId}`, env().APP_URL).toString(),
        };
        if (d.notifyEmail) await enqueue(tx, { channel: "EMAIL", kind, userId: d.userId, recipient: d.email, ...reminderEmail(kind, facts), payload: { bookingId: d.bookingId }, dedupeKey: `${kind}:${d.bookingId}` });
        if (d.notifySms && d.phone) await enqueue(tx, { channel: "SMS", kind, userId: d.userId, recipient: d.phone, subject: kind, bodyText: bookingSms(kind, facts), dedupeKey: `${kind}:sms:${d.bookingId}` });
        counts[w.kind]!++;
      }
    });
  }
  if (counts["24h"]! + counts["2h"]! > 0) kickDispatcher();
  return counts;
}
