"use client";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { payAction, paymentStatusAction, quoteAction } from "@/app/actions/checkout";
import { formatMoney } from "@/lib/format/money";
import { cancelPolicyText, type CancelPolicy } from "@/lib/booking/cancel-policy";
import { useCheckout } from "./checkout-state";
import { StripePayment } from "./stripe-payment";

type Method = "CARD" | "UPI" | "WALLET" | "SAVED";
export type SavedOption = { id: string; label: string };
export type TestValues = { card: Record<"succeeds" | "declined" | "delayed", string>; upi: Record<"succeeds" | "declined" | "delayed", string>; wallet: Record<"succeeds" | "declined" | "delayed", string> };

const newKey = () => `checkout-${crypto.randomUUID()}`;
const input = "w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-ink-900";

function Line({ label, value, strong, tone }: { label: string; value: string; strong?: boolean; tone?: "good" }) {
  return (
    <div className={`flex justify-between ${strong ? "text-base font-bold" : "text-sm"} ${tone === "good" ? "text-emerald-700" : ""}`}>
      <dt>{label}</dt>
      <dd className="tabular-nums">{value}</dd>
    </div>
  );
}

/**
 * Promo code, price lines and the payment form for a held booking; waits for confirmation. A
 * failed payment leaves the form as it was typed, with the reason beside it, ready to try again.
 */
