"use client";
import { formatMoney } from "@/lib/format/money";
import { useCheckout } from "./checkout-state";
import { HoldCountdown } from "./hold-countdown";

/** The total as it stands (a promo code changes it), wherever the summary shows it. */
export function QuoteTotal() {
  const { quote } = useCheckout();
  return <>{formatMoney(quote.totalMinor, quote.currency)}</>;
}

/**
 * On a phone, what is being bought and the time left stay in view while paying: a slim bar stuck
 * to the top of the screen over the payment form. Desktop has the whole summary beside the form.
 */
export function OrderBar({ title, detail }: { title: string; detail: string }) {
  return (
    <section
      aria-label="Your order"
      data-testid="order-bar"
      className="sticky top-0 z-30 -mx-4 space-y-1.5 border-b border-slate-200 bg-white/95 px-4 py-2 shadow-sm backdrop-blur md:hidden"
    >
      <div className="flex items-center justify-between gap-3">
        <div className="min-w-0">
          <p className="truncate font-semibold">{title}</p>
          <p className="truncate text-xs text-slate-600">{detail}</p>
        </div>
        <p className="shrink-0 text-right font-bold tabular-nums">
          <span className="sr-only">Total </span>
          <QuoteTotal />
        </p>
      </div>
      <HoldCountdown compact />
    </section>
  );
}
