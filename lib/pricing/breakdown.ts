// What a booking costs, line by line: tickets, discount, convenience fee and the GST on that fee.
// Ticket prices already include their taxes; the platform fee is taxed on top. Integer minor
// units throughout (invariant 6).

/** Convenience fee per ticket, in minor units (₹30). */
export const CONVENIENCE_FEE_PER_SEAT_MINOR = 3_000;
/** GST on the convenience fee, in basis points (18%). */
export const FEE_TAX_BPS = 1_800;

export type PriceBreakdown = {
  subtotalMinor: number; // tickets
  discountMinor: number;
  feesMinor: number;
  taxMinor: number;
  totalMinor: number;
};

export function priceBreakdown(subtotalMinor: number, seatCount: number, discountMinor = 0): PriceBreakdown {
  const discount = Math.min(Math.max(0, discountMinor), subtotalMinor);
  const fees = seatCount * CONVENIENCE_FEE_PER_SEAT_MINOR;
  const tax = Math.round((fees * FEE_TAX_BPS) / 10_000);
  return { subtotalMinor, discountMinor: discount, feesMinor: fees, taxMinor: tax, totalMinor: subtotalMinor - discount + fees + tax };
}
