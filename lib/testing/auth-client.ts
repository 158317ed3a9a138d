// Drives Auth.js through its own /api/auth endpoints, and route handlers with the same headers
// seen by auth(): what a browser does, without one. Test files mock next/headers with
// `authHeaders` (auth() reads the request's cookies through it).
import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";

export const BASE = "http://localhost:3000";
/** The request headers auth() sees: `vi.mock("next/headers", () => ({ headers: async () => authHeaders.current }))`. */
export const authHeaders = { current: new Headers() };
export const randomIp = () => `198.51.${randomBytes(1)[0]}.${(randomBytes(1)[0]! % 250) + 1}`;
/** Behind one trusted proxy (TRUSTED_PROXY_HOPS=1): whatever the client wrote, then the proxy's entry. */
export const forwardedFor = (ip: string) => `10.9.9.9, ${ip}`;

export type Jar = Map<string, string>;
export const cookieHeader = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
function keep(jar: Jar, res: Response) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const i = pair!.indexOf("=");
    jar.set(pair!.slice(0, i), pair!.slice(i + 1));
  }
}

/** A form POST to an Auth.js endpoint with its CSRF token, as its own pages send. */
export async function authPost(path: string, jar: Jar, form: Record<string, string>, ip = randomIp()) {
  const csrf = await handlers.GET(new NextRequest(`${BASE}/api/auth/csrf`, { headers: { cookie: cookieHeader(jar) } }));
  keep(jar, csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await handlers.POST(
    new NextRequest(`${BASE}${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar), "x-forwarded-for": forwardedFor(ip) },
      body: new URLSearchParams({ ...form, csrfToken, callbackUrl: BASE }),
    }),
  );
  keep(jar, res);
  return res;
}

/** Signs in at Auth.js' credentials endpoint (what the sign-in form's action ends up calling). */
export async function browserSignIn(email: string, password: string, ip = randomIp()) {
  const jar: Jar = new Map();
  const res = await authPost("/api/auth/callback/credentials", jar, { email, password }, ip);
  return { jar, location: res.headers.get("location") ?? "", signedIn: [...jar.keys()].some((k) => k.includes("authjs.session-token")) };
}

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;

/** Calls a route handler; auth() sees the same headers. */
export async function callRoute(handler: Handler, opts: { method?: string; headers?: Record<string, string>; params?: Record<string, string>; body?: unknown } = {}) {
  const headers = new Headers(opts.headers);
  if (opts.body !== undefined) headers.set("content-type", "application/json");
  authHeaders.current = headers;
  const res = await handler(new NextRequest(`${BASE}/api/v1/x`, { method: opts.method ?? "GET", headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) }), {
    params: Promise.resolve(opts.params ?? {}),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as { token?: string; error?: { code: string } } };
}
