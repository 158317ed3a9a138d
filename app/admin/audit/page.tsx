import type { Metadata } from "next";
import { requireStaffPage } from "@/lib/admin/access";
import { listAudit } from "@/lib/admin/audit";

export const metadata: Metadata = { title: "Admin · Audit log" };

export default async function AuditPage() {
  await requireStaffPage("/admin/audit", ["admin"]);
  const entries = await listAudit({ limit: 200 });
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">Audit log</h1>
      <table className="w-full rounded-2xl bg-white text-left text-sm shadow-sm ring-1 ring-black/5">
        <thead className="text-slate-500">
          <tr><th scope="col" className="px-4 py-2 font-medium">When</th><th scope="col" className="py-2 font-medium">Who</th><th scope="col" className="py-2 font-medium">What</th><th scope="col" className="py-2 pr-4 font-medium">Details</th></tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} className="border-t border-slate-100 align-top">
              <td className="px-4 py-2 whitespace-nowrap">{new Date(e.at).toLocaleString("en-IN", { timeZone: "Asia/Kolkata", dateStyle: "short", timeStyle: "medium" })}</td>
              <td className="py-2">{e.actorEmail}</td>
              <td className="py-2 font-mono">{e.action} <span className="text-slate-500">{e.entity} {e.entityId.slice(0, 8)}</span></td>
              <td className="max-w-md truncate py-2 pr-4 text-xs text-slate-600">{JSON.stringify(e.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
