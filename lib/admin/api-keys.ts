// Partner API keys in the admin area: who may make which keys, the list, and revocation.
// Admins manage every key. Staff manage keys for their own venues (and the ones they made), and
// may grant only catalog:read and venue:manage at venues they work at: booking on behalf of any
// customer is a platform decision, so bookings:write is admin-only.
import "server-only";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db/client";
import { apiKeys, users, venues } from "@/db/schema";
import { API_SCOPE_NAMES, type ApiScope } from "@/lib/auth/scopes";
import type { User } from "@/lib/auth/accounts";
import { displayKeyPrefix, generateApiKey } from "@/lib/auth/api-key-format";
import { forgetApiKey } from "@/lib/auth/api-keys";
import { venueScope } from "@/lib/auth/authorize";
import { AppError, notFound } from "@/lib/errors";
import { audit } from "./audit";

/** Scopes staff may put on a key; admins may grant all. */
export const STAFF_GRANTABLE: readonly ApiScope[] = ["catalog:read", "venue:manage"];
export const grantableScopes = (user: User): readonly ApiScope[] => (user.role === "admin" ? API_SCOPE_NAMES : STAFF_GRANTABLE);

/** Form fields arrive as one string or several; none is an empty list. */
const list = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item));

export const EXPIRY_CHOICES = ["never", "30", "90", "365"] as const;

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, "Name the key, e.g. the partner and what it is for").max(80),
  scopes: list(z.enum(API_SCOPE_NAMES)).refine((s) => s.length > 0, "Choose at least one scope"),
  venueIds: list(z.uuid("Not a venue")).refine((v) => v.length <= 200, "Too many venues"),
  expiresIn: z.enum(EXPIRY_CHOICES).default("never"),
  rateLimitPerMinute: z.coerce.number().int("A whole number").min(1).max(6000, "At most 6000 a minute").default(600),
});
export type CreateApiKeyInput = z.output<typeof createApiKeySchema>;

export type CreatedApiKey = { id: string; name: string; key: string; prefix: string };

type KeyValues = { name: string; scopes: ApiScope[]; venueIds: string[]; expiresAt: Date | null; rateLimitPerMinute: number };

/** What `user` may put on a key, checked: refuses scopes and venues they may not grant. */
async function grantable(user: User, input: Omit<KeyValues, "expiresAt">): Promise<Omit<KeyValues, "expiresAt">> {
  if (user.role !== "admin" && user.role !== "staff") throw new AppError("FORBIDDEN", "Only staff and admins manage API keys.");
  const scopes = [...new Set(input.scopes)];
  const allowed = grantableScopes(user);
  const refused = scopes.filter((s) => !allowed.includes(s));
  if (refused.length) {
    throw new AppError("FORBIDDEN", `Only admins can grant ${refused.join(", ")}.`, { details: { fieldErrors: { scopes: [`Only admins can grant ${refused.join(", ")}`] } } });
  }
  // Venues only mean something for venue:manage; without it any sent are dropped, not stored.
  const venueIds = scopes.includes("venue:manage") ? [...new Set(input.venueIds)] : [];
  if (scopes.includes("venue:manage")) {
    if (venueIds.length === 0) {
      throw new AppError("VALIDATION_FAILED", "Choose the venues this key manages.", { details: { fieldErrors: { venueIds: ["Choose at least one venue for venue:manage"] } } });
    }
    const scope = await venueScope(user);
    const known = await db.select({ id: venues.id }).from(venues).where(inArray(venues.id, venueIds));
    const ok = new Set(known.map((v) => v.id).filter((id) => !scope || scope.includes(id)));
    // A venue the caller does not work at is, to them, one that does not exist.
    if (venueIds.some((id) => !ok.has(id))) {
      throw new AppError("NOT_FOUND", "You can only grant venues you manage.", { details: { fieldErrors: { venueIds: ["You can only grant venues you manage"] } } });
    }
  }
  return { name: input.name, scopes, venueIds, rateLimitPerMinute: input.rateLimitPerMinute };
}

async function insertKey(tx: Executor, user: User, values: KeyValues, action: string): Promise<CreatedApiKey> {
  const fresh = generateApiKey();
  const [row] = await tx
    .insert(apiKeys)
    .values({ ...values, publicId: fresh.publicId, secretHash: fresh.secretHash, createdBy: user.id })
    .returning({ id: apiKeys.id });
  const prefix = displayKeyPrefix(fresh.publicId);
  await audit(tx, user, action, "api_key", row!.id, { ...values, prefix });
  return { id: row!.id, name: values.name, key: fresh.key, prefix };
}

/**
 * Makes a key. The full key is in the answer and nowhere else: only its public id and a hash of
 * its secret are stored, so it cannot be shown again.
 */
export async function createApiKey(user: User, input: CreateApiKeyInput, now = new Date()): Promise<CreatedApiKey> {
  const values = await grantable(user, input);
  const expiresAt = input.expiresIn === "never" ? null : new Date(now.getTime() + Number(input.expiresIn) * 86_400_000);
  return db.transaction((tx) => insertKey(tx, user, { ...values, expiresAt }, "api_keys.create"));
}

export type ApiKeyStatus = "active" | "revoked" | "expired";

export type ApiKeySummary = {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  venues: { id: string; name: string }[];
  createdBy: string;
  createdByEmail: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  rateLimitPerMinute: number;
  status: ApiKeyStatus;
};

