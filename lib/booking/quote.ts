// The price of a held booking, line by line, with a promo code applied or the reason it does not
// apply. What checkout shows before paying; processPayment charges exactly this.
import "server-only";

import { db } from "@/db/client";
import { notFound } from "@/lib/errors";
import { priceBreakdown, type PriceBreakdown } from "@/lib/pricing/breakdown";
import { checkPromo, type PromoReason } from "@/lib/pricing/promo";
import { pricedSeatsOfBooking } from "./queries";
import { and, eq } from "drizzle-orm";
import { bookings, events, shows } from "@/db/schema";

export type Quote = PriceBreakdown & {
  currency: string;
  seatCount: number;
  promo: { code: string; applied: true; description: string } | { code: string; applied: false; reason: PromoReason; message: string } | null;
};

export async function quoteBooking(userId: string, bookingId: string, promoCode?: string | null): Promise<Quote> {
  const [b] = await db
    .select({ id: bookings.id, currency: bookings.currency, eventId: events.id, category: events.category, cityId: shows.cityId })
    .from(bookings)
    .innerJoin(shows, eq(shows.id, bookings.showId))
    .innerJoin(events, eq(events.id, shows.eventId))
    .where(and(eq(bookings.id, bookingId), eq(bookings.userId, userId)));
  if (!b) throw notFound("Booking");
  const priced = await pricedSeatsOfBooking(bookingId);
  const subtotal = priced.reduce((sum, s) => sum + s.priceMinor, 0);
  let promo: Quote["promo"] = null;
  let discount = 0;
  const code = promoCode?.trim();
  if (code) {
    const r = await checkPromo(db, code, { userId, bookingId, eventId: b.eventId, category: b.category, cityId: b.cityId, currency: b.currency, seats: priced });
    if (r.ok) {
      discount = r.discountMinor;
      promo = { code: r.promo.code, applied: true, description: r.promo.description };
    } else {
      promo = { code: code.toUpperCase(), applied: false, reason: r.reason, message: r.message };
    }
  }
  return { ...priceBreakdown(subtotal, priced.length, discount), currency: b.currency, seatCount: priced.length, promo };
}
