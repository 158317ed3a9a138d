// Browser sessions (Auth.js, driven through its own /api/auth endpoints) and API tokens end on
// sign-out and password reset, and an Authorization header is never quietly swapped for the cookie.
import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as login } from "@/app/api/v1/users/login/route";
import { POST as logout } from "@/app/api/v1/users/logout/route";
import { POST as register } from "@/app/api/v1/users/register/route";
import { GET as profile } from "@/app/api/v1/users/[userId]/profile/route";
import { POST as initiate } from "@/app/api/v1/bookings/initiate/route";
import { listOutbox } from "@/lib/notifications/outbox";
import { configureRateLimiter } from "@/lib/ratelimit";
import { authHeaders, authPost, browserSignIn, callRoute, cookieHeader } from "@/lib/testing/auth-client";
import { createUser, TEST_PASSWORD } from "@/lib/testing/users";
import { requestPasswordReset, resetPassword } from "./accounts";
import { sessionUser } from "./current-user";

vi.mock("next/headers", () => ({ headers: async () => (await import("@/lib/testing/auth-client")).authHeaders.current }));

// current-user.ts keeps a token's user row this long: revocation takes effect within it.
const TOKEN_USER_TTL_MS = 2_000;

const apiLogin = async (email: string) => (await callRoute(login, { method: "POST", body: { email, password: TEST_PASSWORD } })).body.token!;
const profileWith = (userId: string, headers: Record<string, string>) => callRoute(profile, { params: { userId }, headers });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
async function sessionOf(cookie: string) {
  authHeaders.current = new Headers({ cookie });
  return sessionUser();
}

describe("sessions", () => {
  // Fresh in-process counts: these sign-ins are not what is being tested.
  beforeEach(() => configureRateLimiter({ redis: null }));
  afterEach(() => {
    vi.useRealTimers();
    configureRateLimiter();
  });

  it("end, browser and API alike, when the user signs out in the browser", async () => {
    const user = await createUser();
    const browser = await browserSignIn(user.email, TEST_PASSWORD);
    expect(browser.signedIn).toBe(true);
    const cookie = cookieHeader(browser.jar);
    expect((await sessionOf(cookie))?.id).toBe(user.id);
    const token = await apiLogin(user.email);
    expect((await profileWith(user.id, bearer(token))).status).toBe(200);

    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    // Auth.js' sign-out endpoint, which the header's sign-out action calls.
    await authPost("/api/auth/signout", new Map(browser.jar), {});
    vi.advanceTimersByTime(TOKEN_USER_TTL_MS + 1);
    // The old cookie, replayed, is no session; the API token from before is refused.
    expect(await sessionOf(cookie)).toBeNull();
    expect((await profileWith(user.id, { cookie })).status).toBe(401);
    expect(await profileWith(user.id, bearer(token))).toMatchObject({ status: 401, body: { error: { code: "UNAUTHORIZED" } } });

    // Signing out again with the revoked cookie does not end the session that came after it.
    const next = cookieHeader((await browserSignIn(user.email, TEST_PASSWORD)).jar);
    await authPost("/api/auth/signout", new Map(browser.jar), {});
    expect((await sessionOf(next))?.id).toBe(user.id);
  });

  it("end on POST /api/v1/users/logout: that token and every other one", async () => {
    const user = await createUser();
    const [a, b] = [await apiLogin(user.email), await apiLogin(user.email)];
    const cookie = cookieHeader((await browserSignIn(user.email, TEST_PASSWORD)).jar);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const out = await callRoute(logout, { method: "POST", headers: bearer(a!) });
    expect(out).toMatchObject({ status: 200, body: { signedOut: true } });
    vi.advanceTimersByTime(TOKEN_USER_TTL_MS + 1);
    for (const t of [a!, b!]) expect((await profileWith(user.id, bearer(t))).status).toBe(401);
    expect(await sessionOf(cookie)).toBeNull();
    expect((await callRoute(logout, { method: "POST", headers: bearer(a!) })).status).toBe(401);
    // Signing in again works.
    expect((await profileWith(user.id, bearer(await apiLogin(user.email)))).status).toBe(200);
  });

  it("end when the password is reset", async () => {
    const user = await createUser();
    const cookie = cookieHeader((await browserSignIn(user.email, TEST_PASSWORD)).jar);
    const token = await apiLogin(user.email);
    await requestPasswordReset(user.email);
    const [mail] = (await listOutbox({ recipient: user.email })).filter((m) => m.kind === "password_reset");
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    await resetPassword(mail!.bodyText.match(/reset-password\?token=([A-Za-z0-9_-]+)/)![1]!, "Brand-new-pass-9");
    vi.advanceTimersByTime(TOKEN_USER_TTL_MS + 1);
    expect(await sessionOf(cookie)).toBeNull();
    expect((await profileWith(user.id, bearer(token))).status).toBe(401);
    expect((await browserSignIn(user.email, "Brand-new-pass-9")).signedIn).toBe(true);
  });

  it("are not the fallback for a malformed Authorization header: that is a 401", async () => {
    const user = await createUser();
    const cookie = cookieHeader((await browserSignIn(user.email, TEST_PASSWORD)).jar);
    expect((await profileWith(user.id, { cookie })).status).toBe(200);
    for (const authorization of ["Basic YWxhZGRpbjpvcGVuc2VzYW1l", "Bearer", "Bearer two tokens", "token-without-scheme"]) {
      expect(await profileWith(user.id, { cookie, authorization }), authorization).toMatchObject({ status: 401, body: { error: { code: "UNAUTHORIZED" } } });
    }
    // A state change from another site with such a header meets the cookie's origin check first.
    const crossSite = await callRoute(initiate, {
      method: "POST",
      body: { showId: randomBytes(16).toString("hex") },
      headers: { cookie, authorization: "Bearer two tokens", origin: "https://evil.example" },
    });
    expect(crossSite).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
  });

  it("are private: register, login, logout and answers to a signed-in caller are no-store", async () => {
    const registered = await callRoute(register, { method: "POST", body: { name: "Zoya", email: `zoya-${randomBytes(4).toString("hex")}@example.test`, phone: "+919822222222", password: "Chai-and-rain-3" } });
    expect(registered).toMatchObject({ status: 201 });
    expect(registered.headers.get("cache-control")).toBe("no-store");
    const user = await createUser();
    const loggedIn = await callRoute(login, { method: "POST", body: { email: user.email, password: TEST_PASSWORD } });
    expect(loggedIn.headers.get("cache-control")).toBe("no-store");
    const auth = bearer(loggedIn.body.token!);
    expect((await profileWith(user.id, auth)).headers.get("cache-control")).toBe("no-store");
    const cookie = cookieHeader((await browserSignIn(user.email, TEST_PASSWORD)).jar);
    expect((await profileWith(user.id, { cookie })).headers.get("cache-control")).toBe("no-store");
    expect((await callRoute(logout, { method: "POST", headers: auth })).headers.get("cache-control")).toBe("no-store");
  });
});
