import type { Metadata } from "next";
import { requireStaffPage } from "@/lib/admin/access";
import { listAudit } from "@/lib/admin/audit";
import { ADMIN_ONLY } from "@/lib/admin/nav";
import { venueTime } from "@/lib/admin/time";

// Audit entries are not tied to one venue; the platform runs on Indian time.
const PLATFORM_ZONE = "Asia/Kolkata";

export const metadata: Metadata = { title: "Admin · Audit log" };

export default async function AuditPage() {
  await requireStaffPage("/admin/audit", ADMIN_ONLY);
  const entries = await listAudit({ limit: 200 });
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">Audit log</h1>
      <p className="text-sm text-slate-600">Times are India Standard Time (IST), the platform&apos;s zone: entries are not tied to one venue.</p>
      <div className="overflow-x-auto rounded-2xl bg-white shadow-sm ring-1 ring-black/5">
      <table className="w-full min-w-[720px] text-left text-sm">
        <thead className="text-slate-500">
          <tr><th scope="col" className="px-4 py-2 font-medium">When</th><th scope="col" className="py-2 font-medium">Who</th><th scope="col" className="py-2 font-medium">What</th><th scope="col" className="py-2 pr-4 font-medium">Details</th></tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} className="border-t border-slate-100 align-top">
              <td className="px-4 py-2 whitespace-nowrap"><time dateTime={new Date(e.at).toISOString()}>{venueTime(e.at, PLATFORM_ZONE, "stamp")}</time></td>
              <td className="py-2">{e.actorEmail}</td>
              <td className="py-2 font-mono">{e.action} <span className="text-slate-500">{e.entity} {e.entityId.slice(0, 8)}</span></td>
              <td className="max-w-md truncate py-2 pr-4 text-xs text-slate-600">{JSON.stringify(e.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length === 0 ? <p className="p-6 text-center text-sm text-slate-600">No staff actions recorded yet.</p> : null}
      </div>
    </div>
  );
}
