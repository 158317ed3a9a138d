import type { Metadata } from "next";
import Link from "next/link";
import { PromoForm } from "@/components/admin/catalog-forms";
import { requireStaffPage } from "@/lib/admin/access";
import { listPromos } from "@/lib/admin/promos";
import { formatMoney } from "@/lib/format/money";

export const metadata: Metadata = { title: "Admin · Promo codes" };

export default async function PromosAdmin() {
  const user = await requireStaffPage("/admin/promos");
  const promos = await listPromos(user);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Promo codes</h1>
      <table className="w-full rounded-2xl bg-white text-left text-sm shadow-sm ring-1 ring-black/5">
        <thead className="text-slate-500">
          <tr><th scope="col" className="px-4 py-2 font-medium">Code</th><th scope="col" className="py-2 font-medium">Offer</th><th scope="col" className="py-2 font-medium">Used</th><th scope="col" className="py-2 font-medium">Given away</th><th scope="col" className="py-2 pr-4 font-medium">State</th></tr>
        </thead>
        <tbody>
          {promos.map((p) => (
            <tr key={p.id} className="border-t border-slate-100">
              <td className="px-4 py-2 font-mono font-semibold"><Link href={`/admin/promos/${p.id}`} className="text-brand-700 hover:underline">{p.code}</Link></td>
              <td className="py-2">{p.kind === "PERCENT" ? `${p.value / 100}% off` : `${formatMoney(p.value)} off`} — {p.description}</td>
              <td className="py-2">{p.redemptions}{p.maxUsesTotal ? ` / ${p.maxUsesTotal}` : ""}</td>
              <td className="py-2">{formatMoney(p.discountMinor)}</td>
              <td className="py-2 pr-4">{p.active ? "active" : "paused"}</td>
            </tr>
          ))}
        </tbody>
      </table>
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
