// Partner API keys at request time: is this key good, and whom does a call with it act as?
// (Making, listing and revoking keys is lib/admin/api-keys.ts; the key's text format is
// ./api-key-format.ts.)
import "server-only";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { apiKeys, bookings, payments, users } from "@/db/schema";
import type { ApiScope } from "@/lib/auth/scopes";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/telemetry/log.mjs";
import { emailSchema, type User } from "./accounts";
import { parseApiKey, secretMatches } from "./api-key-format";
import { restrictToVenues } from "./authorize";

const logger = log("api-keys");

/** A key that verified: what the request may do, and on whose behalf. */
export type ApiKeyPrincipal = {
  id: string;
  name: string;
  publicId: string;
  scopes: readonly ApiScope[];
  venueIds: readonly string[];
  createdBy: string;
  rateLimitPerMinute: number;
  /** The key's creator as of this lookup (venue:manage acts as them). */
  creator: User | undefined;
};

type KeyRow = { key: typeof apiKeys.$inferSelect; creator: User | null };

// Partners send the key with every call; the row (and its creator) is kept for a second so a burst
// does not read it each time. Revocation, expiry and a creator's demotion take effect within this.
// Unknown ids are remembered too, so a flood of made-up keys is not a query each.
const KEY_TTL_MS = 1_000;
const keyRows = new Map<string, { at: number; row: Promise<KeyRow | undefined> }>();

function cachedKeyRow(publicId: string): Promise<KeyRow | undefined> {
  const now = Date.now();
  const hit = keyRows.get(publicId);
  if (hit && now - hit.at < KEY_TTL_MS) return hit.row;
  const row = db
    .select({ key: apiKeys, creator: users })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(eq(apiKeys.publicId, publicId))
    .limit(1)
    .then((rows) => rows[0]);
  row.catch(() => keyRows.delete(publicId));
  if (keyRows.size >= 10_000) keyRows.delete(keyRows.keys().next().value!);
  keyRows.set(publicId, { at: now, row });
  return row;
}

/** Forgets cached key rows (tests; a revocation in this process). */
export function forgetApiKey(publicId?: string): void {
  if (publicId) keyRows.delete(publicId);
  else keyRows.clear();
}

// last_used_at is for people ("is this key still in use?"), so minute precision is plenty: a write
// per request would turn every read into a write. Each process writes at most once a minute per
// key, and the conditional update keeps several processes from adding up to more.
const TOUCH_EVERY_MS = 60_000;
const touched = new Map<string, number>();

