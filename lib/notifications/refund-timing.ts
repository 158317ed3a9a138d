// When a refund reaches the payer, as the gateway that took the payment can promise it: wording
// for the emails, so it lives with them (lib/booking words its notices with it; booking must not
// import payments, see lib/architecture.test.ts). Pure, no imports.

/** Where the money goes back to, by the payment's method. */
const DESTINATION: Record<string, string> = {
  CARD: "your card",
  UPI: "the bank account behind your UPI ID",
  NET_BANKING: "your bank account",
  WALLET: "your wallet",
};

export type RefundTiming = { destination: string; arrives: string };

/**
 * The local gateway (demo and tests) settles a refund in the same call, with no bank behind it, so
 * it is there at once. Stripe sends the refund to the card network or bank at once, but the payer's
 * bank posts it in its own time: Stripe tells merchants to expect 5–10 business days.
 */
export function refundTiming(gateway: string, method: string): RefundTiming {
  const destination = DESTINATION[method] ?? "your original payment method";
  if (gateway === "local") return { destination, arrives: "Straight away — the refund is already complete" };
  return { destination, arrives: `Within 5–10 working days to ${destination}, depending on your bank` };
}
