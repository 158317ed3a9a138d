// The price of a held booking, line by line, with a promo code applied or the reason it does not
// apply. What checkout shows before paying; processPayment charges exactly this.
import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { notFound } from "@/lib/errors";
import { priceBreakdown, type PriceBreakdown } from "@/lib/pricing/breakdown";
import { checkPromo, type PromoReason } from "@/lib/pricing/promo";
import { pricedSeatsOfBooking } from "./queries";

export type Quote = PriceBreakdown & {
  currency: string;
  seatCount: number;
  promo: { code: string; applied: true; description: string } | { code: string; applied: false; reason: PromoReason; message: string } | null;
};

export async function quoteBooking(userId: string, bookingId: string, promoCode?: string | null): Promise<Quote> {
  const [b] = await queryRows<{ id: string; currency: string; eventId: string; category: string; cityId: string }>(
    db,
    sql`SELECT b.id, b.currency, e.id AS "eventId", e.category, s.city_id AS "cityId"
        FROM bookings b JOIN shows s ON s.id = b.show_id JOIN events e ON e.id = s.event_id
        WHERE b.id = ${bookingId}::uuid AND b.user_id = ${userId}::uuid`,
  );
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
