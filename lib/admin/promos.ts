// Promo codes for admins: create, edit, pause, and see who redeemed them. (Codes are not tied
// to one venue, so managing them is an admin's job; staff can see them, and the redemptions of
// bookings at their venues only.)
import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { isUniqueViolation } from "@/db/errors";
import type { User } from "@/lib/auth/accounts";
import { requireRole, venueScope } from "@/lib/auth/authorize";
import { AppError, notFound } from "@/lib/errors";
import { isYmd, zonedTimeToInstant } from "@/lib/time/zone";
import { audit } from "./audit";
import { uuidArray } from "@/db/sql";

const optionalInt = z.union([z.literal(""), z.coerce.number().int().min(0)]).optional().transform((v) => (v === "" || v === undefined ? null : v));
// A datetime-local field ("2026-12-01T10:00") is India time, the promo codes' market.
const optionalDate = z
  .union([z.literal(""), z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, "Pick a date and time").refine((v) => isYmd(v.slice(0, 10)), "Pick a date between 2000 and 2099"), z.date()])
  .optional()
  .transform((v) => {
    if (v === "" || v === undefined) return null;
    if (v instanceof Date) return v;
    return zonedTimeToInstant(v.slice(0, 10), Number(v.slice(11, 13)), Number(v.slice(14, 16)), "Asia/Kolkata");
  });
const csv = z.string().max(2000).optional().transform((v) => (v ? v.split(",").map((x) => x.trim()).filter(Boolean) : []));

export const promoSchema = z
  .object({
    code: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{3,20}$/, "3–20 letters and digits"),
    description: z.string().trim().max(200).default(""),
    kind: z.enum(["PERCENT", "FLAT"]),
    /** PERCENT: percent (e.g. 15); FLAT: rupees. */
    amount: z.coerce.number().positive("Must be more than 0"),
    maxDiscount: optionalInt,
    minOrder: optionalInt,
    startsAt: optionalDate,
    endsAt: optionalDate,
    maxUsesTotal: optionalInt,
    maxUsesPerUser: optionalInt,
    firstBookingOnly: z.boolean().default(false),
    categories: csv,
    cityIds: csv,
    seatTypes: csv,
    eventIds: csv,
  })
  .refine((v) => v.kind !== "PERCENT" || v.amount <= 100, { message: "At most 100%", path: ["amount"] })
  .refine((v) => !v.startsAt || !v.endsAt || v.startsAt < v.endsAt, { message: "Ends before it starts", path: ["endsAt"] });
export type PromoInput = z.output<typeof promoSchema>;

function columns(p: PromoInput) {
  const value = p.kind === "PERCENT" ? Math.round(p.amount * 100) : Math.round(p.amount * 100);
  const restrictions = Object.fromEntries(
    Object.entries({ categories: p.categories.map((c) => c.toUpperCase()), cityIds: p.cityIds, seatTypes: p.seatTypes.map((s) => s.toUpperCase()), eventIds: p.eventIds }).filter(([, v]) => v.length),
  );
  return {
    value,
    maxDiscount: p.maxDiscount === null ? null : p.maxDiscount * 100,
    minOrder: (p.minOrder ?? 0) * 100,
    restrictions: JSON.stringify(restrictions),
  };
}

