// JSON Schema → what the docs page shows: a compact field tree (name, type, required,
// description) instead of raw JSON, and example values for the curl lines. Pure, over the
// generated document, so the page and its tests read the same thing.
type Json = Record<string, unknown>;

/** A type, as text with links: "array of ", {ref: "Event"}. */
export type TypePart = string | { ref: string };

export type Field = {
  name: string;
  type: TypePart[];
  required: boolean;
  description?: string;
  /** "1–50", "default 24", "pattern …": what a client must respect. */
  notes: string[];
  /** Fields of an inline object (or of an array's inline object items). */
  children: Field[];
  /** Alternatives of a union of inline objects, each with its fields. */
  variants: { label: string; fields: Field[] }[];
};

const REF = "#/components/schemas/";
export const refName = (ref: string) => (ref.startsWith(REF) ? ref.slice(REF.length) : ref);

const isNull = (s: unknown) => !!s && typeof s === "object" && (s as Json).type === "null";

function branches(s: Json): Json[] | undefined {
  const b = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  return Array.isArray(b) ? b : undefined;
}

function inlineObject(s: Json): boolean {
  return s.type === "object" && !!s.properties;
}

/** The type of one schema as parts, with "| null" folded into "nullable" by the caller. */
export function typeOf(s: Json): TypePart[] {
  if (typeof s.$ref === "string") return [{ ref: refName(s.$ref) }];
  const alts = branches(s);
  if (alts) {
    const nonNull = alts.filter((a) => !isNull(a));
    const parts: TypePart[] = [];
    nonNull.forEach((a, i) => parts.push(...(i ? [" | "] : []), ...typeOf(a)));
    return parts.length ? parts : ["null"];
  }
  if (Array.isArray(s.allOf)) return (s.allOf as Json[]).flatMap((a, i) => [...(i ? [" & "] : []), ...typeOf(a)]);
  if ("const" in s) return [JSON.stringify(s.const)];
  if (Array.isArray(s.enum)) {
    const values = (s.enum as unknown[]).map((v) => JSON.stringify(v));
    return [values.length > 8 ? `${values.slice(0, 8).join(" | ")} | … (${values.length})` : values.join(" | ")];
  }
  if (s.type === "array") return ["array of ", ...(s.items ? typeOf(s.items as Json) : ["any"])];
  if (s.type === "object" && !s.properties && s.additionalProperties && typeof s.additionalProperties === "object") {
    return ["map of ", ...typeOf(s.additionalProperties as Json)];
  }
  if (typeof s.type === "string") return [s.format ? `${s.type} (${String(s.format)})` : s.type];
  if (Array.isArray(s.type)) return [(s.type as string[]).join(" | ")];
  return ["any"];
}

function notesOf(s: Json): string[] {
  const notes: string[] = [];
  const range = (lo: unknown, hi: unknown, unit = "") =>
    lo !== undefined && hi !== undefined ? `${lo}–${hi}${unit}` : lo !== undefined ? `≥ ${lo}${unit}` : hi !== undefined ? `≤ ${hi}${unit}` : null;
  const numeric = range(s.minimum ?? s.exclusiveMinimum, s.maximum ?? s.exclusiveMaximum);
  const safeInt = (v: unknown) => typeof v === "number" && Math.abs(v) >= Number.MAX_SAFE_INTEGER;
  if (numeric && !safeInt(s.minimum) && !safeInt(s.maximum)) notes.push(numeric);
  const length = range(s.minLength, s.maxLength, " chars");
  if (length) notes.push(length);
  const items = range(s.minItems, s.maxItems, " items");
  if (items) notes.push(items);
  if (s.default !== undefined) notes.push(`default ${JSON.stringify(s.default)}`);
  return notes;
}

