"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { cancelBookingAction } from "@/app/actions/checkout";

export function PrintButton() {
  return (
    <button type="button" onClick={() => window.print()} className="rounded-lg px-4 py-2 text-sm font-semibold ring-1 ring-slate-300 hover:bg-slate-50 print:hidden">
      Print / save as PDF
    </button>
  );
}

/** Cancel under the show's policy, after an explicit confirmation. */
export function CancelBookingButton({ bookingId, refundLabel, cutoffLabel }: { bookingId: string; refundLabel: string; cutoffLabel: string }) {
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  if (!asking) {
    return (
      <button type="button" onClick={() => setAsking(true)} className="rounded-lg px-4 py-2 text-sm font-semibold text-red-700 ring-1 ring-red-200 hover:bg-red-50 print:hidden">
        Cancel booking
      </button>
    );
  }
  return (
    <div role="group" aria-label="Confirm cancellation" className="w-full rounded-xl bg-red-50 p-4 text-sm text-red-900 ring-1 ring-red-200 print:hidden">
      <p className="font-semibold">Cancel this booking?</p>
      <p className="mt-1">
        You get {refundLabel} back to your original payment method. Cancellation is possible until {cutoffLabel}. Your ticket stops working at once.
      </p>
      {error ? (
        <p role="alert" className="mt-2 font-medium">
          {error}
        </p>
      ) : null}
      <div className="mt-3 flex gap-2">
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const r = await cancelBookingAction({ bookingId });
              if (!r.ok) return setError(r.message);
              setAsking(false);
              router.refresh();
            })
          }
          className="rounded-lg bg-red-600 px-4 py-2 font-semibold text-white hover:bg-red-700 disabled:opacity-60"
        >
          {pending ? "Cancelling…" : "Yes, cancel and refund"}
        </button>
        <button type="button" onClick={() => setAsking(false)} className="rounded-lg px-4 py-2 font-semibold ring-1 ring-red-200">
          Keep my booking
        </button>
      </div>
    </div>
  );
}
