import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkJson, resolvePointer } from "./json-schema-check";

const schemaOf = (s: z.ZodType) => z.toJSONSchema(s, { io: "output" }) as Record<string, unknown>;

describe("checkJson", () => {
  const Seat = z.object({ id: z.uuid(), status: z.enum(["AVAILABLE", "BOOKED"]), priceMinor: z.int().min(0).nullable(), at: z.iso.datetime() });
  const seat = { id: "6f1c2a52-6c3a-4a53-9a3e-2b1d9f0e1a11", status: "AVAILABLE", priceMinor: 100, at: "2026-12-06T10:00:00.000Z" };

  it("passes what zod itself would produce, and names each place that differs", () => {
    const s = schemaOf(Seat);
    expect(checkJson(s, seat, s)).toEqual([]);
    expect(checkJson(s, { ...seat, priceMinor: null }, s)).toEqual([]);
    expect(checkJson(s, { ...seat, id: "nope", status: "GONE", priceMinor: 1.5, at: "yesterday", extra: 1 }, s)).toEqual([
      '$.id: "nope" is not a uuid',
      '$.status: "GONE" is not one of ["AVAILABLE","BOOKED"]',
      "$.priceMinor: expected integer, got number 1.5",
      '$.at: "yesterday" is not a date-time',
      "$.extra: not in the document (unexpected field)",
    ]);
  });

  it("follows $refs into the document, and reports one it cannot resolve", () => {
    const doc = { components: { schemas: { Seat: schemaOf(Seat) } } };
    const list = { type: "array", items: { $ref: "#/components/schemas/Seat" } };
    expect(checkJson(list, [seat], doc)).toEqual([]);
    expect(checkJson(list, [{ ...seat, status: 1 }], doc)[0]).toMatch(/^\$\[0\]\.status/);
    expect(checkJson({ $ref: "#/components/schemas/Nope" }, {}, doc)).toEqual(["$: unresolvable $ref #/components/schemas/Nope"]);
    expect(resolvePointer(doc, "#/components/schemas/Seat")).toBe(doc.components.schemas.Seat);
  });

  it("holds unions: anyOf needs one branch, oneOf exactly one", () => {
    const s = schemaOf(z.discriminatedUnion("kind", [z.object({ kind: z.literal("a"), n: z.int() }), z.object({ kind: z.literal("b"), s: z.string() })]));
    expect(checkJson(s, { kind: "a", n: 1 }, s)).toEqual([]);
    expect(checkJson(s, { kind: "b", n: 1 }, s).length).toBeGreaterThan(0);
    expect(checkJson({ oneOf: [{ type: "integer" }, { type: "number" }] }, 1, {})).toEqual(["$: matches 2 of oneOf, expected exactly one"]);
  });

  it("checks records' keys and values", () => {
    const s = schemaOf(z.record(z.string().regex(/^[a-z]+$/), z.int()));
    expect(checkJson(s, { ab: 1 }, s)).toEqual([]);
    expect(checkJson(s, { AB: "x" }, s)).toHaveLength(2);
  });
});
