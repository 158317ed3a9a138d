import { describe, expect, it } from "vitest";
import { twilioTransport } from "./transports";

describe("Twilio SMS adapter", () => {
  it("sends through the SDK's messages.create with our sender and answers the message sid", async () => {
    const calls: unknown[] = [];
    const client = { messages: { create: async (m: unknown) => (calls.push(m), { sid: "SM123" }) } };
    const sms = twilioTransport({ accountSid: "AC_test", authToken: "token-token-token", from: "+15005550006", client: client as never });
    expect(await sms.send({ to: "+919820000000", body: "Marquee Booked!" })).toEqual({ id: "SM123" });
    expect(calls).toEqual([{ to: "+919820000000", from: "+15005550006", body: "Marquee Booked!" }]);
  });

  it("lets a provider error through so the dispatcher retries", async () => {
    const client = { messages: { create: async () => Promise.reject(Object.assign(new Error("Too Many Requests"), { status: 429 })) } };
    const sms = twilioTransport({ accountSid: "AC_test", authToken: "token-token-token", from: "+15005550006", client: client as never });
    await expect(sms.send({ to: "+919820000000", body: "x" })).rejects.toThrow("Too Many Requests");
  });
});
