import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PersonForm } from "@/components/admin/person-form";
import { requireStaffPage } from "@/lib/admin/access";
import { getPersonForAdmin } from "@/lib/admin/credits";
import { orNotFound } from "@/lib/http/page";

export const metadata: Metadata = { title: "Admin · Person" };

export default async function PersonAdmin({ params, searchParams }: { params: Promise<{ personId: string }>; searchParams: Promise<{ saved?: string }> }) {
  const { personId } = await params;
  const { saved } = await searchParams;
  // Staff manage credits on their events; a person's own name and bio are shared by every event, so admins only.
  const user = await requireStaffPage(`/admin/people/${personId}`, ["admin"]);
  if (!/^[0-9a-f-]{36}$/i.test(personId)) notFound();
  const p = await orNotFound(getPersonForAdmin(user, personId));
  return (
    <div className="space-y-4">
      {saved ? <p role="status" className="rounded-xl bg-emerald-50 p-3 text-emerald-800 ring-1 ring-emerald-200">Saved.</p> : null}
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">{p.name}</h1>
        <Link href={`/people/${p.slug}`} className="text-sm text-brand-700 underline">See it as buyers do</Link>
      </div>
      <PersonForm initial={p} />
    </div>
  );
}
