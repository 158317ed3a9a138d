// Helpers for building the large-mode SQL text. Everything interpolated here is our own constant
// data (word lists, numbers, dates), never user input, so it is inlined as literals.

export const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

export const textArray = (items: readonly (string | number)[]) =>
  `ARRAY[${items.map((x) => (typeof x === "number" ? String(x) : lit(x))).join(",")}]`;

/** A deterministic pseudo-random non-negative int for row `expr`; `salt` separates the draws. */
export const hash = (expr: string, salt: number) => `(hashint8extended((${expr})::int8, ${salt}) & 2147483647)`;

/** Uniform in [0, 1) for row `expr`. */
export const uniform = (expr: string, salt: number) => `(${hash(expr, salt)}::float8 / 2147483648.0)`;

/** 0-based index below `n` for row `expr`. */
export const index = (expr: string, salt: number, n: number | string) => `(${hash(expr, salt)} % (${n}))::int`;

/** One element of a constant list for row `expr`. */
export const pick = (expr: string, salt: number, items: readonly (string | number)[]) =>
  `(${textArray(items)})[1 + ${index(expr, salt, items.length)}]`;
