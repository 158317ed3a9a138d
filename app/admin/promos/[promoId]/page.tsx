import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { pausePromoAction } from "@/app/actions/admin-catalog";
import { PromoForm } from "@/components/admin/catalog-forms";
import { requireStaffPage } from "@/lib/admin/access";
import { getPromo, promoRedemptions } from "@/lib/admin/promos";
import { promoState } from "@/lib/admin/promo-state";
import { venueTime } from "@/lib/admin/time";
import { PromoStateBadge } from "@/components/admin/promo-state-badge";
import { formatMoney } from "@/lib/format/money";
import { AppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Admin · Promo code" };

const local = (d: Date | null) => (d ? new Date(new Date(d).getTime() + 5.5 * 3600_000).toISOString().slice(0, 16) : "");

export default async function PromoAdmin({ params, searchParams }: { params: Promise<{ promoId: string }>; searchParams: Promise<{ saved?: string }> }) {
  const { promoId } = await params;
  const { saved } = await searchParams;
  const user = await requireStaffPage(`/admin/promos/${promoId}`);
  if (!/^[0-9a-f-]{36}$/i.test(promoId)) notFound();
  const p = await getPromo(promoId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const used = await promoRedemptions(user, promoId);
  const r = p.restrictions ?? {};
  const state = promoState(p);
  return (
    <div className="space-y-4">
      {saved ? <p role="status" className="rounded-xl bg-emerald-50 p-3 text-emerald-800 ring-1 ring-emerald-200">Saved.</p> : null}
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="font-mono text-2xl font-bold">{p.code}</h1>
        <PromoStateBadge state={state} />
        {user.role === "admin" ? (
          <form action={pausePromoAction}>
            <input type="hidden" name="promoId" value={p.id} />
            <input type="hidden" name="active" value={p.active ? "false" : "true"} />
            <button className="rounded-lg px-4 py-2 text-sm font-semibold ring-1 ring-slate-300">{p.active ? "Pause" : "Resume"}</button>
          </form>
        ) : null}
      </div>
      <p className="text-sm text-slate-600">
        {p.startsAt ? `Starts ${venueTime(p.startsAt, "Asia/Kolkata")}` : "No start date"} · {p.endsAt ? `${state === "ended" ? "Ended" : "Ends"} ${venueTime(p.endsAt, "Asia/Kolkata")}` : "no end date"} · used {p.usesTotal}
        {p.maxUsesTotal !== null ? ` of ${p.maxUsesTotal}` : ""}
      </p>
      {user.role === "admin" ? (
        <PromoForm
          initial={{
            id: p.id,
            code: p.code,
            kind: p.kind,
            amount: String(p.value / 100),
            description: p.description,
            maxDiscount: p.maxDiscountMinor === null ? "" : String(p.maxDiscountMinor / 100),
            minOrder: p.minOrderMinor ? String(p.minOrderMinor / 100) : "",
            startsAt: local(p.startsAt),
            endsAt: local(p.endsAt),
            maxUsesTotal: p.maxUsesTotal === null ? "" : String(p.maxUsesTotal),
            maxUsesPerUser: p.maxUsesPerUser === null ? "" : String(p.maxUsesPerUser),
            categories: (r.categories ?? []).join(", "),
            cityIds: (r.cityIds ?? []).join(", "),
            seatTypes: (r.seatTypes ?? []).join(", "),
            eventIds: (r.eventIds ?? []).join(", "),
            firstBookingOnly: p.firstBookingOnly ? "on" : "",
          }}
        />
      ) : null}
      <section aria-labelledby="redemptions" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-black/5">
        <h2 id="redemptions" className="font-semibold">Redemptions ({used.length})</h2>
        <ul className="mt-2 divide-y divide-slate-100 text-sm">
          {used.map((u) => (
            <li key={u.reference} className="flex flex-wrap justify-between gap-x-3 py-1.5">
              <span className="font-mono">{u.reference}</span>
              <span>{u.email}</span>
              <span>{formatMoney(u.discountMinor)}</span>
              <span className="text-slate-500">{venueTime(u.at, "Asia/Kolkata", "stamp")}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
