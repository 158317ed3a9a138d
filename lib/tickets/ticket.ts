// A confirmed booking's e-ticket: the signed token its QR code carries, and what the ticket shows.
import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { PLACE_NAME, PLACE_ORDER } from "@/db/sql";
import { admitsText } from "@/lib/format/places";
import { notFound } from "@/lib/errors";
import { env } from "@/lib/env.js";
import { showIcs } from "./ics";
import { signTicket, ticketExpiry } from "./token";

export type Ticket = {
  bookingId: string;
  reference: string;
  status: string;
  token: string | null; // only while the booking is CONFIRMED
  event: { title: string; slug: string; posterUrl: string | null; durationMinutes: number; certificate: string | null };
  show: { id: string; startsAt: Date; endsAt: Date; format: string | null; language: string | null; refundCutoffHours: number };
  venue: { name: string; address: string; timeZone: string; sectionName: string };
  /** One per person: a seat's label, or a zone place's zone name with type GA (the token's `seats` claim). */
  seats: { label: string; type: string; priceMinor: number }[];
  amounts: { subtotalMinor: number; discountMinor: number; feesMinor: number; taxMinor: number; totalMinor: number; currency: string };
  confirmedAt: Date | null;
  cancelledAt: Date | null;
  /** The show has not ended its door window yet (starts later than three hours ago). */
  upcoming: boolean;
};

export async function getTicket(userId: string | null, bookingId: string): Promise<Ticket> {
  const [r] = await queryRows<{
    id: string; reference: string; status: string; title: string; slug: string; posterUrl: string | null; durationMinutes: number; certificate: string | null;
    showId: string; startsAt: Date; endsAt: Date; format: string | null; language: string | null; refundCutoffHours: number;
    venueName: string; address: string; timeZone: string; sectionName: string;
    subtotalMinor: number; discountMinor: number; feesMinor: number; taxMinor: number; totalMinor: number; currency: string; confirmedAt: Date | null; cancelledAt: Date | null;
    seats: { label: string; type: string; priceMinor: number }[] | null;
  }>(
    db,
    sql`SELECT b.id, b.reference, b.status, e.title, e.slug, e.poster_url AS "posterUrl", e.duration_minutes AS "durationMinutes", e.certificate,
               s.id AS "showId", s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.format, s.language, s.refund_cutoff_hours AS "refundCutoffHours",
               v.name AS "venueName", v.address, v.time_zone AS "timeZone", sec.name AS "sectionName",
               b.subtotal_minor AS "subtotalMinor", b.discount_minor AS "discountMinor", b.fees_minor AS "feesMinor", b.tax_minor AS "taxMinor",
               b.total_minor AS "totalMinor", b.currency, b.confirmed_at AS "confirmedAt", b.cancelled_at AS "cancelledAt",
               (SELECT json_agg(json_build_object('label', ${PLACE_NAME}, 'type', CASE WHEN st.zone_id IS NULL THEN st.type::text ELSE 'GA' END, 'priceMinor', bs.price_minor) ORDER BY ${PLACE_ORDER})
                FROM booking_seats bs JOIN seats st ON st.id = bs.seat_id LEFT JOIN zones z ON z.id = st.zone_id WHERE bs.booking_id = b.id) AS seats
        FROM bookings b JOIN shows s ON s.id = b.show_id JOIN events e ON e.id = s.event_id JOIN venues v ON v.id = s.venue_id JOIN sections sec ON sec.id = s.section_id
        WHERE b.id = ${bookingId}::uuid ${userId ? sql`AND b.user_id = ${userId}::uuid` : sql``}`,
  );
  if (!r) throw notFound("Booking");
  const seats = r.seats ?? [];
  const startsAt = new Date(r.startsAt);
  return {
    bookingId: r.id,
    reference: r.reference,
    status: r.status,
    token: r.status === "CONFIRMED" ? signTicket({ bid: r.id, ref: r.reference, sid: r.showId, seats: seats.map((s) => s.label), exp: ticketExpiry(new Date(r.endsAt)) }) : null,
    event: { title: r.title, slug: r.slug, posterUrl: r.posterUrl, durationMinutes: Number(r.durationMinutes), certificate: r.certificate },
    show: { id: r.showId, startsAt, endsAt: new Date(r.endsAt), format: r.format, language: r.language, refundCutoffHours: Number(r.refundCutoffHours) },
    venue: { name: r.venueName, address: r.address, timeZone: r.timeZone, sectionName: r.sectionName },
    seats: seats.map((s) => ({ ...s, priceMinor: Number(s.priceMinor) })),
    amounts: {
      subtotalMinor: Number(r.subtotalMinor),
      discountMinor: Number(r.discountMinor),
      feesMinor: Number(r.feesMinor),
      taxMinor: Number(r.taxMinor),
      totalMinor: Number(r.totalMinor),
      currency: r.currency,
    },
    confirmedAt: r.confirmedAt ? new Date(r.confirmedAt) : null,
    cancelledAt: r.cancelledAt ? new Date(r.cancelledAt) : null,
    upcoming: startsAt.getTime() > Date.now() - 3 * 3_600_000,
  };
}

/** The booking's show as an .ics event (the ticket page's "Add to calendar", the confirmation email). */
export function ticketIcs(t: Ticket): string {
  return showIcs({
    uid: `${t.bookingId}@marquee`,
    title: t.event.title,
    description: `${admitsText(t.seats.map((s) => s.label))} · Booking ${t.reference}`,
    location: `${t.venue.name}, ${t.venue.address}`,
    startsAt: t.show.startsAt,
    endsAt: t.show.endsAt,
    url: new URL(`/account/bookings/${t.bookingId}`, env().APP_URL).toString(),
  });
}
