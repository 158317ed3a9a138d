// Test-only: holds every answer a route handler gives in Vitest against the OpenAPI document
// (see route()'s hook). A route not yet described by an operation is skipped. A violation throws
// out of the handler call, so the test that made it fails and says where.
import { isOperation } from "@/lib/api/contract";
import { checkAnswer } from "@/lib/api/drift";
import { openApiDocument } from "@/lib/api/openapi";

export class ApiDriftError extends Error {
  override name = "ApiDriftError";
}

export async function driftOf(spec: unknown, res: Response): Promise<string[]> {
  if (!isOperation(spec)) return [];
  const text = await res.text();
  let body: unknown = text === "" ? undefined : text;
  if (text && (res.headers.get("content-type") ?? "").includes("json")) body = JSON.parse(text);
  return checkAnswer(openApiDocument(), spec, res.status, res.headers.get("content-type"), body);
}

export function installApiDriftCheck(): void {
  globalThis.__marqueeOnResponse = async (spec, req, res) => {
    const problems = await driftOf(spec, res);
    if (problems.length === 0 || !isOperation(spec)) return;
    const url = new URL(req.url);
    throw new ApiDriftError(
      `Answer outside the OpenAPI document: ${spec.operationId} (${spec.method} ${spec.path}) answered ${res.status} to ${req.method} ${url.pathname}${url.search}\n  ${problems.slice(0, 8).join("\n  ")}`,
    );
  };
}
