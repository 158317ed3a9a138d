import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.js";

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
});
