"use client";
import { useRouter } from "next/navigation";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import type { Quote } from "@/lib/booking/quote";

type CheckoutState = {
  quote: Quote;
  setQuote: (q: Quote) => void;
  /** Seconds left on the hold (0 once it has lapsed). */
  left: number;
  backHref: string;
};

const Ctx = createContext<CheckoutState | null>(null);

function remaining(expiresAt: number) {
  return Math.max(0, Math.ceil((expiresAt - Date.now()) / 1000));
}

/**
 * What more than one part of checkout shows at once: the quote (a promo code changes the total in
 * the sticky summary and on the Pay button alike) and the hold's countdown. One clock, so the
 * phone's sticky bar and the desktop summary never disagree and the way back at zero fires once.
 */
export function CheckoutProvider({ initialQuote, expiresAt, backHref, children }: { initialQuote: Quote; expiresAt: string; backHref: string; children: ReactNode }) {
  const router = useRouter();
  const end = new Date(expiresAt).getTime();
  const [quote, setQuote] = useState(initialQuote);
  const [left, setLeft] = useState(() => remaining(end));

  useEffect(() => {
    const timer = setInterval(() => setLeft(remaining(end)), 250);
    return () => clearInterval(timer);
  }, [end]);

  // At zero the seats are gone: back to the seat map (with them preselected to try again).
  useEffect(() => {
    if (left > 0) return;
    const back = setTimeout(() => router.push(backHref), 4000);
    return () => clearTimeout(back);
  }, [left, backHref, router]);

  return <Ctx.Provider value={{ quote, setQuote, left, backHref }}>{children}</Ctx.Provider>;
}

export function useCheckout(): CheckoutState {
  const c = useContext(Ctx);
  if (!c) throw new Error("useCheckout outside CheckoutProvider");
  return c;
}