async function touch(id: string): Promise<void> {
  const now = Date.now();
  if (now - (touched.get(id) ?? 0) < TOUCH_EVERY_MS) return;
  touched.set(id, now);
  if (touched.size > 10_000) touched.delete(touched.keys().next().value!);
  try {
    await db
      .update(apiKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '50 seconds'`))));
  } catch (err) {
    // Bookkeeping: never the reason a partner's call fails.
    logger.warn(`Could not record the use of API key ${id}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * The key a bearer token names, if it is well formed, known, its secret matches (compared in
 * constant time), and it is neither revoked nor expired; else null (the caller answers 401).
 */
export async function verifyApiKey(token: string, now = new Date()): Promise<ApiKeyPrincipal | null> {
  const parts = parseApiKey(token);
  if (!parts) return null;
  const found = await cachedKeyRow(parts.publicId);
  if (!found || !secretMatches(parts.secret, found.key.secretHash)) return null;
  const { key } = found;
  if (key.revokedAt || (key.expiresAt && key.expiresAt.getTime() <= now.getTime())) return null;
  await touch(key.id);
  return {
    id: key.id,
    name: key.name,
    publicId: key.publicId,
    scopes: key.scopes as ApiScope[],
    venueIds: key.venueIds,
    createdBy: key.createdBy,
    rateLimitPerMinute: key.rateLimitPerMinute,
    creator: found.creator ?? undefined,
  };
}

export const ON_BEHALF_OF = "on-behalf-of";

/**
 * Whom a call with `key` acts as on a route needing `scope`:
 * - catalog:read: nobody (public data);
 * - bookings:write: the customer named by the On-Behalf-Of header (required when the route needs
 *   a user), their account opened on first use; never a staff, scanner or admin account;
 * - venue:manage: the key's creator, while still staff or admin, limited to the key's venues.
 */
export async function keyActor(key: ApiKeyPrincipal, scope: ApiScope, req: Request, needsUser: boolean): Promise<User | null> {
  if (scope === "venue:manage") {
    const creator = key.creator;
    // The key carries its creator's authority; once they lose it, so does the key.
    if (!creator || (creator.role !== "staff" && creator.role !== "admin")) {
      throw new AppError("UNAUTHORIZED", "This API key's creator no longer manages venues, so the key no longer works.");
    }
    return restrictToVenues(creator, key.venueIds);
  }
  if (scope === "bookings:write") {
    const header = req.headers.get(ON_BEHALF_OF);
    if (header === null && !needsUser) return null;
    return customerOnBehalf(key, header);
  }
  return null;
}

async function customerOnBehalf(key: ApiKeyPrincipal, header: string | null): Promise<User> {
  if (header === null) {
    throw new AppError("VALIDATION_FAILED", "Name the customer this call is for: send an On-Behalf-Of: <customer email> header.", {
      details: { fieldErrors: { "On-Behalf-Of": ["Required with a partner API key"] } },
    });
  }
  const parsed = emailSchema.safeParse(header);
  if (!parsed.success) {
    throw new AppError("VALIDATION_FAILED", "On-Behalf-Of must be the customer's email address.", {
      details: { fieldErrors: { "On-Behalf-Of": ["Enter a valid email address"] } },
    });
  }
  const email = parsed.data;
  const existing = await userByEmail(email);
  const user = existing ?? (await openCustomerAccount(key, email));
  // A key books for customers; staff powers come only from venue:manage, never from an email.
  if (user.role !== "customer") throw new AppError("FORBIDDEN", "On-Behalf-Of must name a customer account.");
  return user;
}

async function userByEmail(email: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email)).limit(1);
  return user;
}

/**
 * A customer account for an email a partner books for: no password (the customer can set one with
 * "Forgot password"), marked as opened by the key. Two first calls at once both end up with the
 * one account: the loser of the insert reads the winner's.
 */
async function openCustomerAccount(key: ApiKeyPrincipal, email: string): Promise<User> {
  const name = email.split("@")[0]!.slice(0, 80) || email;
  const [created] = await db.insert(users).values({ name, email, role: "customer", createdByApiKeyId: key.id }).onConflictDoNothing().returning();
  if (created) {
    logger.info(`API key ${key.publicId} opened a customer account ${created.id}`);
    return created;
  }
  const raced = await userByEmail(email);
  if (!raced) throw new AppError("CONFLICT", "Could not open an account for that email; please try again.");
  return raced;
}

/**
 * A bookings:write key reaches only the bookings it made: acting for a customer by email must not
 * let a partner read, pay for or cancel what that customer booked elsewhere (on the site, or
 * through another partner). A booking or payment of another origin answers 404, as if it did not
 * exist, like anyone else's.
 */
export async function requireKeyOwns(key: ApiKeyPrincipal, params: unknown): Promise<void> {
  const p = (params ?? {}) as { bookingId?: unknown; paymentId?: unknown };
  if (typeof p.bookingId === "string") {
    const [row] = await db.select({ keyId: bookings.apiKeyId }).from(bookings).where(eq(bookings.id, p.bookingId)).limit(1);
    if (!row || row.keyId !== key.id) throw new AppError("NOT_FOUND", "Booking not found");
  }
  if (typeof p.paymentId === "string") {
    const [row] = await db
      .select({ keyId: bookings.apiKeyId })
      .from(payments)
      .innerJoin(bookings, eq(bookings.id, payments.bookingId))
      .where(eq(payments.id, p.paymentId))
      .limit(1);
    if (!row || row.keyId !== key.id) throw new AppError("NOT_FOUND", "Payment not found");
  }
}
