// Endpoint and delivery states as badges and one-line results, shared by the list and the log.
import { venueTime } from "@/lib/admin/time";

const STYLE: Record<string, string> = {
  active: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  disabled: "bg-slate-100 text-slate-700 ring-slate-300",
  succeeded: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  pending: "bg-amber-50 text-amber-900 ring-amber-200",
  failed: "bg-red-50 text-red-800 ring-red-200",
};

export function WebhookStatusBadge({ status }: { status: string }) {
  return <span className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${STYLE[status] ?? STYLE.disabled}`}>{status}</span>;
}

/** Times in UTC, as the payloads carry them (partners compare the two). */
export const utc = (d: Date | string | null) => (d ? venueTime(d, "UTC", "stamp") : "—");

export function deliveryResult(d: { status: string; statusCode: number | null; at: Date | null; eventType: string } | null): string {
  if (!d) return "nothing sent yet";
  return `${d.eventType}: ${d.statusCode ?? "no answer"} (${d.status}) · ${utc(d.at)}`;
}
