import { formatMoney } from "@/lib/format/money";
import type { SalesTotals } from "@/lib/admin/sales";

/** Ticket revenue + fee + GST = gross, with refunds beside it (never in it). */
export function MoneySplit({ totals: t, className = "" }: { totals: Pick<SalesTotals, "currency" | "revenueMinor" | "feeMinor" | "gstMinor" | "grossMinor" | "refundedMinor" | "discountMinor">; className?: string }) {
  const m = (v: number) => formatMoney(v, t.currency);
  const item = (label: string, value: string, strong = false, testId?: string) => (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className={`tabular-nums ${strong ? "text-xl font-bold" : "text-lg"}`} data-testid={testId}>{value}</dd>
    </div>
  );
  return (
    <dl className={`grid grid-cols-2 gap-x-4 gap-y-2 sm:grid-cols-3 lg:grid-cols-6 ${className}`}>
      {item("Ticket revenue", m(t.revenueMinor), true, "total-revenue")}
      {item("+ Booking fee", m(t.feeMinor), false, "total-fee")}
      {item("+ GST on the fee", m(t.gstMinor), false, "total-gst")}
      {item("= Gross paid", m(t.grossMinor), false, "total-gross")}
      {item("Refunds", m(t.refundedMinor), false, "total-refunds")}
      {item("Discounts given", m(t.discountMinor))}
    </dl>
  );
}
