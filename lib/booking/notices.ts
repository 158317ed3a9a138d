// Booking emails written to the outbox in the same transaction as the change they report; the
// dedupe key makes each one a single message however often the cause is replayed.
import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { queryRows } from "@/db/rows";
import { env } from "@/lib/env.js";
import { formatMoney } from "@/lib/format/money";
import { enqueue } from "@/lib/notifications/outbox";
import { bookingEmail, bookingSms, type BookingEmailKind, type RefundFacts } from "@/lib/notifications/templates";
import { refundTiming } from "@/lib/notifications/refund-timing";
import { formatInZone } from "@/lib/time/zone";
import { seatLabelsOf } from "@/db/sql";

export type BookingNoticeKind = BookingEmailKind;

/**
 * Kinds that report the end of a booking. A booking ends once, so they share one dedupe key: one
 * message for the cancellation, however many paths (customer, staff, a cancelled show, a replayed
 * webhook) report it.
 */
const ENDING: ReadonlySet<BookingNoticeKind> = new Set(["booking_cancelled", "booking_refunded_by_staff", "show_cancelled"]);
export const noticeDedupeKey = (kind: BookingNoticeKind, bookingId: string, channel: "EMAIL" | "SMS" = "EMAIL") =>
  `${ENDING.has(kind) ? "booking_ended" : kind}:${channel === "SMS" ? "sms:" : ""}${bookingId}`;

export type NoticeOptions = {
  /** The refund the message reports (recorded in this transaction); null: nothing was paid. Absent: the booking's latest refund, if any. */
  refundId?: string | null;
  /** The reason staff gave, quoted in the message. */
  reason?: string | null;
};

type RefundRow = { amountMinor: number; currency: string; provider: string; method: string };

export async function bookingNotice(tx: Executor, bookingId: string, kind: BookingNoticeKind, opts: NoticeOptions = {}): Promise<void> {
  const [b] = await queryRows<{
    userId: string; name: string; email: string; phone: string | null; notifyEmail: boolean; notifySms: boolean;
    reference: string; title: string; venue: string; timeZone: string; startsAt: Date; totalMinor: number; currency: string; seats: string[] | null;
  }>(
    tx,
    sql`SELECT b.user_id AS "userId", u.name, u.email, u.phone, u.notify_email AS "notifyEmail", u.notify_sms AS "notifySms", b.reference, e.title, v.name AS venue, v.time_zone AS "timeZone", s.starts_at AS "startsAt",
               b.total_minor AS "totalMinor", b.currency,
               ${seatLabelsOf(sql`b.id`)} AS seats
        FROM bookings b JOIN users u ON u.id = b.user_id JOIN shows s ON s.id = b.show_id JOIN events e ON e.id = s.event_id JOIN venues v ON v.id = s.venue_id
        WHERE b.id = ${bookingId}::uuid`,
  );
  if (!b) return;
  const url = new URL(`/account/bookings/${bookingId}`, env().APP_URL).toString();
  const when = formatInZone(new Date(b.startsAt), b.timeZone, { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "numeric", minute: "2-digit" });
  const facts = {
    name: b.name,
    reference: b.reference,
    title: b.title,
    venue: b.venue,
    when,
    seats: b.seats ?? [],
    total: formatMoney(Number(b.totalMinor), b.currency),
    url,
    ...(kind === "booking_confirmed" ? {} : { refund: opts.refundId === null ? null : await refundFactsOf(tx, bookingId, opts.refundId) }),
    reason: opts.reason ?? null,
  };
  // Money and ticket validity always reach the inbox; other channels follow the user's choice.
  const mustEmail = kind !== "booking_confirmed";
  if (b.notifyEmail || mustEmail) {
    await enqueue(tx, { channel: "EMAIL", kind, userId: b.userId, recipient: b.email, ...bookingEmail(kind, facts), payload: { bookingId }, dedupeKey: noticeDedupeKey(kind, bookingId) });
  }
  if (b.notifySms && b.phone) {
    await enqueue(tx, { channel: "SMS", kind, userId: b.userId, recipient: b.phone, subject: kind, bodyText: bookingSms(kind, facts), payload: { bookingId }, dedupeKey: noticeDedupeKey(kind, bookingId, "SMS") });
  }
}

/** Amount, destination and timing of the refund: the one given, or the booking's latest; null when nothing was paid. */
async function refundFactsOf(tx: Executor, bookingId: string, refundId: string | undefined): Promise<RefundFacts | null> {
  const [r] = await queryRows<RefundRow>(
    tx,
    sql`SELECT r.amount_minor AS "amountMinor", r.currency, p.provider, p.method
        FROM refunds r JOIN payments p ON p.id = r.payment_id
        WHERE r.booking_id = ${bookingId}::uuid ${refundId ? sql`AND r.id = ${refundId}::uuid` : sql``}
        ORDER BY r.created_at DESC, r.id DESC LIMIT 1`,
  );
  if (!r) return null;
  return { amount: formatMoney(Number(r.amountMinor), r.currency), ...refundTiming(r.provider, r.method) };
}