export function PaymentPanel({
  bookingId,
  policy,
  timeZone,
  saved,
  testValues,
  stripeKey,
}: {
  bookingId: string;
  /** The show's cancellation policy (lib/booking/cancel-policy.ts), stated above Pay. */
  policy: CancelPolicy;
  /** The venue's, for the cancellation cutoff. */
  timeZone: string;
  saved: SavedOption[];
  testValues: TestValues | null;
  /** Set when payments go through Stripe: card/UPI/wallet details are taken by Stripe's Payment Element. */
  stripeKey: string | null;
}) {
  const router = useRouter();
  const ids = useId();
  const { quote, setQuote } = useCheckout();
  const [code, setCode] = useState("");
  const [promoNote, setPromoNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [method, setMethod] = useState<Method>(saved.length ? "SAVED" : "CARD");
  const [error, setError] = useState<string | null>(null);
  const [waiting, setWaiting] = useState<string | null>(null); // payment id being confirmed
  const [stripeIntent, setStripeIntent] = useState<{ paymentId: string; clientSecret: string } | null>(null);
  const [pending, start] = useTransition();
  const [applying, startApply] = useTransition();
  const key = useRef<string>("");
  const money = (m: number) => formatMoney(m, quote.currency);
  const appliedCode = quote.promo?.applied ? quote.promo.code : undefined;

  useEffect(() => {
    key.current = newKey();
  }, []);

  // While a payment is confirming, ask once a second how it stands.
  useEffect(() => {
    if (!waiting) return;
    let stop = false;
    const tick = async () => {
      const r = await paymentStatusAction({ paymentId: waiting }).catch(() => null);
      if (stop || !r) return;
      if (!r.ok) return setError(r.message);
      const p = r.data;
      if (p.bookingStatus === "CONFIRMED") return router.push(`/account/bookings/${bookingId}?confirmed=1`);
      if (p.status === "FAILED") {
        key.current = newKey();
        setWaiting(null);
        setError(p.failureMessage ?? "The payment failed. Try again or use another method.");
      } else if (p.status === "REFUNDED" || p.bookingStatus === "FAILED") {
        setWaiting(null);
        setError("Your hold ended before the payment completed, so it was refunded. Pick your seats again.");
      }
    };
    const timer = setInterval(tick, 1000);
    void tick();
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [waiting, bookingId, router]);

  function applyPromo(next: string) {
    startApply(async () => {
      const r = await quoteAction({ bookingId, promoCode: next || undefined });
      if (!r.ok) return setPromoNote({ ok: false, text: r.message });
      setQuote(r.data);
      const p = r.data.promo;
      setPromoNote(p ? (p.applied ? { ok: true, text: `${p.code} applied: ${p.description || "discount added"}` } : { ok: false, text: p.message }) : null);
    });
  }

  function pay(form: FormData) {
    if (pending || waiting) return;
    setError(null);
    const get = (k: string) => String(form.get(k) ?? "").trim();
    const payment: Record<string, unknown> = { bookingId, method, promoCode: appliedCode };
    if (stripeKey && method !== "SAVED") {
      payment.method = "CARD"; // Stripe's Payment Element collects the details, whatever the method
    } else if (method === "CARD") {
      const [mm, yy] = get("expiry").split("/").map((s) => s.trim());
      payment.card = { number: get("cardNumber"), expMonth: mm ?? "", expYear: yy ?? "", cvc: get("cvc"), name: get("cardName") || undefined };
      payment.savePaymentMethod = form.get("save") === "on";
    } else if (method === "UPI") payment.upi = { vpa: get("vpa") };
    else if (method === "WALLET") payment.wallet = { provider: get("wallet"), phone: get("walletPhone") };
    else payment.savedMethodId = get("savedMethodId");
    start(async () => {
      const r = await payAction({ idempotencyKey: key.current, payment }).catch(() => null);
      // A lost answer keeps the key: pressing Pay again is the same request, never a second charge.
      if (!r) return setError("We could not reach Marquee. Check your connection and press Pay again — you will not be charged twice.");
      if (!r.ok) {
        if (r.code !== "INVALID_STATE") key.current = newKey();
        const field = r.fieldErrors ? Object.values(r.fieldErrors)[0]?.[0] : undefined;
        return setError(field ? `${r.message} (${field})` : r.message);
      }
      if (r.data.status === "FAILED") {
        key.current = newKey();
        return setError(r.data.failureMessage ?? "The payment failed.");
      }
      if (r.data.clientSecret && stripeKey) return setStripeIntent({ paymentId: r.data.id, clientSecret: r.data.clientSecret });
      setWaiting(r.data.id);
    });
  }

  const tab = (m: Method, label: string) => (
    <label className={`cursor-pointer rounded-lg px-3 py-2 text-sm font-medium ring-1 ${method === m ? "bg-ink-900 text-white ring-ink-900" : "bg-white text-ink-800 ring-slate-300 hover:bg-slate-50"}`}>
      <input type="radio" name="method" value={m} checked={method === m} onChange={() => setMethod(m)} className="sr-only" />
      {label}
    </label>
  );

  const stripeStep = stripeIntent && stripeKey && !waiting;
  const policyText = cancelPolicyText(policy, { timeZone, refundMinor: quote.totalMinor, currency: quote.currency });

  return (
    <div className="space-y-4">
      {stripeStep ? (
        <section className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-black/5" aria-label="Pay with Stripe">
          <StripePayment
            publishableKey={stripeKey}
            clientSecret={stripeIntent.clientSecret}
            returnUrl={`${window.location.origin}/account/bookings/${bookingId}?confirmed=1`}
            onPaid={() => setWaiting(stripeIntent.paymentId)}
          />
        </section>
      ) : null}
      {waiting ? (
        <div role="status" className="flex items-center gap-3 rounded-xl bg-white p-5 shadow-sm ring-1 ring-black/5">
          <span aria-hidden="true" className="size-5 animate-spin rounded-full border-2 border-brand-500 border-t-transparent" />
          <div>
            <p className="font-semibold">Confirming your payment…</p>
            <p className="text-sm text-slate-600">Keep this page open; your e-ticket appears here in a moment.</p>
          </div>
        </div>
      ) : null}
      {/* Hidden, not unmounted, while a payment is under way: if it fails, what was typed is still there. */}
      <div className="space-y-4" hidden={Boolean(waiting || stripeStep)}>
        <section aria-labelledby={`${ids}-promo`} className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-black/5">
          <h2 id={`${ids}-promo`} className="text-lg font-semibold">
            Promo code
          </h2>
          <form
            className="mt-2 flex gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              applyPromo(code);
            }}
          >
            <label htmlFor={`${ids}-code`} className="sr-only">
              Promo code
            </label>
            <input id={`${ids}-code`} value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} placeholder="e.g. MOVIEBUFF" autoComplete="off" maxLength={40} className={`${input} uppercase`} />
            <button type="submit" disabled={applying || !code.trim()} className="rounded-lg px-4 py-2 font-semibold text-brand-700 ring-1 ring-brand-200 hover:bg-brand-50 disabled:opacity-50">
              {applying ? "Checking…" : "Apply"}
            </button>
            {appliedCode ? (
              <button
                type="button"
                onClick={() => {
                  setCode("");
                  applyPromo("");
                }}
                className="px-2 text-sm text-slate-600 underline"
              >
                Remove
              </button>
            ) : null}
          </form>
          {promoNote ? (
            <p role={promoNote.ok ? "status" : "alert"} className={`mt-2 text-sm ${promoNote.ok ? "text-emerald-700" : "text-red-700"}`}>
              {promoNote.text}
            </p>
          ) : null}
          <dl className="mt-4 space-y-1 border-t border-slate-100 pt-3" aria-label="Price">
            <Line label={`Tickets (${quote.seatCount})`} value={money(quote.subtotalMinor)} />
            {quote.discountMinor > 0 ? <Line label={`Discount (${appliedCode})`} value={`− ${money(quote.discountMinor)}`} tone="good" /> : null}
            <Line label="Convenience fee" value={money(quote.feesMinor)} />
            <Line label="GST on fee (18%)" value={money(quote.taxMinor)} />
            <Line label="Total" value={money(quote.totalMinor)} strong />
          </dl>
        </section>

        {/* onSubmit, not a form action: React resets a form after its action, which would empty the card fields on a decline. */}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            pay(new FormData(e.currentTarget));
          }}
          className="space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-black/5"
          aria-labelledby={`${ids}-pay`}
        >
          <h2 id={`${ids}-pay`} className="text-lg font-semibold">
            Pay
          </h2>
          <fieldset>
            <legend className="sr-only">Payment method</legend>
            <div className="flex flex-wrap gap-2">
              {saved.length ? tab("SAVED", "Saved") : null}
              {stripeKey ? tab("CARD", "Card, UPI or wallet") : null}
              {stripeKey ? null : tab("CARD", "Card")}
              {stripeKey ? null : tab("UPI", "UPI")}
              {stripeKey ? null : tab("WALLET", "Wallet")}
            </div>
          </fieldset>

          {method === "SAVED" ? (
            <fieldset className="space-y-2">
              <legend className="text-sm font-semibold">Your saved methods</legend>
              {saved.map((s, i) => (
                <label key={s.id} className="flex items-center gap-2 text-sm">
                  <input type="radio" name="savedMethodId" value={s.id} defaultChecked={i === 0} /> {s.label}
                </label>
              ))}
            </fieldset>
          ) : null}
          {method === "CARD" && stripeKey ? <p className="text-sm text-slate-600">You enter your card, UPI or wallet on Stripe&apos;s secure form next.</p> : null}
          {method === "CARD" && !stripeKey ? (
            <div className="grid gap-3 sm:grid-cols-4">
              <div className="sm:col-span-4">
                <label htmlFor={`${ids}-num`} className="mb-1 block text-sm font-semibold">
                  Card number
                </label>
                <input id={`${ids}-num`} name="cardNumber" aria-invalid={error ? true : undefined} aria-describedby={error ? `${ids}-error` : undefined} inputMode="numeric" autoComplete="cc-number" placeholder="1234 5678 9012 3456" required className={input} />
              </div>
              <div className="sm:col-span-2">
                <label htmlFor={`${ids}-exp`} className="mb-1 block text-sm font-semibold">
                  Expiry (MM/YY)
                </label>
                <input id={`${ids}-exp`} name="expiry" inputMode="numeric" autoComplete="cc-exp" placeholder="MM/YY" pattern="\d{1,2}\s*/\s*\d{2,4}" required className={input} />
              </div>
              <div className="sm:col-span-2">
                <label htmlFor={`${ids}-cvc`} className="mb-1 block text-sm font-semibold">
                  CVC
                </label>
                <input id={`${ids}-cvc`} name="cvc" inputMode="numeric" autoComplete="cc-csc" placeholder="123" pattern="\d{3,4}" required className={input} />
              </div>
              <div className="sm:col-span-4">
                <label htmlFor={`${ids}-name`} className="mb-1 block text-sm font-semibold">
                  Name on card
                </label>
                <input id={`${ids}-name`} name="cardName" autoComplete="cc-name" className={input} />
              </div>
              <label className="flex items-center gap-2 text-sm sm:col-span-4">
                <input type="checkbox" name="save" /> Save this card for next time (we keep only the brand and last four digits)
              </label>
            </div>
          ) : null}
          {method === "UPI" && !stripeKey ? (
            <div>
              <label htmlFor={`${ids}-vpa`} className="mb-1 block text-sm font-semibold">
                UPI ID
              </label>
              <input id={`${ids}-vpa`} name="vpa" aria-invalid={error ? true : undefined} aria-describedby={error ? `${ids}-error` : undefined} placeholder="name@bank" autoComplete="off" required className={input} />
            </div>
          ) : null}
          {method === "WALLET" && !stripeKey ? (
            <div className="grid gap-3 sm:grid-cols-2">
              <div>
                <label htmlFor={`${ids}-wallet`} className="mb-1 block text-sm font-semibold">
                  Wallet
                </label>
                <select id={`${ids}-wallet`} name="wallet" className={input}>
                  <option value="paytm">Paytm</option>
                  <option value="phonepe">PhonePe</option>
                  <option value="amazonpay">Amazon Pay</option>
                </select>
              </div>
              <div>
                <label htmlFor={`${ids}-phone`} className="mb-1 block text-sm font-semibold">
                  Wallet mobile number
                </label>
                <input id={`${ids}-phone`} name="walletPhone" aria-invalid={error ? true : undefined} aria-describedby={error ? `${ids}-error` : undefined} inputMode="tel" autoComplete="tel" required className={input} />
              </div>
            </div>
          ) : null}

          {error ? (
            <p id={`${ids}-error`} role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200">
              {error}
            </p>
          ) : null}
          <p
            data-testid="cancel-policy"
            className={`flex gap-2 rounded-lg px-3 py-2 text-sm ring-1 ${policy.cancellable ? "bg-emerald-50 text-emerald-900 ring-emerald-200" : "bg-amber-50 text-amber-900 ring-amber-200"}`}
          >
            <span aria-hidden="true">{policy.cancellable ? "↺" : "!"}</span>
            <span>{policyText}</span>
          </p>
          <button type="submit" disabled={pending} className="w-full rounded-lg bg-brand-500 px-4 py-3 text-lg font-bold text-white hover:bg-brand-600 disabled:opacity-60">
            {pending ? "Paying…" : `Pay ${money(quote.totalMinor)}`}
          </button>
          {testValues ? (
            <details className="rounded-lg bg-slate-50 p-3 text-xs text-slate-600 ring-1 ring-slate-200">
              <summary className="cursor-pointer font-semibold">Demo payment gateway: test values</summary>
              <p className="mt-2">No real money moves. Any future expiry and any CVC work.</p>
              <ul className="mt-1 list-disc space-y-0.5 pl-5">
                <li>Card {testValues.card.succeeds} succeeds; {testValues.card.declined} is declined; {testValues.card.delayed} succeeds after a few seconds.</li>
                <li>UPI {testValues.upi.succeeds} succeeds; {testValues.upi.declined} is declined; {testValues.upi.delayed} is delayed.</li>
                <li>Wallet number {testValues.wallet.succeeds} succeeds; {testValues.wallet.declined} is declined; {testValues.wallet.delayed} is delayed.</li>
              </ul>
            </details>
          ) : null}
        </form>
      </div>
    </div>
  );
}
