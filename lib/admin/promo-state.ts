// What a promo code is doing now, in the words staff look for. Order matters: a code past its end
// is "ended" even if paused or used up; one used up cannot be resumed into use; a paused code says
// so before its start date does.
export type PromoState = "ended" | "used up" | "paused" | "scheduled" | "active";

export function promoState(
  p: { active: boolean; startsAt: Date | string | null; endsAt: Date | string | null; maxUsesTotal: number | null; usesTotal: number },
  now = new Date(),
): PromoState {
  if (p.endsAt && now >= new Date(p.endsAt)) return "ended";
  if (p.maxUsesTotal !== null && p.usesTotal >= p.maxUsesTotal) return "used up";
  if (!p.active) return "paused";
  if (p.startsAt && now < new Date(p.startsAt)) return "scheduled";
  return "active";
}

export const PROMO_STATE_STYLE: Record<PromoState, string> = {
  active: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  scheduled: "bg-sky-50 text-sky-800 ring-sky-200",
  paused: "bg-amber-50 text-amber-900 ring-amber-200",
  "used up": "bg-slate-100 text-slate-700 ring-slate-300",
  ended: "bg-slate-100 text-slate-700 ring-slate-300",
};