export const keyStatus = (k: { revokedAt: Date | null; expiresAt: Date | null }, now = new Date()): ApiKeyStatus =>
  k.revokedAt ? "revoked" : k.expiresAt && k.expiresAt.getTime() <= now.getTime() ? "expired" : "active";

/** Whether a staff member (or admin) may see and revoke a key: admins all; staff theirs or their venues'. */
function manages(user: User, scope: string[] | null, key: { createdBy: string; venueIds: string[] }): boolean {
  if (!scope) return true;
  if (key.createdBy === user.id) return true;
  return key.venueIds.length > 0 && key.venueIds.every((v) => scope.includes(v));
}

/** The keys the user manages, newest first. */
export async function listApiKeys(user: User, now = new Date()): Promise<ApiKeySummary[]> {
  if (user.role !== "admin" && user.role !== "staff") return [];
  const scope = await venueScope(user);
  const rows = await db
    .select({ key: apiKeys, creator: { name: users.name, email: users.email } })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.createdBy))
    .orderBy(desc(apiKeys.createdAt))
    .limit(500);
  const mine = rows.filter((r) => manages(user, scope, r.key));
  const venueNames = new Map((await db.select({ id: venues.id, name: venues.name }).from(venues)).map((v) => [v.id, v.name]));
  return mine.map(({ key, creator }) => ({
    id: key.id,
    name: key.name,
    prefix: displayKeyPrefix(key.publicId),
    scopes: key.scopes as ApiScope[],
    venues: key.venueIds.map((id) => ({ id, name: venueNames.get(id) ?? "(removed venue)" })),
    createdBy: creator.name,
    createdByEmail: creator.email,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
    rateLimitPerMinute: key.rateLimitPerMinute,
    status: keyStatus(key, now),
  }));
}

export const revokeApiKeySchema = z.object({ keyId: z.uuid() });

/** Revokes a key at once (every server stops accepting it within a second). Revoking twice is a no-op. */
export async function revokeApiKey(user: User, keyId: string): Promise<{ id: string; name: string }> {
  if (user.role !== "admin" && user.role !== "staff") throw notFound("API key");
  const scope = await venueScope(user);
  const [key] = await db.select().from(apiKeys).where(eq(apiKeys.id, keyId)).limit(1);
  if (!key || !manages(user, scope, key)) throw notFound("API key");
  await db.transaction(async (tx) => {
    const [done] = await tx
      .update(apiKeys)
      .set({ revokedAt: sql`now()`, revokedBy: user.id })
      .where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id });
    if (done) await audit(tx, user, "api_keys.revoke", "api_key", keyId, { name: key.name, prefix: displayKeyPrefix(key.publicId) });
  });
  forgetApiKey(key.publicId);
  return { id: key.id, name: key.name };
}

export const ROLL_OVERLAP_HOURS = ["0", "1", "24", "168"] as const;
export const rollApiKeySchema = z.object({ keyId: z.uuid(), overlapHours: z.enum(ROLL_OVERLAP_HOURS).default("24") });

/**
 * Replaces a key with a new one of the same name, scopes, venues and limit (Stripe's "roll key"):
 * the old one keeps working for `overlapHours` (so a partner can deploy the new one without an
 * outage) and then expires; with 0 it is revoked at once (a leaked key). The caller must be able
 * to see the old key and to grant what it had; the new key is theirs.
 */
export async function rollApiKey(user: User, keyId: string, overlapHours: number, now = new Date()): Promise<CreatedApiKey> {
  if (user.role !== "admin" && user.role !== "staff") throw notFound("API key");
  const scope = await venueScope(user);
  const [old] = await db.select().from(apiKeys).where(eq(apiKeys.id, keyId)).limit(1);
  if (!old || !manages(user, scope, old)) throw notFound("API key");
  if (keyStatus(old, now) !== "active") throw new AppError("INVALID_STATE", "Only an active key can be rolled; make a new one instead.");
  const values = await grantable(user, { name: old.name, scopes: old.scopes as ApiScope[], venueIds: old.venueIds, rateLimitPerMinute: old.rateLimitPerMinute });
  const made = await db.transaction(async (tx) => {
    // Two rolls of one key at once: the second waits here, then finds it no longer active.
    const [locked] = await tx.select().from(apiKeys).where(eq(apiKeys.id, keyId)).for("update");
    if (!locked || keyStatus(locked, now) !== "active" || locked.expiresAt?.getTime() !== old.expiresAt?.getTime()) {
      throw new AppError("INVALID_STATE", "This key was changed meanwhile (revoked or rolled); look again.");
    }
    // The new key ends when the old one would have, if it had an end.
    const fresh = await insertKey(tx, user, { ...values, expiresAt: old.expiresAt }, "api_keys.create");
    if (overlapHours === 0) {
      await tx.update(apiKeys).set({ revokedAt: sql`now()`, revokedBy: user.id }).where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)));
    } else {
      const until = new Date(now.getTime() + overlapHours * 3_600_000);
      const endsAt = old.expiresAt && old.expiresAt < until ? old.expiresAt : until;
      await tx.update(apiKeys).set({ expiresAt: endsAt }).where(eq(apiKeys.id, keyId));
    }
    await audit(tx, user, "api_keys.roll", "api_key", keyId, { name: old.name, prefix: displayKeyPrefix(old.publicId), replacedBy: fresh.prefix, overlapHours });
    return fresh;
  });
  forgetApiKey(old.publicId);
  return made;
}
