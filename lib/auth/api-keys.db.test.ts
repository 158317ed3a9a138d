// Partner API keys against a real database: what is stored, when a key stops working, who may
// make which key, and how a venue:manage key narrows its creator's venues.
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { createApiKey, createApiKeySchema, listApiKeys, revokeApiKey, rollApiKey } from "@/lib/admin/api-keys";
import { errorCode } from "@/lib/testing/errors";
import { createCity, createVenue } from "@/lib/testing/fixtures";
import { createUser } from "@/lib/testing/users";
import { parseApiKey } from "./api-key-format";
import { forgetApiKey, verifyApiKey } from "./api-keys";
import { canAccessVenue, restrictToVenues, venueScope } from "./authorize";

type TestUser = Awaited<ReturnType<typeof createUser>>;
let admin: TestUser;
let staffA: TestUser;
let venueA = "";
let venueB = "";
let venueC = "";

const make = (user: TestUser, fields: Record<string, unknown>) => createApiKey(user, createApiKeySchema.parse({ name: "Test key", ...fields }));
const countKeys = async () => (await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM api_keys`))[0]!.n;
const tamper = (key: string) => key.slice(0, -1) + (key.endsWith("A") ? "B" : "A");

beforeAll(async () => {
  const city = await createCity();
  venueA = (await createVenue(city.id)).venue.id;
  venueB = (await createVenue(city.id)).venue.id;
  venueC = (await createVenue(city.id)).venue.id;
  admin = await createUser("admin");
  staffA = await createUser("staff", [venueA, venueC]);
});

describe("API keys at rest", () => {
  it("stores the public id and a SHA-256 of the secret, never the key; the key is shown once", async () => {
    const made = await make(admin, { scopes: ["catalog:read", "bookings:write"] });
    const { publicId, secret } = parseApiKey(made.key)!;
    expect(made.key).toMatch(/^mqk_[a-z2-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(made.prefix).toBe(`mqk_${publicId}…`);
    const [row] = await queryRows<Record<string, unknown>>(db, sql`SELECT * FROM api_keys WHERE id = ${made.id}::uuid`);
    expect(row).toMatchObject({ public_id: publicId, secret_hash: createHash("sha256").update(secret).digest("hex"), rate_limit_per_minute: 600 });
    // Nothing anywhere in the database holds the secret: not the row, not the audit log.
    const everywhere = await queryRows<{ text: string }>(db, sql`SELECT (SELECT json_agg(k)::text FROM api_keys k) || (SELECT json_agg(a)::text FROM audit_log a) AS text`);
    expect(everywhere[0]!.text).toContain(publicId);
    expect(everywhere[0]!.text).not.toContain(secret);
    expect(everywhere[0]!.text).not.toContain(made.key);
    // The list shows only the prefix.
    const listed = (await listApiKeys(admin)).find((k) => k.id === made.id)!;
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(listed).toMatchObject({ prefix: made.prefix, status: "active", scopes: ["catalog:read", "bookings:write"] });
  });

  it("the database refuses unknown scopes, venue:manage without venues, and venues without it", async () => {
    const insert = (scopes: string, venues: string) =>
      db.execute(sql`INSERT INTO api_keys (name, public_id, secret_hash, scopes, venue_ids, created_by)
                     VALUES ('x', ${`p${Math.random().toString(36).slice(2, 13)}`}, ${"a".repeat(64)}, ${scopes}::text[], ${venues}::uuid[], ${admin.id}::uuid)`);
    await expect(insert("{catalog:write}", "{}")).rejects.toThrow();
    await expect(insert("{}", "{}")).rejects.toThrow();
    await expect(insert("{venue:manage}", "{}")).rejects.toThrow();
    await expect(insert("{catalog:read}", `{${venueA}}`)).rejects.toThrow();
    await expect(insert("{venue:manage}", `{${venueA}}`)).resolves.toBeDefined();
  });
});

describe("verifying a key", () => {
  it("accepts the key; refuses malformed, unknown and tampered ones", async () => {
    const made = await make(admin, { scopes: ["catalog:read"] });
    expect(await verifyApiKey(made.key)).toMatchObject({ id: made.id, scopes: ["catalog:read"], rateLimitPerMinute: 600, createdBy: admin.id });
    expect(await verifyApiKey(tamper(made.key))).toBeNull();
    expect(await verifyApiKey(made.key.replace(/^mqk_[a-z2-9]{12}/, "mqk_zzzzzzzzzzzz"))).toBeNull();
    expect(await verifyApiKey("mqk_short_key")).toBeNull();
    expect(await verifyApiKey(made.key + "x")).toBeNull();
  });

  it("a revoked key stops at once here, and within a second when revoked elsewhere", async () => {
    const here = await make(admin, { scopes: ["catalog:read"] });
    expect(await verifyApiKey(here.key)).not.toBeNull();
    await revokeApiKey(admin, here.id);
    expect(await verifyApiKey(here.key)).toBeNull();

    const elsewhere = await make(admin, { scopes: ["catalog:read"] });
    expect(await verifyApiKey(elsewhere.key)).not.toBeNull();
    // Another server revokes it: this process only has its one-second cache to go on.
    await db.execute(sql`UPDATE api_keys SET revoked_at = now(), revoked_by = ${admin.id}::uuid WHERE id = ${elsewhere.id}::uuid`);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await verifyApiKey(elsewhere.key)).toBeNull();
  });

  it("an expired key is refused", async () => {
    const made = await make(admin, { scopes: ["catalog:read"], expiresIn: "30" });
    expect(await verifyApiKey(made.key)).not.toBeNull();
    expect(await verifyApiKey(made.key, new Date(Date.now() + 31 * 86_400_000))).toBeNull();
    await db.execute(sql`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = ${made.id}::uuid`);
    forgetApiKey();
    expect(await verifyApiKey(made.key)).toBeNull();
    expect((await listApiKeys(admin)).find((k) => k.id === made.id)!.status).toBe("expired");
  });

  it("records last use about once a minute, not on every call", async () => {
    const made = await make(admin, { scopes: ["catalog:read"] });
    const lastUsed = async () => (await queryRows<{ at: Date | null }>(db, sql`SELECT last_used_at AS at FROM api_keys WHERE id = ${made.id}::uuid`))[0]!.at;
    expect(await lastUsed()).toBeNull();
    await verifyApiKey(made.key);
    expect(await lastUsed()).not.toBeNull();
    await db.execute(sql`UPDATE api_keys SET last_used_at = NULL WHERE id = ${made.id}::uuid`);
    for (let i = 0; i < 5; i++) await verifyApiKey(made.key);
    expect(await lastUsed()).toBeNull();
  });
});

describe("who may make which key", () => {
  it("staff cannot grant bookings:write or a venue they do not work at; nothing is written", async () => {
    const before = await countKeys();
    expect(await errorCode(make(staffA, { scopes: ["bookings:write"] }))).toBe("FORBIDDEN");
    expect(await errorCode(make(staffA, { scopes: ["catalog:read", "bookings:write"] }))).toBe("FORBIDDEN");
    expect(await errorCode(make(staffA, { scopes: ["venue:manage"], venueIds: [venueB] }))).toBe("NOT_FOUND");
    expect(await errorCode(make(staffA, { scopes: ["venue:manage"], venueIds: [venueA, venueB] }))).toBe("NOT_FOUND");
    expect(await errorCode(make(staffA, { scopes: ["venue:manage"], venueIds: ["00000000-0000-4000-8000-000000000001"] }))).toBe("NOT_FOUND");
    expect(await errorCode(make(staffA, { scopes: ["venue:manage"] }))).toBe("VALIDATION_FAILED");
    const customer = await createUser("customer");
    expect(await errorCode(make(customer, { scopes: ["catalog:read"] }))).toBe("FORBIDDEN");
    expect(await countKeys()).toBe(before);

    const ok = await make(staffA, { scopes: ["catalog:read", "venue:manage"], venueIds: [venueA] });
    const [row] = await queryRows<{ scopes: string[]; venue_ids: string[] }>(db, sql`SELECT scopes, venue_ids FROM api_keys WHERE id = ${ok.id}::uuid`);
    expect(row).toEqual({ scopes: ["catalog:read", "venue:manage"], venue_ids: [venueA] });
    // Venues sent without venue:manage are dropped, not stored.
    const plain = await make(staffA, { scopes: ["catalog:read"], venueIds: [venueB] });
    expect((await queryRows<{ v: string[] }>(db, sql`SELECT venue_ids AS v FROM api_keys WHERE id = ${plain.id}::uuid`))[0]!.v).toEqual([]);
    // Admins grant anything, at any venue.
    await expect(make(admin, { scopes: ["bookings:write", "venue:manage"], venueIds: [venueB] })).resolves.toMatchObject({ key: expect.stringMatching(/^mqk_/) });
  });

  it("staff see and revoke keys for their venues (and their own) only; every change is audited", async () => {
    const forB = await make(admin, { scopes: ["venue:manage"], venueIds: [venueB] });
    const forA = await make(admin, { scopes: ["venue:manage"], venueIds: [venueA] });
    const platform = await make(admin, { scopes: ["catalog:read"] });
    const own = await make(staffA, { scopes: ["catalog:read"] });
    const seen = (await listApiKeys(staffA)).map((k) => k.id);
    expect(seen).toContain(forA.id);
    expect(seen).toContain(own.id);
    expect(seen).not.toContain(forB.id);
    expect(seen).not.toContain(platform.id);
    expect(await errorCode(revokeApiKey(staffA, forB.id))).toBe("NOT_FOUND");
    expect(await errorCode(revokeApiKey(staffA, platform.id))).toBe("NOT_FOUND");
    await revokeApiKey(staffA, forA.id);
    await revokeApiKey(staffA, forA.id); // twice: a no-op
    const audits = await queryRows<{ action: string; user_id: string }>(db, sql`SELECT action, user_id FROM audit_log WHERE entity_id = ${forA.id} ORDER BY created_at`);
    expect(audits).toEqual([
      { action: "api_keys.create", user_id: admin.id },
      { action: "api_keys.revoke", user_id: staffA.id },
    ]);
    const [row] = await queryRows<{ revoked_by: string }>(db, sql`SELECT revoked_by FROM api_keys WHERE id = ${forA.id}::uuid`);
    expect(row!.revoked_by).toBe(staffA.id);
  });
});

describe("rolling a key", () => {
  it("makes a new key with the same grants; the old one works through the overlap, or stops at once with none", async () => {
    const old = await make(admin, { name: "Rolled", scopes: ["venue:manage"], venueIds: [venueA], rateLimitPerMinute: 42 });
    const now = new Date();
    const fresh = await rollApiKey(admin, old.id, 24, now);
    expect(fresh.key).not.toBe(old.key);
    expect(await verifyApiKey(fresh.key)).toMatchObject({ name: "Rolled", scopes: ["venue:manage"], venueIds: [venueA], rateLimitPerMinute: 42 });
    expect(await verifyApiKey(old.key)).not.toBeNull();
    expect(await verifyApiKey(old.key, new Date(now.getTime() + 25 * 3_600_000))).toBeNull();
    expect(await verifyApiKey(fresh.key, new Date(now.getTime() + 25 * 3_600_000))).not.toBeNull();

    const leaked = await rollApiKey(admin, fresh.id, 0);
    expect(await verifyApiKey(fresh.key)).toBeNull();
    expect(await verifyApiKey(leaked.key)).not.toBeNull();
    expect(await errorCode(rollApiKey(admin, fresh.id, 24))).toBe("INVALID_STATE");
    const audits = await queryRows<{ action: string }>(db, sql`SELECT action FROM audit_log WHERE entity_id = ${fresh.id} ORDER BY created_at`);
    expect(audits.map((a) => a.action)).toEqual(["api_keys.create", "api_keys.roll"]);
  });

  it("staff cannot roll a key they cannot see, nor gain a scope by rolling", async () => {
    const bookingKey = await make(admin, { scopes: ["bookings:write"] });
    expect(await errorCode(rollApiKey(staffA, bookingKey.id, 24))).toBe("NOT_FOUND");
    // Made by the staff member while an admin, say: rolling it now would grant what they cannot.
    const mixed = await make(admin, { scopes: ["venue:manage", "bookings:write"], venueIds: [venueA] });
    expect(await errorCode(rollApiKey(staffA, mixed.id, 24))).toBe("FORBIDDEN");
    expect(await verifyApiKey(mixed.key, new Date(Date.now() + 48 * 3_600_000))).not.toBeNull();
  });
});

describe("a venue:manage key's venues", () => {
  it("limit an admin to the key's venues, and staff to those of them they still work at", async () => {
    const limitedAdmin = restrictToVenues(admin, [venueA]);
    expect(await canAccessVenue(limitedAdmin, venueA)).toBe(true);
    expect(await canAccessVenue(limitedAdmin, venueB)).toBe(false);
    expect(await venueScope(limitedAdmin)).toEqual([venueA]);
    // The original is untouched: the limit is on the copy only.
    expect(await canAccessVenue(admin, venueB)).toBe(true);
    expect(await venueScope(admin)).toBeNull();

    const limitedStaff = restrictToVenues(staffA, [venueA, venueB]);
    expect(await canAccessVenue(limitedStaff, venueA)).toBe(true);
    expect(await canAccessVenue(limitedStaff, venueB)).toBe(false); // in the key, but not theirs
    expect(await canAccessVenue(limitedStaff, venueC)).toBe(false); // theirs, but not in the key
    expect(await venueScope(limitedStaff)).toEqual([venueA]);
    // A copy (a spread) keeps the limit; JSON never shows it.
    expect(await venueScope({ ...limitedStaff })).toEqual([venueA]);
    expect(JSON.parse(JSON.stringify(limitedStaff))).toEqual(JSON.parse(JSON.stringify(staffA)));
  });
});
