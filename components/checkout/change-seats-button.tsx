"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { releaseHoldAction } from "@/app/actions/seating";

/** Lets the hold go and returns to the seat map with the same seats preselected. */
export function ChangeSeatsButton({ bookingId, backHref, label = "Change seats" }: { bookingId: string; backHref: string; label?: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await releaseHoldAction({ bookingId });
            if (result.ok || result.code === "INVALID_STATE") router.push(backHref);
            else setError(result.message);
          })
        }
        className="rounded-lg px-4 py-2 font-medium text-brand-700 ring-1 ring-brand-200 hover:bg-brand-50 disabled:opacity-60"
      >
        {pending ? "Releasing…" : label}
      </button>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </>
  );
}
