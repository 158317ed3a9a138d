// Seat prices per show: STATIC (the show's price per seat type) or DYNAMIC (that price moved by
// demand and time to the show, within bounds staff set). The price is fixed when seats are held:
// the hold's price is the price charged.
import { z } from "zod";

export const dynamicConfigSchema = z
  .object({
    /** Lowest and highest multiple of the base price (e.g. 0.9 and 1.5). */
    minFactor: z.number().min(0.1).max(1).default(0.9),
    maxFactor: z.number().min(1).max(5).default(1.5),
    /** How much a full house raises the price over a half-full one (0.4: +20% at 100%). */
    demandWeight: z.number().min(0).max(2).default(0.4),
    /** Extra multiple in the last `urgencyHours` before the show, growing to this at the start. */
    urgencyBoost: z.number().min(0).max(1).default(0.1),
    urgencyHours: z.number().min(1).max(168).default(24),
  })
  .refine((c) => c.minFactor <= c.maxFactor, { message: "minFactor must not exceed maxFactor" });

export type DynamicConfig = z.output<typeof dynamicConfigSchema>;

export type PricedShow = { pricingStrategy: "STATIC" | "DYNAMIC"; pricingConfig: unknown; startsAt: Date };

/**
 * The multiple applied to base prices right now: 1 for static pricing; for dynamic pricing
 * 1 + demand (occupancy above or below half) + urgency (the last hours), clamped to the bounds.
 */
export function priceFactor(show: PricedShow, occupancy: number, now = new Date()): number {
  if (show.pricingStrategy !== "DYNAMIC") return 1;
  const parsed = dynamicConfigSchema.safeParse(show.pricingConfig ?? {});
  const c = parsed.success ? parsed.data : dynamicConfigSchema.parse({});
  const demand = c.demandWeight * (Math.min(1, Math.max(0, occupancy)) - 0.5);
  const hoursLeft = (show.startsAt.getTime() - now.getTime()) / 3_600_000;
  const urgency = hoursLeft < c.urgencyHours ? c.urgencyBoost * (1 - Math.max(0, hoursLeft) / c.urgencyHours) : 0;
  return Math.min(c.maxFactor, Math.max(c.minFactor, 1 + demand + urgency));
}

/** A base price moved by `factor`, to whole rupees (minor units stay integers). */
export function applyFactor(baseMinor: number, factor: number): number {
  if (factor === 1) return baseMinor;
  return Math.round((baseMinor * factor) / 100) * 100;
}
