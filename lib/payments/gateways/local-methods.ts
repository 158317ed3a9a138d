// What a payer gives the local gateway, and the documented test values that decide the outcome.
// The card number and CVC are used here and dropped: only brand, last four and expiry are kept.
import { z } from "zod";

export const TEST_VALUES = {
  card: { succeeds: "4242 4242 4242 4242", declined: "4000 0000 0000 0002", delayed: "4000 0000 0000 3220" },
  upi: { succeeds: "success@marquee", declined: "failure@marquee", delayed: "delayed@marquee" },
  wallet: { succeeds: "9999900001", declined: "9999900002", delayed: "9999903220" },
} as const;

/** How long a "delayed" payment stays pending before it succeeds. */
export const DELAYED_SETTLE_MS = 4_000;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export const cardSchema = z
  .object({
    number: z
      .string()
      .transform((v) => v.replace(/[\s-]/g, ""))
      .refine((v) => /^\d{12,19}$/.test(v) && luhn(v), "Enter a valid card number"),
    expMonth: z.coerce.number().int().min(1, "Month 1–12").max(12, "Month 1–12"),
    expYear: z.coerce
      .number()
      .int()
      .transform((y) => (y < 100 ? 2000 + y : y))
      .refine((y) => y >= 2000 && y <= 2100, "Enter the expiry year"),
    cvc: z.string().regex(/^\d{3,4}$/, "3 or 4 digits"),
    name: z.string().trim().max(100).optional(),
  })
  .refine((c) => new Date(c.expYear, c.expMonth) > new Date(), { message: "This card has expired", path: ["expMonth"] });

export const upiSchema = z.object({ vpa: z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{2,64}@[a-z][a-z0-9.-]{1,63}$/, "Enter a UPI ID like name@bank") });
export const walletSchema = z.object({
  provider: z.enum(["paytm", "phonepe", "amazonpay"]),
  phone: z
    .string()
    .transform((v) => v.replace(/\D/g, "").slice(-10))
    .refine((v) => /^[6-9]\d{9}$/.test(v), "Enter the wallet's 10-digit mobile number"),
});

export type LocalOutcome = "succeeded" | "declined" | "delayed";

export function cardBrand(number: string): string {
  if (/^4/.test(number)) return "visa";
  if (/^(5[1-5]|2[2-7])/.test(number)) return "mastercard";
  if (/^3[47]/.test(number)) return "amex";
  if (/^(60|65|81|82|508)/.test(number)) return "rupay";
  return "card";
}

/** A method as the gateway keeps it: nothing secret. */
export type StoredMethod = { kind: "CARD" | "UPI" | "WALLET"; brand: string; last4?: string; expMonth?: number; expYear?: number; outcome: LocalOutcome };

export function describeCard(card: z.output<typeof cardSchema>): StoredMethod {
  const digits = card.number;
  const outcome: LocalOutcome =
    digits === TEST_VALUES.card.declined.replace(/\s/g, "") ? "declined" : digits === TEST_VALUES.card.delayed.replace(/\s/g, "") ? "delayed" : "succeeded";
  return { kind: "CARD", brand: cardBrand(digits), last4: digits.slice(-4), expMonth: card.expMonth, expYear: card.expYear, outcome };
}

export function describeUpi(upi: z.output<typeof upiSchema>): StoredMethod {
  const outcome: LocalOutcome = upi.vpa === TEST_VALUES.upi.declined ? "declined" : upi.vpa === TEST_VALUES.upi.delayed ? "delayed" : "succeeded";
  return { kind: "UPI", brand: upi.vpa, outcome };
}

export function describeWallet(w: z.output<typeof walletSchema>): StoredMethod {
  const outcome: LocalOutcome = w.phone === TEST_VALUES.wallet.declined ? "declined" : w.phone === TEST_VALUES.wallet.delayed ? "delayed" : "succeeded";
  return { kind: "WALLET", brand: w.provider, last4: w.phone.slice(-4), outcome };
}
