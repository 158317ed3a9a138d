import type { promoCodes } from "../schema";

type PromoRow = typeof promoCodes.$inferInsert;

const DAY = 86_400_000;

/** A few codes with different rules for checkout to exercise; windows are relative to `now`. */
export function promoRows(now: Date): PromoRow[] {
  const at = (days: number) => new Date(now.getTime() + days * DAY);
  return [
    { code: "WELCOME50", kind: "FLAT", value: 5_000, description: "₹50 off your first booking", firstBookingOnly: true, maxUsesPerUser: 1 },
    {
      code: "MOVIEBUFF",
      kind: "PERCENT",
      value: 1_500,
      maxDiscountMinor: 15_000,
      description: "15% off movie tickets, up to ₹150",
      restrictions: { categories: ["MOVIE"] },
    },
    {
      code: "WEEKEND20",
      kind: "PERCENT",
      value: 2_000,
      maxDiscountMinor: 20_000,
      description: "20% off, up to ₹200 — this fortnight only",
      startsAt: at(-1),
      endsAt: at(14),
      maxUsesPerUser: 2,
    },
    { code: "FLAT100", kind: "FLAT", value: 10_000, minOrderMinor: 50_000, maxUsesTotal: 500, description: "₹100 off orders above ₹500" },
    { code: "MONSOON10", kind: "PERCENT", value: 1_000, description: "10% off in the monsoon sale (ended)", startsAt: at(-60), endsAt: at(-30) },
    { code: "DIWALI25", kind: "PERCENT", value: 2_500, maxDiscountMinor: 25_000, description: "25% off for Diwali (not live yet)", active: false },
  ];
}
