import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { POST as login } from "@/app/api/v1/users/login/route";
import { POST as register } from "@/app/api/v1/users/register/route";
import { listOutbox } from "@/lib/notifications/outbox";
import { authenticate, confirmEmail, registerSchema, registerUser, requestPasswordReset, resetPassword } from "./accounts";
import { verifyApiToken } from "./api-token";

const input = (email: string) => registerSchema.parse({ name: "Meera Iyer", email, phone: "98200 12345", password: "Kolam-sunrise-7" });
const tokenFrom = (body: string, path: string) => body.match(new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`))?.[1];

describe("accounts", () => {
  it("registers with a normalised email and phone, queues a verification email, and refuses a duplicate in any case", async () => {
    const user = await registerUser(input("Meera@Example.test"));
    expect(user.email).toBe("meera@example.test");
    expect(user.phone).toBe("+919820012345");
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const [mail] = await listOutbox({ recipient: "meera@example.test" });
    expect(mail).toMatchObject({ kind: "email_verify", channel: "EMAIL", status: "PENDING" });
    await expect(registerUser(input("MEERA@example.test"))).rejects.toMatchObject({ code: "EMAIL_TAKEN" });

    const token = tokenFrom(mail!.bodyText, "/verify-email");
    expect(await confirmEmail(token!)).toBe(true);
    expect(await confirmEmail(token!)).toBe(false);
  });

  it("rejects weak passwords and malformed contacts with field messages", () => {
    const r = registerSchema.safeParse({ name: "", email: "nope", phone: "12", password: "password" });
    expect(r.success).toBe(false);
    const fields = new Set(r.error!.issues.map((i) => i.path[0]));
    expect(fields).toEqual(new Set(["name", "email", "phone", "password"]));
    expect(registerSchema.safeParse({ name: "A", email: "a@b.test", phone: "+14155550100", password: "aaaaaaaaaaa1" }).success).toBe(false);
  });

  it("authenticates only the right password, and unknown emails the same way", async () => {
    await registerUser(input("ravi@example.test"));
    expect((await authenticate("RAVI@example.test", "Kolam-sunrise-7"))?.email).toBe("ravi@example.test");
    expect(await authenticate("ravi@example.test", "Kolam-sunrise-8")).toBeNull();
    expect(await authenticate("nobody@example.test", "Kolam-sunrise-7")).toBeNull();
  });

  it("resets a password with a one-time link that dies with use", async () => {
    const user = await registerUser(input("anil@example.test"));
    await requestPasswordReset("ANIL@example.test");
    await requestPasswordReset("ghost@example.test"); // no account: nothing queued, no error
    const mails = await listOutbox({ recipient: "anil@example.test" });
    const reset = mails.find((m) => m.kind === "password_reset")!;
    const token = tokenFrom(reset.bodyText, "/reset-password")!;
    expect((await listOutbox({ recipient: "ghost@example.test" })).length).toBe(0);

    await resetPassword(token, "Brand-new-pass-9");
    expect(await authenticate("anil@example.test", "Kolam-sunrise-7")).toBeNull();
    expect((await authenticate("anil@example.test", "Brand-new-pass-9"))?.id).toBe(user.id);
    await expect(resetPassword(token, "Another-pass-10")).rejects.toMatchObject({ code: "INVALID_STATE" });

    await requestPasswordReset("anil@example.test");
    await db.execute(sql`UPDATE auth_tokens SET expires_at = now() - interval '1 minute' WHERE used_at IS NULL`);
    const [latest] = (await listOutbox({ recipient: "anil@example.test" })).filter((m) => m.kind === "password_reset");
    await expect(resetPassword(tokenFrom(latest!.bodyText, "/reset-password")!, "Expired-pass-11")).rejects.toMatchObject({ code: "INVALID_STATE" });
    const stored = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM auth_tokens WHERE token_hash = ${token}`);
    expect(stored[0]!.n).toBe(0); // only hashes are stored
  });
});

describe("login and register API", () => {
  const post = (handler: typeof login, body: unknown, ip = "203.0.113.7") =>
    handler(new NextRequest("http://localhost/api/v1/x", { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": ip }, body: JSON.stringify(body) }), {
      params: Promise.resolve({}),
    });

  it("issues a bearer token for the right password and one 401 message otherwise", async () => {
    const created = await post(register, { name: "Kabir", email: "kabir@example.test", phone: "+919811111111", password: "Chai-and-rain-3" });
    expect(created.status).toBe(201);
    const ok = await post(login, { email: "kabir@example.test", password: "Chai-and-rain-3" });
    const body = (await ok.json()) as { token: string; user: { id: string } };
    expect(await verifyApiToken(body.token)).toEqual({ userId: body.user.id, version: 0 });
    const wrong = (await (await post(login, { email: "kabir@example.test", password: "nope-nope-1" })).json()) as { error: { message: string } };
    const unknown = (await (await post(login, { email: "who@example.test", password: "nope-nope-1" })).json()) as { error: { message: string } };
    expect(wrong.error.message).toBe(unknown.error.message);
    expect((await post(register, { name: "Kabir", email: "KABIR@example.test", phone: "+919811111111", password: "Chai-and-rain-3" })).status).toBe(409);
  });

  it("limits sign-in attempts per account, from any address, with 429 and Retry-After", async () => {
    const email = `limited-${Date.now()}@example.test`;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await post(login, { email, password: "wrong-pass-1" }, "198.51.100.9")).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const limited = await post(login, { email, password: "wrong-pass-1" }, "198.51.100.9");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // The account's counter, not the address's: another address is limited too, another account not.
    expect((await post(login, { email, password: "wrong-pass-1" }, "198.51.100.10")).status).toBe(429);
    expect((await post(login, { email: `other-${email}`, password: "wrong-pass-1" }, "198.51.100.9")).status).toBe(401);
  });
});
