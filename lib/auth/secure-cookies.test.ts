import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env.js";

// Auth.js is configured once, when lib/auth loads: load it afresh under each APP_URL.
async function csrfCookie(appUrl: string) {
  process.env.APP_URL = appUrl;
  resetEnvCache();
  vi.resetModules();
  const { handlers } = await import("./index");
  // Behind a TLS-terminating proxy the app itself is reached over plain http.
  const res = await handlers.GET(new NextRequest("http://10.0.0.5:3000/api/auth/csrf"));
  return res.headers.getSetCookie().find((c) => c.includes("authjs.csrf-token"))!;
}

describe("Auth.js cookies", () => {
  const saved = process.env.APP_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.APP_URL;
    else process.env.APP_URL = saved;
    resetEnvCache();
  });

  it("are Secure (and __Host-/__Secure- prefixed) when APP_URL is https, whatever the hop to the app", async () => {
    const cookie = await csrfCookie("https://marquee.example");
    expect(cookie).toMatch(/^__Host-authjs\.csrf-token=/);
    expect(cookie).toMatch(/;\s*Secure/i);
  });

  it("stay usable on a plain-http APP_URL (localhost)", async () => {
    const cookie = await csrfCookie("http://localhost:3000");
    expect(cookie).toMatch(/^authjs\.csrf-token=/);
    expect(cookie).not.toMatch(/;\s*Secure/i);
  });
});
