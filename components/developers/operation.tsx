// One operation on the docs page: what it does, who may call it, its parameters, body, answers,
// error codes and a curl line. Anchored by operationId.
import type { OpenApiDocument, OpenApiOperation } from "@/lib/api/openapi";
import { exampleOf, fieldsOf, rootOf, type Field } from "@/lib/api/schema-fields";
import { FieldList, TypeText } from "./schema-view";
import { InlineMarkdown } from "./inline-markdown";
import { LIMITS, type PolicyName } from "@/lib/ratelimit/policies";

type Json = Record<string, unknown>;

const METHOD_STYLE: Record<string, string> = {
  get: "bg-emerald-100 text-emerald-900",
  post: "bg-sky-100 text-sky-900",
  put: "bg-amber-100 text-amber-900",
  patch: "bg-amber-100 text-amber-900",
  delete: "bg-rose-100 text-rose-900",
};

export function MethodBadge({ method }: { method: string }) {
  return <span className={`inline-block rounded px-1.5 py-0.5 font-mono text-xs font-bold uppercase ${METHOD_STYLE[method] ?? "bg-slate-100"}`}>{method}</span>;
}

function access(o: OpenApiOperation): string {
  const security = o.security ?? [];
  if (o["x-roles"]) return `Roles: ${o["x-roles"].join(", ")}`;
  if (security.some((s) => Object.keys(s).length === 0)) return "Public";
  return "Signed in";
}

function rateText(policy: PolicyName): string {
  const l = LIMITS[policy];
  return l ? `${l.limit} per ${l.window} (${policy})` : policy;
}

function curlOf(method: string, path: string, o: OpenApiOperation, doc: OpenApiDocument, base: string): string {
  const params = o.parameters ?? [];
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const p = params.find((x) => x.in === "path" && x.name === name);
    const ex = p ? exampleOf(p.schema, doc) : null;
    return typeof ex === "string" && ex !== "…" ? ex : `<${name}>`;
  });
  const query = params
    .filter((p) => p.in === "query" && p.required)
    .map((p) => `${p.name}=${encodeURIComponent(String(exampleOf(p.schema, doc) ?? ""))}`)
    .join("&");
  const lines = [`curl${method === "get" ? "" : ` -X ${method.toUpperCase()}`} "${base}${filled}${query ? `?${query}` : ""}"`];
  if (o.security && !o.security.some((s) => Object.keys(s).length === 0)) lines.push(`  -H "Authorization: Bearer $TOKEN"`);
  for (const h of params.filter((p) => p.in === "header" && p.required)) lines.push(`  -H "${h.name}: …"`);
  const body = o.requestBody?.content["application/json"]?.schema;
  if (body) {
    lines.push(`  -H "Content-Type: application/json"`);
    lines.push(`  -d '${JSON.stringify(exampleOf(body, doc))}'`);
  }
  return lines.join(" \\\n");
}

function paramFields(o: OpenApiOperation): Field[] {
  return (o.parameters ?? []).map((p) => {
    const [f] = fieldsOf({ type: "object", properties: { [p.name]: { ...p.schema, description: p.description } }, required: p.required ? [p.name] : [] });
    return { ...f!, notes: [`in ${p.in}`, ...f!.notes] };
  });
}

function Body({ schema }: { schema: Json }) {
  const root = rootOf(schema);
  return (
    <div>
      {(root.fields.length === 0 || root.type.some((p) => typeof p !== "string")) && (
        <p className="text-sm">
          <TypeText parts={root.type} />
        </p>
      )}
      <FieldList fields={root.fields} variants={root.variants} />
    </div>
  );
}

export function Operation({ method, path, o, doc, base }: { method: string; path: string; o: OpenApiOperation; doc: OpenApiDocument; base: string }) {
  const headingId = `${o.operationId}-title`;
  const successes = Object.entries(o.responses).filter(([s]) => Number(s) < 400);
  const errors = Object.entries(o.responses).filter(([s]) => Number(s) >= 400);
  const params = paramFields(o);
  const body = o.requestBody?.content["application/json"]?.schema;
  return (
    <section id={o.operationId} aria-labelledby={headingId} className="scroll-mt-20 rounded-xl bg-white p-4 shadow-sm ring-1 ring-black/5 sm:p-5">
      <h3 id={headingId} className="text-lg font-semibold">
        <a href={`#${o.operationId}`} className="hover:underline">
          {o.summary}
        </a>
      </h3>
      <p className="mt-1 flex flex-wrap items-center gap-2">
        <MethodBadge method={method} />
        <code className="break-all font-mono text-sm text-ink-800">{path}</code>
      </p>
      <dl className="mt-3 flex flex-wrap gap-x-5 gap-y-1 text-xs text-slate-700">
        <div className="flex gap-1">
          <dt className="font-semibold">Access</dt>
          <dd>{access(o)}</dd>
        </div>
        <div className="flex gap-1">
          <dt className="font-semibold">API key scope</dt>
          <dd>{o["x-scopes"].length ? <code className="font-mono">{o["x-scopes"].join(", ")}</code> : "none (keys refused)"}</dd>
        </div>
        <div className="flex gap-1">
          <dt className="font-semibold">Rate limit</dt>
          <dd>{o["x-rate-limit"] ? rateText(o["x-rate-limit"] as PolicyName) : "none"}</dd>
        </div>
      </dl>
      {o.description?.split("\n\n").filter((para) => para !== o["x-access"]).map((para, i) => (
        <p key={i} className="mt-3 text-sm text-slate-700">
          <InlineMarkdown text={para} />
        </p>
      ))}
      {params.length > 0 && (
        <>
          <h4 className="mt-4 text-sm font-semibold uppercase tracking-wide text-slate-600">Parameters</h4>
          <FieldList fields={params} />
        </>
      )}
      {body && (
        <>
          <h4 className="mt-4 text-sm font-semibold uppercase tracking-wide text-slate-600">Request body (JSON)</h4>
          <Body schema={body} />
        </>
      )}
      {successes.map(([status, r]) => (
        <div key={status}>
          <h4 className="mt-4 text-sm font-semibold uppercase tracking-wide text-slate-600">
            {status}{" "}
            <span className="font-normal normal-case tracking-normal">
              <InlineMarkdown text={r.description} />
            </span>
          </h4>
          {r.content && Object.values(r.content)[0] && <Body schema={Object.values(r.content)[0]!.schema} />}
        </div>
      ))}
      <h4 className="mt-4 text-sm font-semibold uppercase tracking-wide text-slate-600">Errors</h4>
      <ul className="mt-1 space-y-1 text-sm">
        {errors.map(([status, r]) => (
          <li key={status} className="flex flex-wrap gap-x-2">
            <span className="font-mono font-semibold">{status}</span>
            <span className="flex flex-wrap gap-1">
              {(r["x-error-codes"] ?? []).map((c) => (
                <a key={c} href="#errors" className="rounded bg-slate-100 px-1 font-mono text-xs leading-5 text-ink-800 hover:underline">
                  {c}
                </a>
              ))}
            </span>
          </li>
        ))}
      </ul>
      <h4 className="mt-4 text-sm font-semibold uppercase tracking-wide text-slate-600">Example</h4>
      <pre className="mt-1 whitespace-pre-wrap break-all rounded-lg bg-ink-900 p-3 font-mono text-xs text-slate-100">{curlOf(method, path, o, doc, base)}</pre>
    </section>
  );
}
