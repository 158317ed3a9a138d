import { createServer, type AddressInfo } from "node:net";
import nodemailer from "nodemailer";
import { describe, expect, it } from "vitest";
import { LEASE_SECONDS } from "./dispatcher";
import { EMAIL_SEND_TIMEOUT_MS, SMS_SEND_TIMEOUT_MS, SMTP_TIMEOUTS, smtpTransport, twilioTransport, withDeadline } from "./transports";

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

describe("send deadlines and the outbox lease", () => {
  it("the outbox lease outlasts the slowest email and SMS send, every SMTP step included", () => {
    expect(Object.keys(SMTP_TIMEOUTS).sort()).toEqual(["connectionTimeout", "dnsTimeout", "greetingTimeout", "socketTimeout"]);
    for (const ms of Object.values(SMTP_TIMEOUTS)) expect(ms).toBeGreaterThan(0);
    expect(EMAIL_SEND_TIMEOUT_MS).toBe(SMTP_TIMEOUTS.dnsTimeout + SMTP_TIMEOUTS.connectionTimeout + SMTP_TIMEOUTS.greetingTimeout + SMTP_TIMEOUTS.socketTimeout);
    expect(LEASE_SECONDS * 1000).toBeGreaterThan(EMAIL_SEND_TIMEOUT_MS);
    expect(LEASE_SECONDS * 1000).toBeGreaterThan(SMS_SEND_TIMEOUT_MS);
  });

  it("hands nodemailer the SMTP timeouts as transport options, next to the URL's", () => {
    const seen: unknown[] = [];
    const real = nodemailer.createTransport;
    nodemailer.createTransport = ((...args: Parameters<typeof real>) => (seen.push(args[0]), real(...args))) as typeof real;
    try {
      smtpTransport("smtp://mailer:secret@127.0.0.1:2525", "Marquee <t@marquee.test>");
    } finally {
      nodemailer.createTransport = real;
    }
    expect((seen[0] as { options: Record<string, unknown> }).options).toMatchObject({ ...SMTP_TIMEOUTS, host: "127.0.0.1", port: 2525, auth: { user: "mailer", pass: "secret" } });
  });

  it("nodemailer itself gives up on a server that never greets, at greetingTimeout", async () => {
    const server = createServer(() => {}); // accepts, says nothing
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const mail = smtpTransport(`smtp://127.0.0.1:${port}`, "Marquee <t@marquee.test>", { dnsTimeout: 5_000, connectionTimeout: 5_000, greetingTimeout: 150, socketTimeout: 5_000 });
      const started = Date.now();
      await expect(mail.send({ to: "a@example.test", subject: "s", text: "t" })).rejects.toThrow(/Greeting never received/);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      server.close();
    }
  });

  it("a send is given up at its deadline even when the transport would wait on", async () => {
    const started = Date.now();
    await expect(withDeadline(new Promise(() => {}), 100, "SMTP send")).rejects.toThrow("SMTP send took longer than 100 ms");
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
