import type { Metadata } from "next";
import { API_SCOPES } from "@/lib/auth/scopes";
import { TAGS } from "@/lib/api/contract";
import { openApiDocument } from "@/lib/api/openapi";
import { rootOf } from "@/lib/api/schema-fields";
import { ERROR_CODES } from "@/lib/errors";
import { errorStatus } from "@/lib/http/errors";
import { LIMITS } from "@/lib/ratelimit/policies";
import { env } from "@/lib/env.js";
import { Operation } from "@/components/developers/operation";
import { FieldList, schemaAnchor, TypeText } from "@/components/developers/schema-view";
import { InlineMarkdown } from "@/components/developers/inline-markdown";
import { VERIFY_SAMPLE } from "@/lib/webhooks/verify-sample";

export const metadata: Metadata = {
  title: "API for developers",
  description: "Marquee's REST API: authentication, errors, rate limits, and every operation with its parameters, answers and a curl example.",
};

const GUIDE = [
  { id: "base-url", title: "Base URL" },
  { id: "authentication", title: "Authentication" },
  { id: "errors", title: "Errors" },
  { id: "rate-limits", title: "Rate limits" },
  { id: "idempotency", title: "Idempotency" },
  { id: "pagination", title: "Pagination and caching" },
  { id: "webhooks", title: "Webhooks" },
];

const H2 = "scroll-mt-20 text-xl font-bold";
const CODE = "rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em]";