export async function savePromo(user: User, input: PromoInput, id?: string): Promise<{ id: string }> {
  requireRole(user, ["admin"]);
  const c = columns(input);
  try {
    return await db.transaction(async (tx) => {
      const [row] = id
        ? await queryRows<{ id: string }>(
            tx,
            sql`UPDATE promo_codes SET code = ${input.code}, description = ${input.description}, kind = ${input.kind}, value = ${c.value}, max_discount_minor = ${c.maxDiscount},
                  min_order_minor = ${c.minOrder}, starts_at = ${input.startsAt?.toISOString() ?? null}::timestamptz, ends_at = ${input.endsAt?.toISOString() ?? null}::timestamptz,
                  max_uses_total = ${input.maxUsesTotal}, max_uses_per_user = ${input.maxUsesPerUser}, first_booking_only = ${input.firstBookingOnly}, restrictions = ${c.restrictions}::jsonb
                WHERE id = ${id}::uuid RETURNING id`,
          )
        : await queryRows<{ id: string }>(
            tx,
            sql`INSERT INTO promo_codes (code, description, kind, value, max_discount_minor, min_order_minor, starts_at, ends_at, max_uses_total, max_uses_per_user, first_booking_only, restrictions)
                VALUES (${input.code}, ${input.description}, ${input.kind}, ${c.value}, ${c.maxDiscount}, ${c.minOrder}, ${input.startsAt?.toISOString() ?? null}::timestamptz,
                        ${input.endsAt?.toISOString() ?? null}::timestamptz, ${input.maxUsesTotal}, ${input.maxUsesPerUser}, ${input.firstBookingOnly}, ${c.restrictions}::jsonb)
                RETURNING id`,
          );
      if (!row) throw notFound("Promo code");
      await audit(tx, user, id ? "promos.update" : "promos.create", "promo", row.id, { code: input.code });
      return row;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("CONFLICT", `${input.code} already exists.`, { details: { fieldErrors: { code: ["Already exists"] } } });
    throw err;
  }
}

export async function setPromoActive(user: User, id: string, active: boolean): Promise<void> {
  requireRole(user, ["admin"]);
  await db.transaction(async (tx) => {
    const rows = await queryRows<{ id: string }>(tx, sql`UPDATE promo_codes SET active = ${active} WHERE id = ${id}::uuid RETURNING id`);
    if (!rows.length) throw notFound("Promo code");
    await audit(tx, user, active ? "promos.resume" : "promos.pause", "promo", id);
  });
}

export type PromoSummary = {
  id: string; code: string; description: string; kind: string; value: number; active: boolean; startsAt: Date | null; endsAt: Date | null; maxUsesTotal: number | null;
  /** Redemptions everywhere: what the use limit counts. */
  usesTotal: number;
  /** Redemptions the caller may see (staff: at their venues) and what they gave away. */
  redemptions: number;
  discountMinor: number;
};

/** Redemptions the caller may see, as SQL over the aliases `r` (promo_redemptions): staff only their venues' bookings. */
async function redemptionScope(user: User) {
  const scope = await venueScope(user);
  if (!scope) return sql``;
  return sql`AND EXISTS (SELECT 1 FROM bookings sb JOIN shows ss ON ss.id = sb.show_id WHERE sb.id = r.booking_id AND ss.venue_id = ANY(${uuidArray(scope)}))`;
}

export async function listPromos(user: User): Promise<PromoSummary[]> {
  const scoped = await redemptionScope(user);
  return queryRows(
    db,
    sql`SELECT p.id, p.code, p.description, p.kind, p.value, p.active, p.starts_at AS "startsAt", p.ends_at AS "endsAt", p.max_uses_total AS "maxUsesTotal",
               (SELECT count(*) FROM promo_redemptions r WHERE r.promo_code_id = p.id)::int AS "usesTotal",
               (SELECT count(*) FROM promo_redemptions r WHERE r.promo_code_id = p.id ${scoped})::int AS redemptions,
               coalesce((SELECT sum(discount_minor) FROM promo_redemptions r WHERE r.promo_code_id = p.id ${scoped}), 0)::int AS "discountMinor"
        FROM promo_codes p ORDER BY p.created_at DESC`,
  );
}

export async function promoRedemptions(user: User, id: string) {
  return queryRows<{ at: Date; reference: string; email: string; discountMinor: number }>(
    db,
    sql`SELECT r.created_at AS at, b.reference, u.email, r.discount_minor AS "discountMinor" FROM promo_redemptions r JOIN bookings b ON b.id = r.booking_id JOIN users u ON u.id = r.user_id
        WHERE r.promo_code_id = ${id}::uuid ${await redemptionScope(user)} ORDER BY r.created_at DESC LIMIT 200`,
  );
}

export async function getPromo(id: string) {
  const [p] = await queryRows<{
    id: string; code: string; description: string; kind: "PERCENT" | "FLAT"; value: number; maxDiscountMinor: number | null; minOrderMinor: number; startsAt: Date | null; endsAt: Date | null;
    maxUsesTotal: number | null; maxUsesPerUser: number | null; firstBookingOnly: boolean; restrictions: Record<string, string[]>; active: boolean; usesTotal: number;
  }>(
    db,
    sql`SELECT id, code, description, kind, value, max_discount_minor AS "maxDiscountMinor", min_order_minor AS "minOrderMinor", starts_at AS "startsAt", ends_at AS "endsAt",
               max_uses_total AS "maxUsesTotal", max_uses_per_user AS "maxUsesPerUser", first_booking_only AS "firstBookingOnly", restrictions, active,
               (SELECT count(*) FROM promo_redemptions r WHERE r.promo_code_id = promo_codes.id)::int AS "usesTotal"
        FROM promo_codes WHERE id = ${id}::uuid`,
  );
  if (!p) throw notFound("Promo code");
  return p;
}
