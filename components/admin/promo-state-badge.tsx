import { PROMO_STATE_STYLE, type PromoState } from "@/lib/admin/promo-state";

export function PromoStateBadge({ state }: { state: PromoState }) {
  return <span className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${PROMO_STATE_STYLE[state]}`}>{state}</span>;
}
