"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

function remaining(expiresAt: number) {
  return Math.max(0, Math.ceil((expiresAt - Date.now()) / 1000));
}

/**
 * The hold's countdown. Warns in the last minute; at zero tells the user their seats were
 * released and takes them back to the seat map (with their seats preselected to try again).
 */
export function HoldCountdown({ expiresAt, backHref }: { expiresAt: string; backHref: string }) {
  const router = useRouter();
  const end = new Date(expiresAt).getTime();
  const [left, setLeft] = useState(() => remaining(end));

  useEffect(() => {
    const timer = setInterval(() => setLeft(remaining(end)), 250);
    return () => clearInterval(timer);
  }, [end]);

  useEffect(() => {
    if (left > 0) return;
    const back = setTimeout(() => router.push(backHref), 4000);
    return () => clearTimeout(back);
  }, [left, backHref, router]);

  if (left === 0) {
    return (
      <div role="alert" className="rounded-xl bg-red-50 p-4 text-red-800 ring-1 ring-red-200">
        <p className="font-semibold">Time&apos;s up — your seats were released.</p>
        <p className="mt-1 text-sm">
          Taking you back to the seat map…{" "}
          <a href={backHref} className="font-medium underline">
            Go now
          </a>
        </p>
      </div>
    );
  }
  const mm = Math.floor(left / 60);
  const ss = String(left % 60).padStart(2, "0");
  const urgent = left <= 60;
  return (
    <div className={`flex items-center justify-between rounded-xl p-4 ring-1 ${urgent ? "bg-amber-50 text-amber-900 ring-amber-300" : "bg-slate-100 text-ink-800 ring-slate-200"}`}>
      <p className="text-sm">{urgent ? "Hurry — your seats are about to be released." : "Your seats are held for you."}</p>
      <p className="font-mono text-2xl font-bold tabular-nums" aria-label={`${mm} minutes ${ss} seconds left`}>
        <span aria-hidden="true">
          {mm}:{ss}
        </span>
      </p>
      {/* Screen readers hear the time at each whole minute and in the last ten seconds, not every tick. */}
      <span className="sr-only" aria-live="polite">
        {left % 60 === 0 || left <= 10 ? `${mm} minutes ${ss} seconds left to pay` : ""}
      </span>
    </div>
  );
}
