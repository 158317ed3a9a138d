import type { Metadata } from "next";
import Link from "next/link";
import { PromoForm } from "@/components/admin/catalog-forms";
import { PromoStateBadge } from "@/components/admin/promo-state-badge";
import { requireStaffPage } from "@/lib/admin/access";
import { listPromos, type PromoSummary } from "@/lib/admin/promos";
import { promoState } from "@/lib/admin/promo-state";
import { venueTime } from "@/lib/admin/time";
import { formatMoney } from "@/lib/format/money";

export const metadata: Metadata = { title: "Admin · Promo codes" };

// Promo codes are platform-wide and entered in India time (lib/admin/promos.ts).
const PROMO_ZONE = "Asia/Kolkata";

function validity(p: PromoSummary): string {
  const at = (d: Date) => venueTime(d, PROMO_ZONE);
  if (p.startsAt && p.endsAt) return `${at(p.startsAt)} – ${at(p.endsAt)}`;
  if (p.startsAt) return `from ${at(p.startsAt)}`;
  if (p.endsAt) return `until ${at(p.endsAt)}`;
  return "no end date";
}

export default async function PromosAdmin() {
  const user = await requireStaffPage("/admin/promos");
  const promos = await listPromos(user);
  const now = new Date();
  const used = (p: PromoSummary) =>
    user.role === "admin" || p.redemptions === p.usesTotal
      ? `${p.usesTotal}${p.maxUsesTotal !== null ? ` / ${p.maxUsesTotal}` : ""}`
      : `${p.redemptions} at your venues · ${p.usesTotal}${p.maxUsesTotal !== null ? ` / ${p.maxUsesTotal}` : ""} in all`;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Promo codes</h1>
      <ul className="space-y-2 md:hidden" data-testid="promo-cards">
        {promos.map((p) => (
          <li key={p.id} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-black/5">
            <div className="flex items-center justify-between gap-2">
              <Link href={`/admin/promos/${p.id}`} className="font-mono font-semibold text-brand-700 hover:underline">{p.code}</Link>
              <PromoStateBadge state={promoState(p, now)} />
            </div>
            <p className="mt-1 text-sm">{p.kind === "PERCENT" ? `${p.value / 100}% off` : `${formatMoney(p.value)} off`}{p.description ? ` — ${p.description}` : ""}</p>
            <p className="mt-1 text-xs text-slate-500">{validity(p)}</p>
            <p className="mt-1 text-xs text-slate-600">Used {used(p)} · gave away {formatMoney(p.discountMinor)}</p>
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto rounded-2xl bg-white shadow-sm ring-1 ring-black/5 md:block">
        <table className="w-full min-w-[820px] text-left text-sm">
          <thead className="text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">Code</th>
              <th scope="col" className="py-2 font-medium">Offer</th>
              <th scope="col" className="py-2 font-medium">Valid (India time)</th>
              <th scope="col" className="py-2 font-medium">Used</th>
              <th scope="col" className="py-2 font-medium">Given away</th>
              <th scope="col" className="py-2 pr-4 font-medium">State</th>
            </tr>
          </thead>
          <tbody>
            {promos.map((p) => (
              <tr key={p.id} className="border-t border-slate-100 align-top" data-testid={`promo-${p.code}`}>
                <td className="px-4 py-2 font-mono font-semibold"><Link href={`/admin/promos/${p.id}`} className="text-brand-700 hover:underline">{p.code}</Link></td>
                <td className="py-2 pr-3">{p.kind === "PERCENT" ? `${p.value / 100}% off` : `${formatMoney(p.value)} off`}{p.description ? ` — ${p.description}` : ""}</td>
                <td className="py-2 pr-3 text-xs text-slate-600">{validity(p)}</td>
                <td className="py-2 pr-3 tabular-nums">{used(p)}</td>
                <td className="py-2 pr-3 tabular-nums">{formatMoney(p.discountMinor)}</td>
                <td className="py-2 pr-4"><PromoStateBadge state={promoState(p, now)} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {user.role === "admin" ? (
        <section aria-labelledby="new-promo">
          <h2 id="new-promo" className="mb-3 text-xl font-bold">New promo code</h2>
          <PromoForm />
        </section>
      ) : (
        <p className="text-sm text-slate-600">Promo codes apply across venues, so admins create and change them.</p>
      )}
    </div>
  );
}
