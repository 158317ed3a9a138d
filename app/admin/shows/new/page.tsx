import type { Metadata } from "next";
import { ScheduleForm } from "@/components/admin/forms";
import { requireStaffPage } from "@/lib/admin/access";
import { eventOptions, hallsFor } from "@/lib/admin/catalog";
import { zonedYmd } from "@/lib/time/zone";

export const metadata: Metadata = { title: "Admin · Schedule shows" };

export default async function NewShowsPage() {
  const user = await requireStaffPage("/admin/shows/new");
  const [events, halls] = await Promise.all([eventOptions(), hallsFor(user)]);
  return (
    <div className="mx-auto max-w-3xl space-y-3">
      <h1 className="text-2xl font-bold">Schedule shows</h1>
      <p className="text-sm text-slate-600">Every chosen day × every start time (or every slot of a series) becomes a show. Shows in one hall may not overlap (with 15 minutes to turn the hall around).</p>
      <ScheduleForm events={events} halls={halls} today={zonedYmd(new Date(), "Asia/Kolkata")} />
    </div>
  );
}
