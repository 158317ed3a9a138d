import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Pagination } from "@/components/admin/pagination";
import { EditEventsForm, EnableToggle, RedeliverButton, SecretPanel, TestEventButton } from "@/components/admin/webhook-forms";
import { WebhookStatusBadge, deliveryResult, utc } from "@/components/admin/webhook-status";
import { requireStaffPage } from "@/lib/admin/access";
import { getWebhookDelivery, getWebhookEndpoint, listWebhookDeliveries } from "@/lib/admin/webhooks";
import { AppError } from "@/lib/errors";
import { WEBHOOK_EVENTS, envelopeInOrder } from "@/lib/webhooks/events";

export const metadata: Metadata = { title: "Admin · Webhook endpoint" };

const EVENTS = Object.entries(WEBHOOK_EVENTS).map(([type, e]) => ({ type, summary: e.summary }));

export default async function WebhookEndpointAdmin({ params, searchParams }: { params: Promise<{ endpointId: string }>; searchParams: Promise<{ page?: string }> }) {
  const { endpointId } = await params;
  const { page } = await searchParams;
  const user = await requireStaffPage(`/admin/webhooks/${endpointId}`);
  if (!/^[0-9a-f-]{36}$/i.test(endpointId)) notFound();
  const endpoint = await getWebhookEndpoint(user, endpointId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const pageNo = /^\d{1,6}$/.test(page ?? "") ? Number(page) : 1;
  const log = await listWebhookDeliveries(user, endpointId, pageNo);
  const details = await Promise.all(log.rows.map((d) => getWebhookDelivery(user, endpointId, d.id)));
  const active = endpoint.status === "active";
  return (
    <div className="space-y-6">
      <nav className="text-sm"><Link href="/admin/webhooks" className="text-brand-700 hover:underline">← Webhooks</Link></nav>
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="min-w-0 break-all font-mono text-lg font-bold sm:text-xl">{endpoint.url}</h1>
          <WebhookStatusBadge status={endpoint.status} />
        </div>
        <p className="text-sm text-slate-600">
          {endpoint.venueName ?? "Every venue"}{endpoint.description ? ` · ${endpoint.description}` : ""} · registered {utc(endpoint.createdAt)} · last: {deliveryResult(endpoint.lastDelivery)}
        </p>
        {!active ? (
          <p role="status" className="rounded-xl bg-slate-100 p-3 text-sm text-slate-800 ring-1 ring-slate-300">
            Disabled {utc(endpoint.disabledAt)}: {endpoint.disabledReason ?? "no reason recorded"}. Nothing is sent while it is disabled
            {endpoint.pending ? `; ${endpoint.pending} pending ${endpoint.pending === 1 ? "delivery waits and goes" : "deliveries wait and go"} out when it is enabled.` : "."}
          </p>
        ) : null}
      </header>

      <section aria-labelledby="manage" className="grid gap-4 lg:grid-cols-2">
        <h2 id="manage" className="sr-only">Manage</h2>
        <div className="space-y-4 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-black/5">
          <div className="flex flex-wrap items-start gap-3">
            <EnableToggle endpointId={endpoint.id} active={active} />
            <TestEventButton endpointId={endpoint.id} disabled={!active} />
          </div>
          <div>
            <h3 className="mb-2 font-semibold">Signing secret</h3>
            <p className="mb-2 text-sm text-slate-600">
              Each request carries <code>Marquee-Signature: t=…,v1=…</code>: the HMAC-SHA256 of <code>&lt;t&gt;.&lt;raw body&gt;</code> with this secret.
              Refuse requests whose <code>t</code> is more than 5 minutes off.
            </p>
            <SecretPanel endpointId={endpoint.id} rotatingUntil={endpoint.rotatingUntil ? utc(endpoint.rotatingUntil) : null} />
          </div>
        </div>
        <div className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-black/5">
          <EditEventsForm endpointId={endpoint.id} events={EVENTS} checked={endpoint.eventTypes} description={endpoint.description} />
        </div>
      </section>

      <section aria-labelledby="deliveries" className="space-y-2">
        <h2 id="deliveries" className="text-xl font-bold">Deliveries <span className="text-base font-normal text-slate-500">({log.total}, newest first)</span></h2>
        <p className="text-sm text-slate-600">Kept for 30 days; anything still pending is kept until it is done.</p>
        {log.rows.length === 0 ? (
          <p className="rounded-2xl bg-white p-6 text-slate-600 shadow-sm ring-1 ring-black/5">Nothing sent yet. Send a test event to check the endpoint.</p>
        ) : (
          <div className="rounded-2xl bg-white shadow-sm ring-1 ring-black/5">
            <div aria-hidden className="hidden grid-cols-[14rem_1fr_6rem_5rem_5rem_11rem] gap-x-3 border-b border-slate-100 px-4 py-2 text-xs font-medium text-slate-500 md:grid">
              <span>Event</span>
              <span>Created</span>
              <span>Status</span>
              <span>Attempts</span>
              <span>Last code</span>
              <span>Next attempt</span>
            </div>
            <ul className="divide-y divide-slate-100" data-testid="delivery-log">
              {log.rows.map((d, i) => {
                const detail = details[i];
                return (
                  <li key={d.id} data-testid={`delivery-${d.id}`}>
                    <details className="group">
                      <summary className="grid cursor-pointer grid-cols-[1fr_auto] gap-x-3 gap-y-1 px-4 py-3 hover:bg-slate-50 md:grid-cols-[14rem_1fr_6rem_5rem_5rem_11rem]">
                        <span className="font-mono text-xs font-semibold">{d.eventType}</span>
                        <span className="text-xs text-slate-600 md:order-none">{utc(d.createdAt)}</span>
                        <span><WebhookStatusBadge status={d.status} /></span>
                        <span className="text-xs text-slate-700">{d.attempts} {d.attempts === 1 ? "attempt" : "attempts"}</span>
                        <span className="text-xs text-slate-700"><span className="sr-only">Last answer: </span>{d.lastStatusCode ?? (d.attempts ? "no answer" : "—")}</span>
                        <span className="text-xs text-slate-600">{d.nextAttemptAt ? `next ${utc(d.nextAttemptAt)}` : d.redeliverRequested ? "redelivery queued" : ""}</span>
                      </summary>
                      <div className="space-y-3 bg-slate-50 px-4 py-3 text-sm">
                        <div className="flex flex-wrap items-center justify-between gap-2">
                          <p className="font-mono text-xs text-slate-600">{d.eventId} · delivery {d.id}</p>
                          <RedeliverButton deliveryId={d.id} disabled={!active} />
                        </div>
                        {d.lastError ? <p className="text-red-700">Last error: {d.lastError}</p> : null}
                        <div>
                          <h3 className="mb-1 font-semibold">Attempts</h3>
                          {detail?.attempts.length ? (
                            <ol className="space-y-1">
                              {detail.attempts.map((a) => (
                                <li key={a.id} className="rounded-lg bg-white p-2 ring-1 ring-slate-200">
                                  <p className="text-xs">
                                    {utc(a.attemptedAt)} · {a.statusCode ?? "no answer"} · {a.durationMs} ms{a.manual ? " · manual redelivery" : ""}{a.error ? ` · ${a.error}` : ""}
                                  </p>
                                  {a.responseExcerpt ? <pre className="mt-1 max-h-32 overflow-auto whitespace-pre-wrap break-all text-xs text-slate-700">{a.responseExcerpt}</pre> : null}
                                </li>
                              ))}
                            </ol>
                          ) : (
                            <p className="text-slate-600">Not attempted yet.</p>
                          )}
                        </div>
                        <div>
                          <h3 className="mb-1 font-semibold">Payload</h3>
                          <pre className="max-h-72 overflow-auto rounded-lg bg-slate-900 p-3 text-xs text-slate-100">{detail ? JSON.stringify(envelopeInOrder(detail.payload as Parameters<typeof envelopeInOrder>[0]), null, 2) : ""}</pre>
                        </div>
                      </div>
                    </details>
                  </li>
                );
              })}
            </ul>
            <Pagination page={log.page} pageCount={log.pages} href={(p) => `/admin/webhooks/${endpoint.id}?page=${p}`} label="Delivery log pages" />
          </div>
        )}
      </section>
    </div>
  );
}
