import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ENV_KEYS, envVar, parseEnv } from "./env.js";

/** `NAME=value` lines of .env.example, commented out or not, in order. */
function exampleLines(): [string, string][] {
  const text = readFileSync(path.join(import.meta.dirname, "..", ".env.example"), "utf8");
  return [...text.matchAll(/^#? ?([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]);
}

describe("environment validation", () => {
  it("runs on no configuration at all (embedded defaults)", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PGLITE_DIR).toBe(".data/pglite");
    expect(env.HOLD_MINUTES).toBe(10);
  });

  it("names every bad variable in one error", () => {
    const bad = () => parseEnv({ DATABASE_URL: "mysql://x", HOLD_MINUTES: "ten", STRIPE_SECRET_KEY: "pk_live_oops" });
    expect(bad).toThrow(/DATABASE_URL: must start with postgres:\/\/ or postgresql:\/\//);
    expect(bad).toThrow(/HOLD_MINUTES/);
    expect(bad).toThrow(/STRIPE_SECRET_KEY/);
  });

  it("requires the Upstash URL and token together", () => {
    expect(() => parseEnv({ UPSTASH_REDIS_REST_URL: "http://127.0.0.1:8079" })).toThrow(/UPSTASH_REDIS_REST_TOKEN/);
    expect(parseEnv({ UPSTASH_REDIS_REST_URL: "http://127.0.0.1:8079", UPSTASH_REDIS_REST_TOKEN: "t" }).UPSTASH_REDIS_REST_URL).toBe(
      "http://127.0.0.1:8079",
    );
  });

  it("has a check-in window of 3 hours before to 6 hours after the start, and refuses a negative or unbounded one", () => {
    expect(parseEnv({})).toMatchObject({ CHECKIN_OPENS_MINUTES_BEFORE: 180, CHECKIN_CLOSES_MINUTES_AFTER: 360 });
    expect(parseEnv({ CHECKIN_OPENS_MINUTES_BEFORE: "60" }).CHECKIN_OPENS_MINUTES_BEFORE).toBe(60);
    expect(() => parseEnv({ CHECKIN_OPENS_MINUTES_BEFORE: "-5" })).toThrow(/CHECKIN_OPENS_MINUTES_BEFORE/);
    expect(() => parseEnv({ CHECKIN_CLOSES_MINUTES_AFTER: "100000" })).toThrow(/CHECKIN_CLOSES_MINUTES_AFTER/);
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", SMTP_URL: " " }).DATABASE_URL).toBeUndefined();
  });

  it("reads OAuth credentials, PORT and VITEST through the schema", () => {
    expect(parseEnv({ AUTH_GITHUB_ID: "id", AUTH_GITHUB_SECRET: "secret" })).toMatchObject({ AUTH_GITHUB_ID: "id", AUTH_GITHUB_SECRET: "secret" });
    expect(parseEnv({ PORT: "3300" }).PORT).toBe("3300");
    expect(parseEnv({ PORT: "" }).PORT).toBeUndefined();
    expect(() => parseEnv({ PORT: "http" })).toThrow(/PORT: must be a port number/);
    expect(parseEnv({ VITEST: "true" }).VITEST).toBe("true");
  });
});

describe("envVar", () => {
  const saved = process.env.REDIS_TIMEOUT_MS;
  afterEach(() => {
    if (saved === undefined) delete process.env.REDIS_TIMEOUT_MS;
    else process.env.REDIS_TIMEOUT_MS = saved;
  });

  it("reads the variable at each call, validated by its own rule", () => {
    delete process.env.REDIS_TIMEOUT_MS;
    expect(envVar("REDIS_TIMEOUT_MS")).toBe(300);
    process.env.REDIS_TIMEOUT_MS = "1500";
    expect(envVar("REDIS_TIMEOUT_MS")).toBe(1500);
    process.env.REDIS_TIMEOUT_MS = "5";
    expect(() => envVar("REDIS_TIMEOUT_MS")).toThrow(/REDIS_TIMEOUT_MS/);
  });
});

describe(".env.example", () => {
  it("lists every variable of the schema, each once, and nothing else", () => {
    const names = exampleLines().map(([name]) => name);
    expect(names.filter((n, i) => names.indexOf(n) !== i), "listed twice").toEqual([]);
    expect([...names].sort()).toEqual([...ENV_KEYS].sort());
  });

  it("leaves everything commented out, and its examples are valid values", () => {
    const text = readFileSync(path.join(import.meta.dirname, "..", ".env.example"), "utf8");
    expect(text.match(/^[A-Z][A-Z0-9_]*=.*$/gm), "uncommented lines").toBeNull();
    expect(() => parseEnv(Object.fromEntries(exampleLines()))).not.toThrow();
  });
});
