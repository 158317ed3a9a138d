// Drift tests drive route handlers as an API client would and keep a tally of what each
// operation answered, so a test can require that every documented success status was seen (a
// contract never exercised proves nothing). The answers themselves are held against the OpenAPI
// document by the drift hook lib/testing/setup-db.ts installs; this wraps that hook.
import { NextRequest } from "next/server";
import { expect } from "vitest";
import { isOperation } from "@/lib/api/contract";
import type { Operation } from "@/lib/api/contract/op";
import type { Json } from "./route-call";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;

export type CallOptions = {
  token?: string;
  method?: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
};

export type Answer = { status: number; body: Json; headers: Headers; text: string };

/** Calls a handler with a Bearer token, a JSON body and path params, as Next would. */
export async function call(handler: Handler, opts: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers["content-type"] ??= "application/json";
  const qs = opts.query ? `?${new URLSearchParams(opts.query)}` : "";
  const req = new NextRequest(`http://localhost/api/v1/x${qs}`, {
    method: opts.method ?? (opts.body === undefined ? "GET" : "POST"),
    headers,
    body: opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body),
  });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  const json = text && (res.headers.get("content-type") ?? "").includes("json") ? (JSON.parse(text) as Json) : ({} as Json);
  return { status: res.status, body: json, headers: res.headers, text };
}

/** operationId → the statuses (and error codes, as "409 SEATS_UNAVAILABLE") it answered. */
export type Tally = Map<string, Set<string>>;

/** Counts every answer route() gives, then lets the drift check judge it. Returns the tally and an uninstall. */
export function tallyAnswers(): { tally: Tally; restore: () => void } {
  const tally: Tally = new Map();
  const check = globalThis.__marqueeOnResponse;
  if (!check) throw new Error("The drift hook is not installed (lib/testing/setup-db.ts): these tests would check nothing.");
  globalThis.__marqueeOnResponse = async (spec, req, res) => {
    if (isOperation(spec)) {
      let code = "";
      if (res.status >= 400) code = ` ${((await res.clone().json()) as { error?: { code?: string } }).error?.code ?? "?"}`;
      const seen = tally.get(spec.operationId) ?? new Set<string>();
      seen.add(`${res.status}${code}`);
      tally.set(spec.operationId, seen);
    }
    await check(spec, req, res);
  };
  return { tally, restore: () => void (globalThis.__marqueeOnResponse = check) };
}

/** Every documented success status of these operations was answered at least once. */
export function expectEverySuccessSeen(tally: Tally, operations: readonly Operation[]): void {
  const missing = operations.flatMap((o) =>
    Object.keys(o.responses)
      .filter((status) => !tally.get(o.operationId)?.has(status))
      .map((status) => `${o.operationId} ${status}`),
  );
  expect(missing, "documented answers no test produced").toEqual([]);
}

/** The operations a contract module exports. */
export const operationsOf = (module: Record<string, unknown>): Operation[] => Object.values(module).filter(isOperation);
