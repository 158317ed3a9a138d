import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { AppError } from "@/lib/errors";
import { resetEnvCache } from "@/lib/env.js";
import { createUser } from "@/lib/testing/users";
import { createEventAsStaff, eventSchema, posterDir, setEventPublished, uploadPoster } from "./events";
import { promoSchema, savePromo, setPromoActive, listPromos } from "./promos";

let staff: Awaited<ReturnType<typeof createUser>>;
let admin: Awaited<ReturnType<typeof createUser>>;
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

beforeAll(async () => {
  process.env.MEDIA_DIR = mkdtempSync(path.join(tmpdir(), "marquee-media-"));
  resetEnvCache();
  staff = await createUser("staff");
  admin = await createUser("admin");
});

describe("events", () => {
  it("creates a draft with a unique slug, publishes it, and audits both", async () => {
    const input = eventSchema.parse({ title: "Kaagaz Ke Phool", category: "MOVIE", durationMinutes: "148", languages: "Hindi, Urdu, Hindi", genres: "Drama", certificate: "U" });
    const a = await createEventAsStaff(staff, input);
    const b = await createEventAsStaff(staff, input);
    expect(a.slug).toBe("kaagaz-ke-phool");
    expect(b.slug).toMatch(/^kaagaz-ke-phool-[0-9a-f]{4}$/);
    const [row] = await queryRows<{ status: string; languages: string[] }>(db, sql`SELECT status, languages FROM events WHERE id = ${a.id}::uuid`);
    expect(row).toEqual({ status: "DRAFT", languages: ["Hindi", "Urdu"] });
    await setEventPublished(staff, a.id, true);
    const [pub] = await queryRows<{ status: string }>(db, sql`SELECT status FROM events WHERE id = ${a.id}::uuid`);
    expect(pub!.status).toBe("PUBLISHED");
    const log = await queryRows<{ action: string }>(db, sql`SELECT action FROM audit_log WHERE entity_id = ${a.id} ORDER BY created_at`);
    expect(log.map((l) => l.action)).toEqual(["events.create", "events.publish"]);
    expect(() => eventSchema.parse({ title: "X", category: "OPERA", durationMinutes: "0" })).toThrow();
  });

  it("accepts a real image as poster by its bytes, and refuses the rest", async () => {
    const { id } = await createEventAsStaff(staff, eventSchema.parse({ title: "Poster test", category: "PLAY", durationMinutes: "90" }));
    const { posterUrl } = await uploadPoster(staff, id, new File([PNG], "poster.png", { type: "image/png" }));
    expect(posterUrl).toMatch(new RegExp(`^/media/posters/${id}-[0-9a-f]{16}\\.png$`));
    expect(readFileSync(path.join(posterDir(), posterUrl.split("/").pop()!)).equals(PNG)).toBe(true);
    const fake = new File(["<svg onload=alert(1)>"], "poster.png", { type: "image/png" });
    await expect(uploadPoster(staff, id, fake)).rejects.toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE" });
    const huge = new File([Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)])], "big.png", { type: "image/png" });
    await expect(uploadPoster(staff, id, huge)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  });
});

describe("promo codes", () => {
  it("creates, edits, pauses and lists codes; refuses a duplicate code", async () => {
    const base = { code: "festive15", kind: "PERCENT", amount: "15", maxDiscount: "200", minOrder: "500", categories: "movie, play", description: "15% off" };
    const { id } = await savePromo(admin, promoSchema.parse(base));
    const [row] = await queryRows<{ code: string; value: number; max: number; min: number; restrictions: unknown }>(
      db,
      sql`SELECT code, value, max_discount_minor AS max, min_order_minor AS min, restrictions FROM promo_codes WHERE id = ${id}::uuid`,
    );
    expect(row).toEqual({ code: "FESTIVE15", value: 1500, max: 20000, min: 50000, restrictions: { categories: ["MOVIE", "PLAY"] } });
    const err = await savePromo(admin, promoSchema.parse(base)).catch((e: AppError) => e);
    expect((err as AppError).code).toBe("CONFLICT");
    await savePromo(admin, promoSchema.parse({ ...base, amount: "20" }), id);
    await setPromoActive(admin, id, false);
    const listed = (await listPromos(admin)).find((p) => p.id === id)!;
    expect(listed).toMatchObject({ value: 2000, active: false, redemptions: 0 });
    expect(() => promoSchema.parse({ ...base, amount: "150" })).toThrow(/100%/);
    // The form's local times are India time.
    expect(promoSchema.parse({ ...base, endsAt: "2026-12-31T23:30" }).endsAt!.toISOString()).toBe("2026-12-31T18:00:00.000Z");
  });
});

describe("venues", () => {
  it("admins open venues (valid time zone, known city, unique slug); staff edit only theirs", async () => {
    const { createVenue, updateVenue, venueCreateSchema, venueUpdateSchema } = await import("./venues");
    const { createCity } = await import("@/lib/testing/fixtures");
    const city = await createCity();
    const input = venueCreateSchema.parse({ cityId: city.id, name: "Rang Shaarda", address: "Bandra Reclamation, Mumbai", lat: "19.05", lng: "72.82", timeZone: "Asia/Kolkata" });
    const a = await createVenue(admin, input);
    const b = await createVenue(admin, input);
    expect(a.slug).toBe("rang-shaarda");
    expect(b.slug).toBe("rang-shaarda-2");
    await expect(createVenue(staff, input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(() => venueCreateSchema.parse({ ...input, timeZone: "Mars/Olympus" })).toThrow(/time zone/);
    await expect(updateVenue(staff, a.id, venueUpdateSchema.parse({ name: "Rang Sharda" }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    const mine = await createUser("staff", [a.id]);
    expect((await updateVenue(mine, a.id, venueUpdateSchema.parse({ name: "Rang Sharda", lat: "19.06" }))).name).toBe("Rang Sharda");
  });
});
