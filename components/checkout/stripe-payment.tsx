"use client";
import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
import { loadStripe, type Stripe } from "@stripe/stripe-js";
import { useState } from "react";

const stripes = new Map<string, Promise<Stripe | null>>();

function Form({ returnUrl, onPaid }: { returnUrl: string; onPaid: () => void }) {
  const stripe = useStripe();
  const elements = useElements();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!stripe || !elements) return;
        setBusy(true);
        setError(null);
        // Cards confirm in place; methods that need a redirect (some wallets, 3-D Secure) come back to returnUrl.
        const { error: failed } = await stripe.confirmPayment({ elements, confirmParams: { return_url: returnUrl }, redirect: "if_required" });
        setBusy(false);
        if (failed) setError(failed.message ?? "The payment failed.");
        else onPaid();
      }}
    >
      <PaymentElement options={{ layout: "tabs" }} />
      {error ? (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={!stripe || busy} className="w-full rounded-lg bg-brand-500 px-4 py-3 text-lg font-bold text-white hover:bg-brand-600 disabled:opacity-60">
        {busy ? "Paying…" : "Pay now"}
      </button>
    </form>
  );
}

/** Stripe's Payment Element (cards, wallets and what else Stripe offers) for one PaymentIntent. */
export function StripePayment({ publishableKey, clientSecret, returnUrl, onPaid }: { publishableKey: string; clientSecret: string; returnUrl: string; onPaid: () => void }) {
  let stripe = stripes.get(publishableKey);
  if (!stripe) {
    stripe = loadStripe(publishableKey);
    stripes.set(publishableKey, stripe);
  }
  return (
    <Elements stripe={stripe} options={{ clientSecret, appearance: { theme: "stripe", variables: { colorPrimary: "#d41f44" } } }}>
      <Form returnUrl={returnUrl} onPaid={onPaid} />
    </Elements>
  );
}
