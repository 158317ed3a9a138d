// Calls a route handler as Next would, for tests: a GET of `path` with these path params.
import { NextRequest } from "next/server";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies are asserted field by field
export type Json = Record<string, any>;

export type RouteHandler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;

export async function callRoute(handler: RouteHandler, path: string, params: Record<string, string> = {}): Promise<{ status: number; body: Json }> {
  const res = await handler(new NextRequest(`http://localhost${path}`), { params: Promise.resolve(params) });
  return { status: res.status, body: (await res.json()) as Json };
}
