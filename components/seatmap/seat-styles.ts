import type { CSSProperties } from "react";
import type { SeatType } from "@/lib/seating/types";

/** How one seat looks to the viewer: status codes, plus their own selection. */
export type SeatView = "available" | "selected" | "held" | "booked" | "blocked";

export const SEAT_TYPES: readonly SeatType[] = ["REGULAR", "PREMIUM", "VIP", "RECLINER", "ACCESSIBLE", "COMPANION"];

export const SEAT_TYPE_LABEL: Record<SeatType, string> = {
  REGULAR: "Regular",
  PREMIUM: "Premium",
  VIP: "VIP",
  RECLINER: "Recliner",
  ACCESSIBLE: "Wheelchair space",
  COMPANION: "Companion seat",
};

/** What a seat's type means, said after its name; the legend and aria labels use the same words. */
export const SEAT_TYPE_DESCRIPTION: Record<SeatType, string> = {
  REGULAR: "Regular",
  PREMIUM: "Premium",
  VIP: "VIP",
  RECLINER: "Recliner",
  ACCESSIBLE: "wheelchair space",
  COMPANION: "companion seat, sold with the wheelchair space beside it",
};

/** Said after a seat's name: "Row F seat 12, Premium, ₹350, held by someone else". */
export const SEAT_VIEW_LABEL: Record<SeatView, string> = {
  available: "available",
  selected: "selected",
  held: "held by someone else",
  booked: "booked",
  blocked: "blocked",
};

// Available seats are outlined in their type's colour; the viewer's own are solid brand red.
const TYPE_CLASS: Record<SeatType, string> = {
  REGULAR: "border-slate-500 bg-white text-slate-700 hover:bg-slate-100",
  PREMIUM: "border-sky-600 bg-sky-50 text-sky-800 hover:bg-sky-100",
  VIP: "border-amber-500 bg-amber-50 text-amber-800 hover:bg-amber-100",
  RECLINER: "border-violet-600 bg-violet-50 text-violet-800 hover:bg-violet-100",
  ACCESSIBLE: "border-emerald-600 bg-emerald-50 text-emerald-800 hover:bg-emerald-100",
  // Dotted, in the wheelchair spaces' colour: it belongs with them, and differs by more than hue.
  COMPANION: "border-dotted border-emerald-700 bg-white text-emerald-800 hover:bg-emerald-50",
};

const VIEW_CLASS: Record<Exclude<SeatView, "available">, string> = {
  selected: "border-brand-700 bg-brand-500 font-semibold text-white",
  held: "border-slate-400 bg-slate-100 text-slate-400",
  booked: "border-slate-300 bg-slate-200 text-slate-400",
  blocked: "border-dashed border-slate-300 bg-white text-slate-300",
};

export function seatClass(view: SeatView, type: SeatType): string {
  return view === "available" ? TYPE_CLASS[type] : VIEW_CLASS[view];
}

// Unavailable seats also differ in shape, for anyone who cannot tell the colours apart:
// held seats are striped, booked seats crossed out, blocked seats struck through once.
const line = (angle: number) =>
  `linear-gradient(${angle}deg, transparent calc(50% - 1px), currentColor calc(50% - 1px), currentColor calc(50% + 1px), transparent calc(50% + 1px))`;

export const SEAT_PATTERN: Partial<Record<SeatView, CSSProperties>> = {
  held: { backgroundImage: "repeating-linear-gradient(45deg, currentColor 0 1.5px, transparent 1.5px 5px)" },
  booked: { backgroundImage: `${line(45)}, ${line(-45)}` },
  blocked: { backgroundImage: line(-45) },
};
