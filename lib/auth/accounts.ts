import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { authTokens, users } from "@/db/schema";
import { env } from "@/lib/env.js";
import { AppError } from "@/lib/errors";
import { enqueue } from "@/lib/notifications/outbox";
import { passwordResetEmail, verifyEmail } from "@/lib/notifications/templates";
import { hashPassword, passwordSchema, verifyAgainstDummy, verifyPassword } from "./password";

export type User = typeof users.$inferSelect;
export type Role = User["role"];

export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email("Enter a valid email address"));

/** Phone numbers are kept as +<digits>; a bare 10-digit number is taken as Indian (+91). */
export const phoneSchema = z
  .string()
  .trim()
  .transform((p) => p.replace(/[\s().-]/g, ""))
  .refine((p) => /^\+?[0-9]{10,15}$/.test(p), "Enter a phone number with its country code, e.g. +91 98200 12345")
  .transform((p) => (p.startsWith("+") ? p : p.length === 10 ? `+91${p}` : `+${p}`));

export const registerSchema = z.object({
  name: z.string().trim().min(1, "Tell us your name").max(80),
  email: emailSchema,
  phone: phoneSchema,
  password: passwordSchema,
});

export type PublicUser = { id: string; name: string; email: string; phone: string | null; role: Role; emailVerified: boolean; createdAt: Date };

export const publicUser = (u: User): PublicUser => ({
  id: u.id,
  name: u.name,
  email: u.email,
  phone: u.phone,
  role: u.role,
  emailVerified: u.emailVerifiedAt !== null,
  createdAt: u.createdAt,
});

const RESET_MINUTES = 30;
const VERIFY_HOURS = 48;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

async function issueToken(tx: Executor, userId: string, purpose: "PASSWORD_RESET" | "EMAIL_VERIFY", ttlMs: number) {
  const token = randomBytes(32).toString("base64url");
  await tx.insert(authTokens).values({ userId, purpose, tokenHash: sha256(token), expiresAt: new Date(Date.now() + ttlMs) });
  return token;
}

/** Creates an account and queues its verification email, in one transaction. */
export async function registerUser(input: z.output<typeof registerSchema>): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx.insert(users).values({ name: input.name, email: input.email, phone: input.phone, passwordHash }).returning();
      const token = await issueToken(tx, user!.id, "EMAIL_VERIFY", VERIFY_HOURS * 3600_000);
      const url = `${env().APP_URL}/verify-email?token=${token}`;
      await enqueue(tx, { channel: "EMAIL", kind: "email_verify", userId: user!.id, recipient: user!.email, ...verifyEmail(user!.name, url) });
      return user!;
    });
  } catch (err) {
    if (isUniqueViolation(err, "users_email_lower_key")) {
      throw new AppError("EMAIL_TAKEN", "An account with this email already exists. Sign in or reset your password.", {
        details: { fieldErrors: { email: ["An account with this email already exists"] } },
      });
    }
    throw err;
  }
}

/** The user with this email and password, or null. Unknown emails cost the same time. */
export async function authenticate(email: string, password: string): Promise<User | null> {
  const [user] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email.trim().toLowerCase())).limit(1);
  if (!user?.passwordHash) return verifyAgainstDummy(password).then(() => null);
  return (await verifyPassword(user.passwordHash, password)) ? user : null;
}

export async function getUserById(id: string, ex: Executor = db): Promise<User | undefined> {
  const [user] = await ex.select().from(users).where(eq(users.id, id)).limit(1);
  return user;
}

/** Queues a reset link if the account exists; says nothing either way. */
export async function requestPasswordReset(email: string): Promise<void> {
  const [user] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase())).limit(1);
  if (!user) return;
  await db.transaction(async (tx) => {
    const token = await issueToken(tx, user.id, "PASSWORD_RESET", RESET_MINUTES * 60_000);
    const url = `${env().APP_URL}/reset-password?token=${token}`;
    await enqueue(tx, { channel: "EMAIL", kind: "password_reset", userId: user.id, recipient: user.email, ...passwordResetEmail(user.name, url, RESET_MINUTES) });
  });
}

/** Spends a one-time token: the conditional update makes a second use (or a race) fail. */
async function consumeToken(tx: Executor, token: string, purpose: "PASSWORD_RESET" | "EMAIL_VERIFY"): Promise<string | null> {
  const [row] = await tx
    .update(authTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(authTokens.tokenHash, sha256(token)), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt), gt(authTokens.expiresAt, new Date())))
    .returning({ userId: authTokens.userId });
  return row?.userId ?? null;
}

export async function resetPassword(token: string, newPassword: string): Promise<User> {
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(async (tx) => {
    const userId = await consumeToken(tx, token, "PASSWORD_RESET");
    if (!userId) throw new AppError("INVALID_STATE", "This reset link has expired or was already used. Ask for a new one.");
    // Other outstanding reset links die with this one.
    await tx.update(authTokens).set({ usedAt: new Date() }).where(and(eq(authTokens.userId, userId), eq(authTokens.purpose, "PASSWORD_RESET"), isNull(authTokens.usedAt)));
    // Following the link proves the address too; whoever knew the old password is signed out.
    const [user] = await tx
      .update(users)
      .set({ passwordHash, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())`, tokenVersion: sql`${users.tokenVersion} + 1` })
      .where(eq(users.id, userId))
      .returning();
    return user!;
  });
}

/**
 * Ends every session and API token of the user (sign-out): they carry the old token_version.
 * With `ifVersion`, only while that is still the current one, so a revoked session replayed at
 * sign-out cannot end the sessions that came after it.
 */
export async function revokeSessions(userId: string, opts: { ifVersion?: number } = {}, ex: Executor = db): Promise<void> {
  const current = opts.ifVersion === undefined ? undefined : eq(users.tokenVersion, opts.ifVersion);
  await ex.update(users).set({ tokenVersion: sql`${users.tokenVersion} + 1` }).where(and(eq(users.id, userId), current));
}

export async function confirmEmail(token: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const userId = await consumeToken(tx, token, "EMAIL_VERIFY");
    if (!userId) return false;
    await tx.update(users).set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` }).where(eq(users.id, userId));
    return true;
  });
}
