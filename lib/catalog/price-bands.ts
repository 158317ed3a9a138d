/** Price filter presets shown to people; the URL and API carry minor units. */
export const PRICE_BANDS = [
  { id: "under-300", label: "Under ₹300", maxPrice: 30000 },
  { id: "300-1000", label: "₹300 – ₹1,000", minPrice: 30000, maxPrice: 100000 },
  { id: "1000-3000", label: "₹1,000 – ₹3,000", minPrice: 100000, maxPrice: 300000 },
  { id: "above-3000", label: "Above ₹3,000", minPrice: 300000 },
] as const satisfies { id: string; label: string; minPrice?: number; maxPrice?: number }[];

export function priceBandOf(minPrice?: number, maxPrice?: number): string | undefined {
  return PRICE_BANDS.find((b) => ("minPrice" in b ? b.minPrice : undefined) === minPrice && ("maxPrice" in b ? b.maxPrice : undefined) === maxPrice)?.id;
}
