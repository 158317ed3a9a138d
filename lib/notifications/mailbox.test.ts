import { afterEach, describe, expect, it } from "vitest";
import type { User } from "@/lib/auth/accounts";
import { parseEnv, resetEnvCache } from "@/lib/env.js";
import { canReadDevMailbox, devMailboxEnabled, mailDeliveryWarning } from "./mailbox";

const as = (role: User["role"]) => ({ id: "5d1c0c1e-0000-4c1b-9f55-3b1e0e7a2f10", role }) as User;

function withEnv(vars: Record<string, string>) {
  for (const [k, v] of Object.entries(vars)) process.env[k] = v;
  resetEnvCache();
}

describe("dev mailbox", () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of ["DEV_MAILBOX", "SMTP_URL"]) delete process.env[k];
    Object.assign(process.env, saved);
    resetEnvCache();
  });

  it("is closed without DEV_MAILBOX, even with no SMTP configured", () => {
    delete process.env.SMTP_URL;
    delete process.env.DEV_MAILBOX;
    resetEnvCache();
    expect(devMailboxEnabled()).toBe(false);
    expect(canReadDevMailbox(as("admin"))).toBe(false);
  });

  it("with DEV_MAILBOX=true opens to admins only, and closes once SMTP delivers", () => {
    withEnv({ DEV_MAILBOX: "true" });
    delete process.env.SMTP_URL;
    resetEnvCache();
    expect(canReadDevMailbox(as("admin"))).toBe(true);
    for (const role of ["customer", "staff", "scanner"] as const) expect(canReadDevMailbox(as(role)), role).toBe(false);
    expect(canReadDevMailbox(null)).toBe(false);
    withEnv({ SMTP_URL: "smtp://mail.example:587" });
    expect(canReadDevMailbox(as("admin"))).toBe(false);
  });

  it("refuses a DEV_MAILBOX that is not true or false", () => {
    expect(() => parseEnv({ DEV_MAILBOX: "yes" })).toThrow(/DEV_MAILBOX/);
  });

  it("warns a production server whose email reaches nobody", () => {
    expect(mailDeliveryWarning(parseEnv({ NODE_ENV: "production" }))).toMatch(/SMTP_URL is not set/);
    expect(mailDeliveryWarning(parseEnv({ NODE_ENV: "production", SMTP_URL: "smtp://mail.example:587" }))).toBeNull();
    expect(mailDeliveryWarning(parseEnv({ NODE_ENV: "production", DEV_MAILBOX: "true" }))).toBeNull();
    expect(mailDeliveryWarning(parseEnv({ NODE_ENV: "development" }))).toBeNull();
  });
});
