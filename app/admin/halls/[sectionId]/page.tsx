import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HallEditor } from "@/components/admin/hall-editor";
import { ZoneManager } from "@/components/admin/zone-manager";
import { requireStaffPage } from "@/lib/admin/access";
import { getHallLayout } from "@/lib/admin/halls";
import { listZones } from "@/lib/admin/zones";
import { AppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Admin · Hall layout" };

export default async function HallPage({ params, searchParams }: { params: Promise<{ sectionId: string }>; searchParams: Promise<{ saved?: string }> }) {
  const { sectionId } = await params;
  const { saved } = await searchParams;
  const user = await requireStaffPage(`/admin/halls/${sectionId}`);
  if (!/^[0-9a-f-]{36}$/i.test(sectionId)) notFound();
  const hall = await getHallLayout(user, sectionId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const zones = await listZones(user, sectionId);
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">{hall.name}</h1>
      {saved ? <p role="status" className="rounded-xl bg-emerald-50 p-3 text-emerald-800 ring-1 ring-emerald-200">Saved. Upcoming shows in this hall follow the new layout.</p> : null}
      <p className="text-sm text-slate-600">Seats keep their labels when you edit; seats that have bookings cannot be removed.</p>
      <ZoneManager sectionId={hall.id} zones={zones} />
      <HallEditor key={JSON.stringify(hall.rows)} sectionId={hall.id} hasZones={zones.length > 0} initial={{ name: hall.name, kind: hall.kind, stageLabel: hall.stageLabel, rows: hall.rows }} />
    </div>
  );
}
