// Ticket prices in rupees, turned into paise per seat type for show_prices.
import type { Category } from "./data";
import type { SeatType, ZoneSeed } from "./layouts";
import type { Rng } from "./random";

export type Tiers = { REGULAR: number; PREMIUM: number; VIP: number; RECLINER: number };
export type ShowPrice = { seatType: SeatType; priceMinor: number };
export type ZonePrice = { zoneId: string; priceMinor: number };

const round10 = (rupees: number) => Math.round(rupees / 10) * 10;

/** Regular-seat price of a cinema before time-of-day, weekend and format adjustments. */
export const CINEMA_BASES = [180, 200, 220, 250, 280, 300, 320] as const;

const FORMAT_EXTRA: Record<string, number> = { "2D": 0, "3D": 60, "IMAX 2D": 200, "4DX": 300 };

export function cinemaTiers(base: number, time: string, weekend: boolean, format: string): Tiers {
  const slot = time >= "19:00" ? 40 : time < "12:00" ? -20 : 0;
  const regular = round10(Math.max(150, base + slot + (weekend ? 50 : 0)) + (FORMAT_EXTRA[format] ?? 0));
  return { REGULAR: regular, PREMIUM: regular + 80, RECLINER: round10(Math.max(450, regular * 2.2)), VIP: round10(regular * 3) };
}

// Live-event price points, from cheapest to dearest; headliners draw from the top half.
const LIVE: Record<Exclude<Category, "MOVIE">, { regular: number[]; premium: number[]; vip: number[] }> = {
  CONCERT: { regular: [999, 1499, 1999, 2499], premium: [2999, 3499, 3999, 4999], vip: [7500, 9999, 12500, 15000] },
  PLAY: { regular: [300, 400, 500, 600, 800], premium: [1000, 1200, 1500], vip: [2000, 2500, 3000] },
  COMEDY: { regular: [499, 599, 799, 999], premium: [1199, 1499, 1799], vip: [1999, 2499] },
  SPORTS: { regular: [500, 750, 1000, 1500], premium: [2500, 3500, 5000], vip: [10000, 15000, 25000] },
  EXHIBITION: { regular: [199, 299, 399, 499, 599, 799], premium: [999], vip: [1499] },
};

export function liveTiers(category: Exclude<Category, "MOVIE">, star: boolean, rng: Rng): Tiers {
  const points = LIVE[category];
  const draw = (list: number[]) => list[star ? rng.int(Math.floor(list.length / 2), list.length - 1) : rng.int(0, list.length - 1)] as number;
  const premium = draw(points.premium);
  return { REGULAR: draw(points.regular), PREMIUM: premium, VIP: draw(points.vip), RECLINER: premium };
}

/** One price per seat type present in the section; accessible seats cost the same as regular ones. */
export function showPrices(tiers: Tiers, seatTypes: readonly SeatType[]): ShowPrice[] {
  return seatTypes.map((seatType) => ({
    seatType,
    priceMinor: (seatType === "ACCESSIBLE" || seatType === "COMPANION" ? tiers.REGULAR : tiers[seatType]) * 100,
  }));
}

/** One price per general admission zone, at its tier's seat price. */
export function zonePrices(tiers: Tiers, zones: readonly (Pick<ZoneSeed, "tier"> & { id: string })[]): ZonePrice[] {
  return zones.map((z) => ({ zoneId: z.id, priceMinor: tiers[z.tier] * 100 }));
}
