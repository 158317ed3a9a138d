// "Answers outside the document": one answer of one operation, held against the OpenAPI
// document. A success must be a documented status with a body matching its schema (unknown
// fields included: the schemas are closed); an error's status and code must be among those the
// operation documents. The drift tests run every route handler's answers through this.
import type { OpenApiDocument } from "./openapi";
import { checkJson } from "./json-schema-check";

type Ref = { method: string; path: string; operationId: string };

/** What is wrong with this answer, one line each; empty when it is inside the document. */
export function checkAnswer(doc: OpenApiDocument, o: Ref, status: number, contentType: string | null, body: unknown): string[] {
  const operation = doc.paths[o.path]?.[o.method.toLowerCase()];
  if (!operation) return [`${o.method} ${o.path} is not in the document`];
  const documented = Object.keys(operation.responses);
  const response = operation.responses[String(status)];
  if (!response) return [`status ${status} is not documented (documented: ${documented.join(", ")})`];
  if (status >= 400) {
    const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
    const codes = response["x-error-codes"] ?? [];
    if (typeof code !== "string") return [`error answer without error.code: ${JSON.stringify(body)?.slice(0, 200)}`];
    if (!codes.includes(code as never)) {
      const all = documented.filter((s) => Number(s) >= 400).flatMap((s) => operation.responses[s]!["x-error-codes"] ?? []);
      return [`error code ${code} (status ${status}) is not documented for this operation (documented: ${all.join(", ")})`];
    }
  }
  const media = response.content ? Object.entries(response.content) : [];
  if (media.length === 0) return body === undefined || body === "" ? [] : [`status ${status} is documented without a body, but the answer has one`];
  const type = (contentType ?? "").split(";")[0]!.trim();
  const entry = media.find(([t]) => t === type);
  if (!entry) return [`content type ${type || "(none)"} is not documented for status ${status} (documented: ${media.map(([t]) => t).join(", ")})`];
  if (!type.includes("json")) return [];
  return checkJson(entry[1].schema, body, doc).map((e) => `body ${e}`);
}
