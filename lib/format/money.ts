const formatters = new Map<string, Intl.NumberFormat>();

/** Minor units → "₹1,250" (no decimals when whole) or "₹1,250.50". */
export function formatMoney(minor: number, currency = "INR"): string {
  const whole = minor % 100 === 0;
  const key = `${currency}:${whole}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat("en-IN", {
      style: "currency",
      currency,
      minimumFractionDigits: whole ? 0 : 2,
      maximumFractionDigits: 2,
    });
    formatters.set(key, f);
  }
  return f.format(minor / 100);
}
