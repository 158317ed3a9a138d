import { describe, expect, it } from "vitest";
import { z } from "zod";
import { exampleOf, fieldsOf, rootOf, typeOf } from "./schema-fields";
import { buildOpenApiDocument } from "./openapi";

const json = (s: z.ZodType) => z.toJSONSchema(s, { io: "output" }) as Record<string, unknown>;

describe("schema fields for the docs page", () => {
  it("lists fields with type, required, constraints and description, nesting inline objects", () => {
    const fields = fieldsOf(
      json(
        z.object({
          limit: z.int().min(1).max(50).default(24).describe("Page size."),
          cursor: z.string().nullable(),
          venue: z.object({ id: z.uuid(), name: z.string() }),
          tags: z.array(z.string()).optional(),
        }),
      ),
    );
    expect(fields.map((f) => [f.name, f.type.join(""), f.required])).toEqual([
      ["limit", "integer", true],
      ["cursor", "string, nullable", true],
      ["venue", "object", true],
      ["tags", "array of string", false],
    ]);
    expect(fields[0]!.notes).toEqual(["1–50", "default 24"]);
    expect(fields[0]!.description).toBe("Page size.");
    expect(fields[2]!.children.map((c) => `${c.name}:${c.type.join("")}`)).toEqual(["id:string (uuid)", "name:string"]);
  });

  it("links named schemas and splits unions of objects into variants", () => {
    expect(typeOf({ $ref: "#/components/schemas/Event" })).toEqual([{ ref: "Event" }]);
    expect(typeOf({ type: "array", items: { $ref: "#/components/schemas/Seat" } })).toEqual(["array of ", { ref: "Seat" }]);
    const u = rootOf(json(z.discriminatedUnion("kind", [z.object({ kind: z.literal("a"), x: z.int() }), z.object({ kind: z.literal("b"), y: z.string() })])));
    expect(u.variants.map((v) => v.label)).toEqual(['kind: "a"', 'kind: "b"']);
  });

  it("makes example bodies from required fields, resolving refs", () => {
    const doc = buildOpenApiDocument();
    const login = doc.paths["/users/login"]!.post!.requestBody!.content["application/json"]!.schema;
    expect(exampleOf(login, doc)).toEqual({ email: "you@example.com", password: "a-long-passphrase" });
    expect(exampleOf({ $ref: "#/components/schemas/City" }, doc)).toMatchObject({ id: "…", lat: 1 });
  });
});
