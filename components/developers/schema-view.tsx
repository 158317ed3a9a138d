// A schema as a compact field tree: name, type (named schemas link to their definition),
// required or optional, constraints and description. Server-rendered; no client JS.
import type { Field, TypePart } from "@/lib/api/schema-fields";
import { InlineMarkdown } from "./inline-markdown";

export const schemaAnchor = (name: string) => `schema-${name}`;

export function TypeText({ parts }: { parts: TypePart[] }) {
  return (
    <span className="break-words font-mono text-xs text-violet-800">
      {parts.map((p, i) =>
        typeof p === "string" ? (
          <span key={i}>{p}</span>
        ) : (
          <a key={i} href={`#${schemaAnchor(p.ref)}`} className="underline decoration-violet-300 underline-offset-2 hover:decoration-violet-800">
            {p.ref}
          </a>
        ),
      )}
    </span>
  );
}

export function FieldList({ fields, variants = [], depth = 0 }: { fields: Field[]; variants?: Field["variants"]; depth?: number }) {
  if (!fields.length && !variants.length) return null;
  return (
    <>
      {fields.length > 0 && (
        <ul className={depth ? "mt-1 border-l-2 border-slate-200 pl-3" : "divide-y divide-slate-100"}>
          {fields.map((f) => (
            <li key={f.name} className="py-1.5">
              <div className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
                <code className="break-all font-mono text-sm font-semibold text-ink-900">{f.name}</code>
                <TypeText parts={f.type} />
                <span className={f.required ? "text-xs font-medium text-brand-700" : "text-xs text-slate-600"}>{f.required ? "required" : "optional"}</span>
                {f.notes.map((n) => (
                  <span key={n} className="text-xs text-slate-600">
                    {n}
                  </span>
                ))}
              </div>
              {f.description && (
                <p className="mt-0.5 text-sm text-slate-700">
                  <InlineMarkdown text={f.description} />
                </p>
              )}
              <FieldList fields={f.children} variants={f.variants} depth={depth + 1} />
            </li>
          ))}
        </ul>
      )}
      {variants.map((v) => (
        <div key={v.label} className={depth ? "mt-1 pl-3" : "mt-2"}>
          <p className="font-mono text-xs text-slate-600">when {v.label}</p>
          <FieldList fields={v.fields} depth={depth + 1} />
        </div>
      ))}
    </>
  );
}
