// The offer, by email and SMS, queued in the transaction that makes it: the places, the price,
// the deadline in the venue's time zone and the checkout link of the hold. One of each per entry.
import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { queryRows } from "@/db/rows";
import { seatLabelsOf } from "@/db/sql";
import { env } from "@/lib/env.js";
import { formatMoney } from "@/lib/format/money";
import { enqueue } from "@/lib/notifications/outbox";
import { waitlistOfferEmail, waitlistOfferSms, type WaitlistOfferFacts } from "@/lib/notifications/templates";
import { formatInZone } from "@/lib/time/zone";

export const OFFER_KIND = "waitlist_offer";

export async function offerNotice(tx: Executor, offer: { entryId: string; bookingId: string; expiresAt: Date }): Promise<WaitlistOfferFacts | null> {
  const [o] = await queryRows<{
    userId: string; name: string; email: string; phone: string | null; title: string; venue: string; timeZone: string; startsAt: Date;
    totalMinor: number; currency: string; places: string[] | null;
  }>(
    tx,
    sql`SELECT b.user_id AS "userId", u.name, u.email, u.phone, e.title, v.name AS venue, v.time_zone AS "timeZone", s.starts_at AS "startsAt",
               b.total_minor AS "totalMinor", b.currency, ${seatLabelsOf(sql`b.id`)} AS places
        FROM bookings b JOIN users u ON u.id = b.user_id JOIN shows s ON s.id = b.show_id JOIN events e ON e.id = s.event_id JOIN venues v ON v.id = s.venue_id
        WHERE b.id = ${offer.bookingId}::uuid`,
  );
  if (!o) return null;
  const facts: WaitlistOfferFacts = {
    name: o.name,
    title: o.title,
    venue: o.venue,
    when: formatInZone(new Date(o.startsAt), o.timeZone, { weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit" }),
    places: o.places ?? [],
    total: formatMoney(Number(o.totalMinor), o.currency),
    deadline: formatInZone(offer.expiresAt, o.timeZone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" }),
    url: new URL(`/checkout/${offer.bookingId}`, env().APP_URL).toString(),
  };
  const payload = { bookingId: offer.bookingId, entryId: offer.entryId };
  // Both channels whatever the user's notification choices: joining the waitlist asked for this
  // offer, and it is gone in half an hour.
  await enqueue(tx, { channel: "EMAIL", kind: OFFER_KIND, userId: o.userId, recipient: o.email, ...waitlistOfferEmail(facts), payload, dedupeKey: `${OFFER_KIND}:${offer.entryId}` });
  if (o.phone) {
    await enqueue(tx, { channel: "SMS", kind: OFFER_KIND, userId: o.userId, recipient: o.phone, subject: OFFER_KIND, bodyText: waitlistOfferSms(facts), payload, dedupeKey: `${OFFER_KIND}:sms:${offer.entryId}` });
  }
  return facts;
}
