// Password guessing is limited the same at every door: the API login and Auth.js' credentials
// endpoint (behind the sign-in form) share one counter per account and one per client address.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as login } from "@/app/api/v1/users/login/route";
import { resetEnvCache } from "@/lib/env.js";
import { configureRateLimiter } from "@/lib/ratelimit";
import { browserSignIn, callRoute, forwardedFor, randomIp } from "@/lib/testing/auth-client";
import { createUser, TEST_PASSWORD } from "@/lib/testing/users";

vi.mock("next/headers", () => ({ headers: async () => (await import("@/lib/testing/auth-client")).authHeaders.current }));

const apiLogin = (email: string, password: string, ip = randomIp()) =>
  callRoute(login, { method: "POST", body: { email, password }, headers: { "x-forwarded-for": forwardedFor(ip) } });

describe("sign-in limits", () => {
  beforeAll(() => {
    process.env.TRUSTED_PROXY_HOPS = "1";
    resetEnvCache();
  });
  afterAll(() => {
    delete process.env.TRUSTED_PROXY_HOPS;
    resetEnvCache();
  });
  afterEach(() => configureRateLimiter());

  it("count browser sign-ins and API logins against one limit per account", async () => {
    const user = await createUser();
    // Five wrong API logins, each from a different address...
    for (let i = 0; i < 5; i++) expect((await apiLogin(user.email, "wrong-password-1")).status).toBe(401);
    // ...and the right password at Auth.js' own endpoint is refused too, from yet another one.
    const refused = await browserSignIn(user.email, TEST_PASSWORD);
    expect(refused.signedIn).toBe(false);
    expect(new URL(refused.location).searchParams.get("code")).toBe("rate_limited");

    const other = await createUser();
    for (let i = 0; i < 5; i++) expect((await browserSignIn(other.email, "wrong-password-1")).signedIn).toBe(false);
    const limited = await apiLogin(other.email, TEST_PASSWORD);
    expect(limited).toMatchObject({ status: 429, body: { error: { code: "RATE_LIMITED" } } });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("count them against one limit per client address, whichever accounts are tried", { timeout: 60_000 }, async () => {
    const ip = randomIp();
    const accounts = await Promise.all(Array.from({ length: 4 }, () => createUser()));
    // With Redis the limiter is Upstash's sliding window, which weighs the previous minute's count
    // down as the new minute goes on: 20 guesses straddling a minute boundary can count as 19.
    // Start them early in a minute, so all 21 fall in one.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 40_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
    // 20 guesses a minute per address (signInAddress), spread over accounts, half in the browser.
    for (let i = 0; i < 20; i++) {
      const email = accounts[i % 4]!.email;
      if (i % 2) expect((await apiLogin(email, "wrong-password-1", ip)).status).toBe(401);
      else expect((await browserSignIn(email, "wrong-password-1", ip)).location).toContain("code=credentials");
    }
    const fresh = await createUser();
    expect((await apiLogin(fresh.email, TEST_PASSWORD, ip)).status).toBe(429);
    expect((await browserSignIn(fresh.email, TEST_PASSWORD, ip)).location).toContain("code=rate_limited");
    // A client cannot step around it by writing its own X-Forwarded-For: the proxy's entry counts.
    const spoofed = await callRoute(login, { method: "POST", body: { email: fresh.email, password: TEST_PASSWORD }, headers: { "x-forwarded-for": `203.0.113.99, ${ip}` } });
    expect(spoofed.status).toBe(429);
    expect((await apiLogin(fresh.email, TEST_PASSWORD)).status).toBe(200);
  });
});
