import { afterEach, describe, expect, it, vi } from "vitest";
import { issueApiToken, verifyApiToken } from "./api-token";

describe("API bearer tokens", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("verifies a token, again from memory, and never a token differing by one character", async () => {
    const { token } = await issueApiToken("8a1c5a1e-5d7e-4c1b-9f55-3b1e0e7a2f10");
    expect(await verifyApiToken(token)).toEqual({ userId: "8a1c5a1e-5d7e-4c1b-9f55-3b1e0e7a2f10", version: 0 });
    expect(await verifyApiToken(token)).toEqual({ userId: "8a1c5a1e-5d7e-4c1b-9f55-3b1e0e7a2f10", version: 0 });
    const [header, payload, signature] = token.split(".");
    const flipped = signature!.slice(0, -2) + (signature!.at(-2) === "A" ? "B" : "A") + signature!.at(-1);
    expect(await verifyApiToken(`${header}.${payload}.${flipped}`)).toBeNull();
    expect(await verifyApiToken(`${header}.${payload}`)).toBeNull();
  });

  it("stops accepting a remembered token once it expires", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-25T10:00:00Z"));
    const { token, expiresAt } = await issueApiToken("0b9f3f7e-1111-4c1b-9f55-3b1e0e7a2f10", 3);
    expect(await verifyApiToken(token)).toEqual({ userId: "0b9f3f7e-1111-4c1b-9f55-3b1e0e7a2f10", version: 3 });
    vi.setSystemTime(new Date(expiresAt.getTime() + 1000));
    expect(await verifyApiToken(token)).toBeNull();
  });
});