function field(name: string, raw: Json, required: boolean): Field {
  const alts = branches(raw);
  const typeList = Array.isArray(raw.type) ? (raw.type as string[]) : undefined;
  const nullable = !!alts?.some(isNull) || !!typeList?.includes("null");
  const nonNull = alts?.filter((a) => !isNull(a));
  // "X | null" reads as X, nullable; an inline object's fields show either way.
  let s = nonNull && nonNull.length === 1 ? { ...nonNull[0]!, description: raw.description ?? nonNull[0]!.description } : raw;
  if (typeList?.includes("null")) {
    const rest = typeList.filter((t) => t !== "null");
    s = { ...s, type: rest.length === 1 ? rest[0] : rest };
  }
  const type = typeOf(s);
  if (nullable) type.push(", nullable");
  const target = s.type === "array" && s.items ? (s.items as Json) : s;
  const objectAlts = branches(target)?.filter((a) => inlineObject(a)) ?? [];
  return {
    name,
    type: objectAlts.length > 1 ? [s.type === "array" ? "array of one of" : "one of"] : type,
    required,
    description: typeof s.description === "string" ? s.description : undefined,
    notes: notesOf(s),
    children: inlineObject(target) ? fieldsOf(target) : [],
    variants:
      objectAlts.length > 1
        ? objectAlts.map((a, i) => {
            const kind = Object.entries((a.properties ?? {}) as Record<string, Json>).find(([, p]) => "const" in p);
            return { label: kind ? `${kind[0]}: ${JSON.stringify(kind[1].const)}` : `variant ${i + 1}`, fields: fieldsOf(a) };
          })
        : [],
  };
}

/** The fields of an object schema (none for anything else). */
export function fieldsOf(s: Json): Field[] {
  const props = (s.properties ?? {}) as Record<string, Json>;
  const required = new Set((s.required ?? []) as string[]);
  return Object.entries(props).map(([name, p]) => field(name, p, required.has(name)));
}

/** A schema's root as one field-like description: its type and, for objects, its fields. */
export function rootOf(s: Json): { type: TypePart[]; fields: Field[]; variants: Field["variants"] } {
  const f = field("", s, true);
  return { type: f.type, fields: f.children, variants: f.variants };
}

/** An example value for a schema: what a curl line sends (required fields only). */
export function exampleOf(s: Json, doc: unknown, depth = 0): unknown {
  if (depth > 6) return null;
  if (typeof s.$ref === "string") {
    const target = refName(s.$ref);
    const schemas = ((doc as Json).components as Json | undefined)?.schemas as Record<string, Json> | undefined;
    return schemas?.[target] ? exampleOf(schemas[target]!, doc, depth + 1) : null;
  }
  if (s.examples && Array.isArray(s.examples)) return s.examples[0];
  if (s.default !== undefined) return s.default;
  if ("const" in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  const alts = branches(s);
  if (alts) return exampleOf(alts.find((a) => !isNull(a)) ?? alts[0]!, doc, depth + 1);
  switch (s.type) {
    case "object": {
      const required = new Set((s.required ?? []) as string[]);
      const props = Object.entries((s.properties ?? {}) as Record<string, Json>).filter(([k]) => required.has(k));
      return Object.fromEntries(props.map(([k, p]) => [k, exampleFor(k, p, doc, depth)]));
    }
    case "array":
      return s.items ? [exampleOf(s.items as Json, doc, depth + 1)] : [];
    case "integer":
    case "number":
      return typeof s.minimum === "number" ? s.minimum : 1;
    case "boolean":
      return true;
    case "string":
      return s.format === "uuid" ? "00000000-0000-4000-8000-000000000000" : s.format === "email" ? "you@example.com" : s.format === "date" ? "2026-12-24" : "…";
    default:
      return null;
  }
}

/** Examples read better with the field's name in mind. */
function exampleFor(name: string, s: Json, doc: unknown, depth: number): unknown {
  if (s.type === "string" && !s.format && !s.enum) {
    const byName: Record<string, string> = { email: "you@example.com", password: "a-long-passphrase", name: "Asha Rao", phone: "+919820012345", code: "…" };
    if (byName[name]) return byName[name];
  }
  return exampleOf(s, doc, depth + 1);
}
