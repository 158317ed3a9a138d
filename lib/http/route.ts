import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { AppError, toAppError, type ErrorBody } from "./errors";
import { parseInput, searchParamsToObject } from "./validation";

const MAX_JSON_BYTES = 64 * 1024;

type Schemas = { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType };
type Out<S, K extends keyof Schemas> = S extends Record<K, infer T> ? (T extends z.ZodType ? z.output<T> : undefined) : undefined;

type Ctx<S extends Schemas> = {
  req: NextRequest;
  params: Out<S, "params">;
  query: Out<S, "query">;
  body: Out<S, "body">;
};

export function errorResponse(err: unknown): NextResponse<ErrorBody> {
  const e = toAppError(err);
  return NextResponse.json(
    { error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } },
    { status: e.status, headers: e.headers },
  );
}

async function readJson(req: NextRequest): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.includes("application/json")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send a JSON body with Content-Type: application/json");
  }
  const text = await req.text();
  if (text.length > MAX_JSON_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "Request body is too large");
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    throw new AppError("INVALID_JSON", "Request body is not valid JSON");
  }
}

/**
 * The one wrapper for route handlers: validates path params, query and JSON body with zod,
 * runs the handler, and turns every failure into `{error:{code,message,details}}` with a 4xx
 * (or a logged, opaque 500). A handler returns data (sent as JSON 200) or its own Response.
 */
export function route<S extends Schemas>(
  schemas: S,
  handler: (ctx: Ctx<S>) => Promise<unknown>,
  opts: { status?: number; headers?: Record<string, string> } = {},
) {
  return async (req: NextRequest, context: { params: Promise<Record<string, string | string[]>> }) => {
    try {
      const rawParams = context?.params ? await context.params : {};
      const params = schemas.params ? parseInput(schemas.params, rawParams, "path") : undefined;
      const query = schemas.query
        ? parseInput(schemas.query, searchParamsToObject(req.nextUrl.searchParams), "query")
        : undefined;
      const body = schemas.body ? parseInput(schemas.body, await readJson(req), "body") : undefined;
      const result = await handler({ req, params, query, body } as Ctx<S>);
      if (result instanceof Response) return result;
      return NextResponse.json(result, { status: opts.status ?? 200, headers: opts.headers });
    } catch (err) {
      return errorResponse(err);
    }
  };
}
