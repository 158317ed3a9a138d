// The JSON API and Auth.js endpoints as the specs use them: accounts, sessions and look-ups that
// set a test up without going through the pages under test.
import { expect, type APIRequestContext } from "@playwright/test";
import { DEMO_LOGINS } from "../db/seed/demo-logins";
import { CARD_DECLINED, CARD_OK } from "../lib/testing/cards";

export type Account = { name: string; email: string; password: string };
export type Buyer = Account & { id: string };

const login = (role: (typeof DEMO_LOGINS)[number]["role"]): Account => {
  const { name, email, password } = DEMO_LOGINS.find((l) => l.role === role)!;
  return { name, email, password };
};

/** The seeded demo logins (db/seed/demo-logins.ts), one per role. */
export const DEMO = { admin: login("admin"), staff: login("staff"), door: login("scanner"), customer: login("customer") } as const;

/** The local gateway's test cards, from the one list the gateway itself decides by. */
export const CARDS = { ok: CARD_OK, declined: CARD_DECLINED } as const;
export type Card = (typeof CARDS)[keyof typeof CARDS];

export const unique = () => `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;

/** A new customer account, through POST /api/v1/users/register. */
export async function registerBuyer(request: APIRequestContext, prefix = "buyer"): Promise<Buyer> {
  const account = { name: "Test Buyer", email: `${prefix}-${unique()}@example.test`, password: "Fresh-buyer-pass-1" };
  const phone = `+9198${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
  const res = await request.post("/api/v1/users/register", { data: { ...account, phone } });
  expect(res.status(), `register ${account.email}: ${await res.text()}`).toBe(201);
  return { ...account, id: (await res.json()).user.id as string };
}

/** A bearer token for the API, through POST /api/v1/users/login. */
export async function apiToken(request: APIRequestContext, account: Account): Promise<string> {
  const res = await request.post("/api/v1/users/login", { data: { email: account.email, password: account.password } });
  expect(res.status(), `login ${account.email}: ${await res.text()}`).toBe(200);
  return (await res.json()).token as string;
}

/** An API call with a bearer token that must succeed; answers the JSON body. */
export async function call(request: APIRequestContext, token: string, method: "GET" | "POST", path: string, data?: unknown) {
  const res = await request.fetch(path, { method, headers: { authorization: `Bearer ${token}` }, data });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
  return res.json();
}

/**
 * Signs a browser context in without its pages: Auth.js' credentials endpoint with the CSRF token
 * from /api/auth/csrf, through the context's own request client so the session cookie lands in it.
 */
export async function signInThroughApi(request: APIRequestContext, account: Account) {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const res = await request.post("/api/auth/callback/credentials", {
    form: { email: account.email, password: account.password, csrfToken, callbackUrl: "/" },
    maxRedirects: 0,
  });
  expect(res.status(), `sign in ${account.email}`).toBe(302);
  expect(res.headers().location, `sign in ${account.email}`).not.toMatch(/[?&](error|code)=/);
  const session = await (await request.get("/api/auth/session")).json();
  expect(session?.user?.email, `session of ${account.email}`).toBe(account.email.toLowerCase());
}

/** Which seeded movie shows in Mumbai to consider: events and dates are slices of the listings. */
type ShowSearch = { events: [number, number]; dates: [number, number]; skip: number };

/** A movie show in Mumbai with more than 40 free seats; `skip` picks a different one per test. */
export async function findShow(request: APIRequestContext, { events, dates, skip }: ShowSearch): Promise<string> {
  const listing = await (await request.get("/api/v1/events?city=mumbai&category=movies")).json();
  const candidates: string[] = [];
  for (const event of listing.items.slice(...events)) {
    const first = await (await request.get(`/api/v1/events/${event.id}/shows?city=mumbai`)).json();
    for (const date of first.dates.slice(...dates)) {
      const day = await (await request.get(`/api/v1/events/${event.id}/shows?city=mumbai&date=${date}`)).json();
      for (const v of day.venues) for (const s of v.shows) if (s.availableSeats > 40) candidates.push(s.id);
    }
    if (candidates.length > skip) break;
  }
  expect(candidates.length).toBeGreaterThan(skip);
  return candidates[skip]!;
}