export default function DevelopersPage() {
  const doc = openApiDocument();
  const base = `${env().APP_URL.replace(/\/$/, "")}/api/v1`;
  const groups = TAGS.map((t) => ({
    ...t,
    ops: Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).filter(([, o]) => o.tags.includes(t.name)).map(([method, o]) => ({ method, path, o }))),
  })).filter((g) => g.ops.length > 0);
  const webhooks = Object.entries((doc.webhooks ?? {}) as Record<string, { post: { summary: string; description?: string; requestBody: { content: Record<string, { schema: Record<string, unknown> }> } } }>);
  const schemas = Object.entries(doc.components.schemas).sort(([a], [b]) => a.localeCompare(b));

  const nav = (
    <nav aria-label="API contents" className="text-sm">
      <p className="font-semibold text-slate-600">Guide</p>
      <ul className="mt-1 space-y-1">
        {GUIDE.map((g) => (
          <li key={g.id}>
            <a href={`#${g.id}`} className="text-ink-800 hover:text-brand-600 hover:underline">
              {g.title}
            </a>
          </li>
        ))}
      </ul>
      {groups.map((g) => (
        <div key={g.name} className="mt-4">
          <p className="font-semibold text-slate-600">
            <a href={`#tag-${g.name}`} className="hover:underline">
              {g.name}
            </a>
          </p>
          <ul className="mt-1 space-y-1">
            {g.ops.map(({ method, o }) => (
              <li key={o.operationId} className="flex items-baseline gap-1.5">
                <span className="w-12 shrink-0 font-mono text-[0.7rem] font-bold uppercase text-slate-600">{method}</span>
                <a href={`#${o.operationId}`} className="text-ink-800 hover:text-brand-600 hover:underline">
                  {o.summary}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <p className="mt-4 font-semibold text-slate-600">
        <a href="#schemas" className="hover:underline">
          Schemas
        </a>
      </p>
    </nav>
  );

  return (
    <div className="lg:grid lg:grid-cols-[15rem_minmax(0,1fr)] lg:gap-8">
      <aside className="hidden lg:block">
        <div className="sticky top-4 max-h-[calc(100vh-2rem)] overflow-y-auto pr-2">{nav}</div>
      </aside>
      <article className="min-w-0 space-y-10" aria-labelledby="developers-heading">
        <header>
          <h1 id="developers-heading" className="text-2xl font-bold sm:text-3xl">
            Marquee API
          </h1>
          <p className="mt-2 max-w-3xl text-slate-700">
            The JSON API our mobile and partner apps use: browse events and shows, hold seats, pay, and check tickets in. This page is generated from the same
            schemas the server validates with, as is the machine-readable{" "}
            <a href="/api/v1/openapi.json" className="font-medium text-brand-600 underline">
              OpenAPI 3.1 document
            </a>{" "}
            (use it to generate a client).
          </p>
          <details className="mt-4 rounded-lg bg-white p-3 shadow-sm ring-1 ring-black/5 lg:hidden">
            <summary className="cursor-pointer font-semibold">Contents</summary>
            <div className="mt-3">{nav}</div>
          </details>
        </header>

        <section aria-labelledby="base-url" className="space-y-2">
          <h2 id="base-url" className={H2}>
            Base URL
          </h2>
          <p className="text-slate-700">
            Every path below is relative to <code className={`${CODE} break-all`}>{base}</code>. Requests and answers are JSON (UTF-8); send{" "}
            <code className={CODE}>Content-Type: application/json</code> with a body. Times are ISO 8601 in UTC; money is integer minor units (paise) with
            its currency beside it, never a float.
          </p>
        </section>

        <section aria-labelledby="authentication" className="space-y-2">
          <h2 id="authentication" className={H2}>
            Authentication
          </h2>
          <p className="text-slate-700">
            Send <code className={CODE}>Authorization: Bearer &lt;token&gt;</code>. Two kinds of token work:
          </p>
          <ul className="list-disc space-y-1 pl-5 text-slate-700">
            <li>
              <strong>Login tokens</strong> from <a href="#loginUser" className="text-brand-600 underline">POST /users/login</a>, for an app acting as a
              person: they can do what that person can, until they expire or the person signs out.
            </li>
            <li>
              <strong>Partner API keys</strong> (they start <code className={CODE}>mqk_</code>), issued by Marquee staff: long-lived, revocable, and
              limited to their scopes. An operation names the scope it needs; a key without it gets 403{" "}
              <code className={CODE}>INSUFFICIENT_SCOPE</code>, and operations naming no scope refuse keys.
            </li>
          </ul>
          <dl className="mt-2 divide-y divide-slate-100 rounded-lg bg-white px-3 shadow-sm ring-1 ring-black/5">
            {Object.entries(API_SCOPES).map(([scope, what]) => (
              <div key={scope} className="py-2 sm:flex sm:gap-4">
                <dt className="font-mono text-sm font-semibold sm:w-40 sm:shrink-0">{scope}</dt>
                <dd className="text-sm text-slate-700">{what}</dd>
              </div>
            ))}
          </dl>
          <p className="text-slate-700">
            A <code className={CODE}>bookings:write</code> key books for a customer: send{" "}
            <code className={CODE}>On-Behalf-Of: &lt;customer email&gt;</code> on every call that needs a user (a new email gets a customer account, which
            its owner can claim with &ldquo;Forgot password&rdquo;; staff accounts are refused). The key reaches only the bookings, payments and waitlist places it
            made (an offer&apos;s booking included): the customer&apos;s others answer 404. A <code className={CODE}>venue:manage</code> key acts as the staff member who made it, at the
            key&apos;s venues only. Each key has its own per-minute budget, shown in <code className={CODE}>X-RateLimit-Limit</code> and{" "}
            <code className={CODE}>X-RateLimit-Remaining</code>.
          </p>
          <p className="text-slate-700">
            The browser uses the session cookie instead; state-changing requests with it must come from our own pages. A bad, expired or revoked token
            is a 401 even on public operations: drop it rather than send it.
          </p>
        </section>

        <section aria-labelledby="errors" className="space-y-2">
          <h2 id="errors" className={H2}>
            Errors
          </h2>
          <p className="text-slate-700">
            Every failure answers <code className={CODE}>{`{"error": {"code", "message", "details?"}}`}</code> with a fitting status. Branch on{" "}
            <code className={CODE}>code</code>; <code className={CODE}>message</code> is for people. A validation failure&apos;s{" "}
            <code className={CODE}>details.fieldErrors</code> maps each bad field to its messages. Someone else&apos;s booking or profile is a 404, so
            its existence is not revealed. Each operation lists the codes it may answer.
          </p>
          <ul className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2 lg:grid-cols-3">
            {ERROR_CODES.map((c) => (
              <li key={c} className="flex gap-2">
                <span className="w-8 shrink-0 font-mono text-slate-600">{errorStatus[c]}</span>
                <code className="break-all font-mono">{c}</code>
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="rate-limits" className="space-y-2">
          <h2 id="rate-limits" className={H2}>
            Rate limits
          </h2>
          <p className="text-slate-700">
            Requests are counted per user (per key for API keys, per address when anonymous) under the policy each operation names. Over the limit you
            get 429 <code className={CODE}>RATE_LIMITED</code> with <code className={CODE}>Retry-After</code> (seconds): wait that long.
          </p>
          <ul className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2 lg:grid-cols-3">
            {Object.entries(LIMITS).map(([name, l]) => (
              <li key={name}>
                <code className="font-mono">{name}</code>: {l.limit} per {l.window.replace(" ", "\u00a0")}
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="idempotency" className="space-y-2">
          <h2 id="idempotency" className={H2}>
            Idempotency
          </h2>
          <p className="text-slate-700">
            Paying takes an <code className={CODE}>Idempotency-Key</code> header (8–100 of letters, digits and <code className={CODE}>. _ : -</code>):
            retrying with the same key answers the same payment and never charges twice; the same key with a different request is 409{" "}
            <code className={CODE}>IDEMPOTENCY_KEY_REUSED</code>. Holding seats, confirming and cancelling are safe to retry: they move a booking only
            forward.
          </p>
        </section>

        <section aria-labelledby="pagination" className="space-y-2">
          <h2 id="pagination" className={H2}>
            Pagination and caching
          </h2>
          <p className="text-slate-700">
            Lists that can grow answer <code className={CODE}>{`{"items": […], "nextCursor": "…"}`}</code>: pass <code className={CODE}>nextCursor</code>{" "}
            back as <code className={CODE}>?cursor=</code> for the next page; it is null on the last. Cursors are opaque. The seat map and the waiting
            room carry an <code className={CODE}>ETag</code>: poll with <code className={CODE}>If-None-Match</code> and get a cheap 304 while nothing
            changed.
          </p>
        </section>

        <section aria-labelledby="webhooks" className="space-y-2">
          <h2 id="webhooks" className={H2}>
            Webhooks
          </h2>
          <p className="text-slate-700">
            Marquee posts a signed JSON event to your endpoint when something happens at a venue you follow. Admins register endpoints for every
            venue or one, venue staff for their own venues, in the staff tools under Webhooks, where each endpoint has its signing secret and a
            delivery log with a Redeliver button. Every request carries <code className={CODE}>Marquee-Signature</code>,{" "}
            <code className={CODE}>Marquee-Event-Id</code>, <code className={CODE}>Marquee-Event-Type</code> and{" "}
            <code className={CODE}>Marquee-Delivery-Id</code>.
          </p>
          <ul className="list-disc space-y-1 pl-5 text-slate-700">
            <li>
              <strong>Verify the signature</strong> before parsing. The header is <code className={CODE}>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</code>;{" "}
              <code className={CODE}>v1</code> is HMAC-SHA256 of <code className={CODE}>{"<t>.<raw body>"}</code> keyed with the endpoint&apos;s secret (
              <code className={CODE}>whsec_…</code>). Refuse a <code className={CODE}>t</code> more than 5 minutes from your clock. While a secret is
              being rotated the header carries two <code className={CODE}>v1</code> values for 24 hours: accept either.
            </li>
            <li>
              <strong>Answer 2xx within 10 seconds</strong>, then do slow work. Anything else (another status, a redirect, a timeout) is retried after
              about 1 min, 5 min, 30 min, 2 h, 6 h, 12 h, then daily, until 3 days after the event. Answer <strong>410 Gone</strong> and the endpoint is
              disabled.
            </li>
            <li>
              <strong>Deliveries are at least once:</strong> deduplicate by <code className={CODE}>Marquee-Event-Id</code>, the same on every attempt
              and manual redelivery.
            </li>
            <li>
              <strong>Ordering is not guaranteed:</strong> a retried event can arrive after a later one. Each payload carries the object&apos;s whole
              state; keep the newest (for bookings the higher <code className={CODE}>version</code>, otherwise the later{" "}
              <code className={CODE}>created</code>) or fetch the object from the API.
            </li>
          </ul>
          <pre className="whitespace-pre-wrap break-all rounded-lg bg-ink-900 p-3 font-mono text-xs text-slate-100">{VERIFY_SAMPLE}</pre>
          {webhooks.length === 0 ? null : (
            webhooks.map(([name, w]) => (
              <div key={name} id={`webhook-${name}`} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-black/5">
                <h3 className="font-mono font-semibold">{name}</h3>
                <p className="text-sm text-slate-700">{w.post.summary}</p>
                {w.post.description && (
                  <p className="mt-1 text-sm text-slate-700">
                    <InlineMarkdown text={w.post.description} />
                  </p>
                )}
                <FieldList fields={rootOf(Object.values(w.post.requestBody.content)[0]!.schema).fields} />
              </div>
            ))
          )}
        </section>

        {groups.map((g) => (
          <section key={g.name} aria-labelledby={`tag-${g.name}`} className="space-y-4">
            <div>
              <h2 id={`tag-${g.name}`} className={H2}>
                {g.name}
              </h2>
              <p className="text-slate-700">{g.description}</p>
            </div>
            {g.ops.map(({ method, path, o }) => (
              <Operation key={o.operationId} method={method} path={path} o={o} doc={doc} base={base} />
            ))}
          </section>
        ))}

        <section aria-labelledby="schemas" className="space-y-4">
          <div>
            <h2 id="schemas" className={H2}>
              Schemas
            </h2>
            <p className="text-slate-700">The shapes several operations share.</p>
          </div>
          {schemas.map(([name, s]) => {
            const root = rootOf(s);
            return (
              <section key={name} id={schemaAnchor(name)} aria-labelledby={`${schemaAnchor(name)}-title`} className="scroll-mt-20 rounded-xl bg-white p-4 shadow-sm ring-1 ring-black/5">
                <h3 id={`${schemaAnchor(name)}-title`} className="font-mono font-semibold">
                  {name}
                </h3>
                {typeof s.description === "string" && (
                  <p className="text-sm text-slate-700">
                    <InlineMarkdown text={s.description} />
                  </p>
                )}
                {root.fields.length === 0 && root.variants.length === 0 ? (
                  <p className="text-sm">
                    <TypeText parts={root.type} />
                  </p>
                ) : (
                  <FieldList fields={root.fields} variants={root.variants} />
                )}
              </section>
            );
          })}
        </section>
      </article>
    </div>
  );
}
