"use client";
import { useCheckout } from "./checkout-state";

/**
 * The hold's countdown: a card in the desktop summary, or `compact` in the phone's sticky bar.
 * Warns in the last minute; at zero tells the user their seats were released (CheckoutProvider
 * takes them back to the seat map, with their seats preselected to try again).
 */
export function HoldCountdown({ compact = false }: { compact?: boolean }) {
  const { left, backHref } = useCheckout();
  if (left === 0) {
    return (
      <div role="alert" className={`rounded-xl bg-red-50 text-red-800 ring-1 ring-red-200 ${compact ? "px-3 py-2 text-sm" : "p-4"}`}>
        <p className="font-semibold">Time&apos;s up — your seats were released.</p>
        <p className={compact ? "" : "mt-1 text-sm"}>
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
  const clock = (
    <p role="timer" suppressHydrationWarning className={`font-mono font-bold tabular-nums ${compact ? "text-lg" : "text-2xl"}`} aria-label={`${mm} minutes ${ss} seconds left`} data-testid="hold-timer">
      {/* The server's second and the browser's differ: the first tick corrects it, so no hydration warning. */}
      <span aria-hidden="true" suppressHydrationWarning>
        {mm}:{ss}
      </span>
    </p>
  );
  const tone = urgent ? "bg-amber-50 text-amber-900 ring-amber-300" : "bg-slate-100 text-ink-800 ring-slate-200";
  return (
    <div className={`flex items-center justify-between gap-3 rounded-xl ring-1 ${tone} ${compact ? "px-3 py-1.5" : "p-4"}`}>
      <p className="text-sm">{urgent ? "Hurry — your seats are about to be released." : compact ? "Seats held" : "Your seats are held for you."}</p>
      {clock}
      {/* Screen readers hear the time at each whole minute and in the last ten seconds, not every tick. */}
      <span className="sr-only" aria-live="polite">
        {left % 60 === 0 || left <= 10 ? `${mm} minutes ${ss} seconds left to pay` : ""}
      </span>
    </div>
  );
}
