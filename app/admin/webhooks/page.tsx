import type { Metadata } from "next";
import Link from "next/link";
import { WebhookEndpointForm } from "@/components/admin/webhook-forms";
import { WebhookStatusBadge, deliveryResult } from "@/components/admin/webhook-status";
import { requireStaffPage } from "@/lib/admin/access";
import { listManagedVenues } from "@/lib/admin/venues";
import { listWebhookEndpoints } from "@/lib/admin/webhooks";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/events";

export const metadata: Metadata = { title: "Admin · Webhooks" };

const EVENTS = Object.entries(WEBHOOK_EVENTS).map(([type, e]) => ({ type, summary: e.summary }));

export default async function WebhooksAdmin() {
  const user = await requireStaffPage("/admin/webhooks");
  const [endpoints, venues] = await Promise.all([listWebhookEndpoints(user), listManagedVenues(user)]);
  const venueOf = (e: (typeof endpoints)[number]) => e.venueName ?? "Every venue";
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Webhooks</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Marquee posts signed JSON to these URLs when bookings are confirmed, cancelled or refunded, shows are cancelled, and
          people are admitted at the door. Failed deliveries are retried for 3 days; an endpoint answering 410 is disabled.
          Events may arrive out of order: use each payload&apos;s <code>created</code> and the booking&apos;s <code>version</code>.
        </p>
      </div>

      {endpoints.length === 0 ? (
        <p className="rounded-2xl bg-white p-6 text-slate-600 shadow-sm ring-1 ring-black/5">No endpoints yet. Register one below.</p>
      ) : (
        <>
          <ul className="space-y-2 md:hidden" data-testid="webhook-cards">
            {endpoints.map((e) => (
              <li key={e.id} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-black/5">
                <div className="flex items-start justify-between gap-2">
                  <Link href={`/admin/webhooks/${e.id}`} className="min-w-0 break-all font-mono text-sm font-semibold text-brand-700 hover:underline">{e.url}</Link>
                  <WebhookStatusBadge status={e.status} />
                </div>
                {e.description ? <p className="mt-1 text-sm">{e.description}</p> : null}
                <p className="mt-1 text-xs text-slate-600">{venueOf(e)} · {e.eventTypes.join(", ")}</p>
                <p className="mt-1 text-xs text-slate-600">Last: {deliveryResult(e.lastDelivery)}{e.pending ? ` · ${e.pending} pending` : ""}</p>
              </li>
            ))}
          </ul>
          <div className="hidden overflow-x-auto rounded-2xl bg-white shadow-sm ring-1 ring-black/5 md:block">
            <table className="w-full min-w-[820px] text-left text-sm">
              <thead className="text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">URL</th>
                  <th scope="col" className="py-2 font-medium">Events</th>
                  <th scope="col" className="py-2 font-medium">Venue</th>
                  <th scope="col" className="py-2 font-medium">Status</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Last delivery</th>
                </tr>
              </thead>
              <tbody>
                {endpoints.map((e) => (
                  <tr key={e.id} className="border-t border-slate-100 align-top" data-testid={`webhook-${e.id}`}>
                    <td className="max-w-[22rem] px-4 py-2">
                      <Link href={`/admin/webhooks/${e.id}`} className="break-all font-mono text-xs font-semibold text-brand-700 hover:underline">{e.url}</Link>
                      {e.description ? <p className="text-xs text-slate-600">{e.description}</p> : null}
                    </td>
                    <td className="py-2 pr-3 font-mono text-xs">{e.eventTypes.map((t) => <div key={t}>{t}</div>)}</td>
                    <td className="py-2 pr-3">{venueOf(e)}</td>
                    <td className="py-2 pr-3">
                      <WebhookStatusBadge status={e.status} />
                      {e.disabledReason ? <p className="mt-1 max-w-[14rem] text-xs text-slate-600">{e.disabledReason}</p> : null}
                    </td>
                    <td className="py-2 pr-4 text-xs text-slate-700">{deliveryResult(e.lastDelivery)}{e.pending ? <div>{e.pending} pending</div> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      <section aria-labelledby="new-endpoint" className="space-y-3">
        <h2 id="new-endpoint" className="text-xl font-bold">Register an endpoint</h2>
        {user.role === "admin" || venues.length > 0 ? (
          <WebhookEndpointForm events={EVENTS} venues={venues.map((v) => ({ id: v.id, name: v.name }))} allVenues={user.role === "admin"} />
        ) : (
          <p className="text-sm text-slate-600">You manage no venues yet, so there is nothing to send.</p>
        )}
      </section>
    </div>
  );
}
