// A JSON Schema 2020-12 checker for the keywords our generated document uses (what zod 4's
// toJSONSchema emits, plus `$ref` into the document's components). Small and dependency-free:
// the drift tests hold live answers against the document with it. Unknown keywords are ignored,
// so a schema it cannot read is lenient, never a false alarm.
type Schema = Record<string, unknown> | boolean;

const FORMATS: Record<string, (s: string) => boolean> = {
  "date-time": (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
  date: (s) => /^\d{4}-\d{2}-\d{2}$/.test(s),
  uuid: (s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s),
  email: (s) => /^[^\s@]+@[^\s@]+$/.test(s),
  uri: (s) => /^[a-z][a-z0-9+.-]*:/i.test(s),
};

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function typeMatches(want: string, v: unknown): boolean {
  const got = typeOf(v);
  return want === got || (want === "number" && got === "integer");
}

const show = (v: unknown) => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}…` : s;
};

/**
 * The places where `value` breaks `schema`, as "$.path: what is wrong" lines; empty when it
 * conforms. `root` resolves `$ref`s of the form "#/components/schemas/Name" (any JSON pointer).
 */
export function checkJson(schema: Schema, value: unknown, root: unknown, path = "$"): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${path}: not allowed here`];
  const s = schema;
  const errors: string[] = [];

  if (typeof s.$ref === "string") {
    const target = resolvePointer(root, s.$ref);
    if (target === undefined) return [`${path}: unresolvable $ref ${s.$ref}`];
    errors.push(...checkJson(target as Schema, value, root, path));
  }
  if (Array.isArray(s.allOf)) for (const sub of s.allOf) errors.push(...checkJson(sub as Schema, value, root, path));
  for (const key of ["anyOf", "oneOf"] as const) {
    const subs = s[key];
    if (!Array.isArray(subs)) continue;
    const results = subs.map((sub) => checkJson(sub as Schema, value, root, path));
    const passing = results.filter((r) => r.length === 0).length;
    if (key === "anyOf" ? passing === 0 : passing !== 1) {
      if (passing > 1) errors.push(`${path}: matches ${passing} of oneOf, expected exactly one`);
      else errors.push(...results.reduce((best, r) => (r.length < best.length ? r : best)));
    }
  }
  if (s.not !== undefined && checkJson(s.not as Schema, value, root, path).length === 0) errors.push(`${path}: must not match ${show(s.not)}`);

  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((t) => typeMatches(t, value))) return [...errors, `${path}: expected ${types.join(" or ")}, got ${typeOf(value)} ${show(value)}`];
  }
  if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) errors.push(`${path}: ${show(value)} is not one of ${show(s.enum)}`);
  if ("const" in s && JSON.stringify(s.const) !== JSON.stringify(value)) errors.push(`${path}: expected ${show(s.const)}, got ${show(value)}`);

  if (typeof value === "string") {
    if (typeof s.minLength === "number" && [...value].length < s.minLength) errors.push(`${path}: shorter than ${s.minLength}`);
    if (typeof s.maxLength === "number" && [...value].length > s.maxLength) errors.push(`${path}: longer than ${s.maxLength}`);
    // A format says it better than the regex zod emits beside it: report the format alone.
    const badFormat = typeof s.format === "string" && FORMATS[s.format] !== undefined && !FORMATS[s.format]!(value);
    if (badFormat) errors.push(`${path}: ${show(value)} is not a ${String(s.format)}`);
    else if (typeof s.pattern === "string" && !new RegExp(s.pattern, "u").test(value)) {
      errors.push(`${path}: ${show(value)} does not match /${s.pattern.length > 60 ? `${s.pattern.slice(0, 57)}…` : s.pattern}/`);
    }
  }
  if (typeof value === "number") {
    if (typeof s.minimum === "number" && value < s.minimum) errors.push(`${path}: ${value} < minimum ${s.minimum}`);
    if (typeof s.maximum === "number" && value > s.maximum) errors.push(`${path}: ${value} > maximum ${s.maximum}`);
    if (typeof s.exclusiveMinimum === "number" && value <= s.exclusiveMinimum) errors.push(`${path}: ${value} <= ${s.exclusiveMinimum}`);
    if (typeof s.exclusiveMaximum === "number" && value >= s.exclusiveMaximum) errors.push(`${path}: ${value} >= ${s.exclusiveMaximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === "number" && value.length < s.minItems) errors.push(`${path}: fewer than ${s.minItems} items`);
    if (typeof s.maxItems === "number" && value.length > s.maxItems) errors.push(`${path}: more than ${s.maxItems} items`);
    const prefix = Array.isArray(s.prefixItems) ? (s.prefixItems as Schema[]) : [];
    value.forEach((item, i) => {
      const sub = i < prefix.length ? prefix[i] : (s.items as Schema | undefined);
      if (sub !== undefined) errors.push(...checkJson(sub, item, root, `${path}[${i}]`));
    });
  }
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    const props = (s.properties ?? {}) as Record<string, Schema>;
    for (const key of (s.required ?? []) as string[]) if (!(key in obj)) errors.push(`${path}.${key}: required but missing`);
    for (const [key, v] of Object.entries(obj)) {
      const at = `${path}.${key}`;
      if (s.propertyNames !== undefined) errors.push(...checkJson(s.propertyNames as Schema, key, root, `${at} (name)`));
      if (key in props) errors.push(...checkJson(props[key]!, v, root, at));
      else if (s.additionalProperties === false) errors.push(`${at}: not in the document (unexpected field)`);
      else if (s.additionalProperties !== undefined) errors.push(...checkJson(s.additionalProperties as Schema, v, root, at));
    }
  }
  return errors;
}

/** The node a "#/a/b" JSON pointer names in `root`. */
export function resolvePointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  let node = root;
  for (const raw of ref.slice(1).split("/").slice(1)) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (!node || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
