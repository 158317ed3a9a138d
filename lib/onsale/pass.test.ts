import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { signPass, verifyPass } from "./pass";

const secret = "test-secret-0123456789";
const show = "6f1c1f7e-7a57-4a53-9a38-4f3a0f5d7b01";
const other = "0b6e3a52-1f32-4d0b-8a3e-5d0f2f9a1c02";
const alice = "9a1d5c1e-2b44-4b7e-9c1a-7e3d2f1b0c03";
const bob = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e04";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err instanceof AppError ? err.code : "THREW";
  }
}

describe("queue pass", () => {
  it("is accepted for its account and show until it expires", () => {
    const now = Date.UTC(2026, 11, 5, 12);
    const { token, expiresAt } = signPass(secret, show, alice, { now, ttlSeconds: 600 });
    expect(expiresAt.getTime()).toBe(now + 600_000);
    expect(verifyPass(secret, token, show, alice, now + 599_000).expiresAt).toEqual(expiresAt);
    expect(codeOf(() => verifyPass(secret, token, show, alice, now + 600_000))).toBe("QUEUE_PASS_EXPIRED");
  });

  it("refuses another account's or show's pass, a forged one and a missing one", () => {
    const { token } = signPass(secret, show, alice);
    expect(codeOf(() => verifyPass(secret, token, show, bob))).toBe("QUEUE_PASS_INVALID");
    expect(codeOf(() => verifyPass(secret, token, other, alice))).toBe("QUEUE_PASS_INVALID");
    expect(codeOf(() => verifyPass("another-secret", token, show, alice))).toBe("QUEUE_PASS_INVALID");
    expect(codeOf(() => verifyPass(secret, null, show, alice))).toBe("QUEUE_PASS_REQUIRED");
    expect(codeOf(() => verifyPass(secret, "", show, alice))).toBe("QUEUE_PASS_REQUIRED");
  });

  it("refuses a pass whose expiry was moved or whose form is wrong", () => {
    const now = Date.now();
    const { token } = signPass(secret, show, alice, { now, ttlSeconds: 60 });
    const [v, exp, sig] = token.split(".");
    expect(codeOf(() => verifyPass(secret, `${v}.${Number(exp) + 3600}.${sig}`, show, alice))).toBe("QUEUE_PASS_INVALID");
    for (const bad of ["p1", "p1..", `p2.${exp}.${sig}`, `p1.${exp}.${sig}x`, `p1.-1.${sig}`, `p1.${exp}.${sig}.x`]) {
      expect(codeOf(() => verifyPass(secret, bad, show, alice)), bad).toBe("QUEUE_PASS_INVALID");
    }
  });
});
