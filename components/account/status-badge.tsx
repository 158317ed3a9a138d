const TONE: Record<string, string> = {
  CONFIRMED: "bg-emerald-100 text-emerald-800",
  PAYMENT_PENDING: "bg-amber-100 text-amber-800",
  CANCELLED: "bg-slate-200 text-slate-700",
  REFUNDED: "bg-sky-100 text-sky-800",
};

export function StatusBadge({ status }: { status: string }) {
  const label = status === "PAYMENT_PENDING" ? "Payment pending" : status.charAt(0) + status.slice(1).toLowerCase();
  return <span className={`rounded px-2 py-0.5 text-xs font-semibold ${TONE[status] ?? "bg-slate-100 text-slate-700"}`}>{label}</span>;
}
