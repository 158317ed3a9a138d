// Promo codes: percentage (basis points, optionally capped) or flat; minimum order; validity
// window; total and per-user limits; restriction to events, categories, cities and seat types;
// first booking only. A redemption is counted when the booking is confirmed; until then a
// booking paying with a code reserves one use, so limits hold however many pay at once.
import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { PromoRestrictions } from "@/db/schema";
import { AppError } from "@/lib/errors";

export type PromoRow = {
  id: string;
  code: string;
  description: string;
  kind: "PERCENT" | "FLAT";
  value: number;
  currency: string;
  maxDiscountMinor: number | null;
  minOrderMinor: number;
  startsAt: Date | null;
  endsAt: Date | null;
  maxUsesTotal: number | null;
  maxUsesPerUser: number | null;
  firstBookingOnly: boolean;
  restrictions: PromoRestrictions;
  active: boolean;
};

export type PromoContext = {
  userId: string;
  bookingId: string;
  eventId: string;
  category: string;
  cityId: string;
  currency: string;
  seats: { type: string; priceMinor: number }[];
};

export type PromoReason =
  | "UNKNOWN"
  | "INACTIVE"
  | "NOT_STARTED"
  | "EXPIRED"
  | "MIN_ORDER"
  | "NOT_APPLICABLE"
  | "FIRST_BOOKING_ONLY"
  | "USED_UP"
  | "USER_LIMIT";

export type PromoResult = { ok: true; promo: PromoRow; discountMinor: number } | { ok: false; reason: PromoReason; message: string };

const COLUMNS = sql`id, code, description, kind, value, currency, max_discount_minor AS "maxDiscountMinor", min_order_minor AS "minOrderMinor",
  starts_at AS "startsAt", ends_at AS "endsAt", max_uses_total AS "maxUsesTotal", max_uses_per_user AS "maxUsesPerUser",
  first_booking_only AS "firstBookingOnly", restrictions, active`;

export const normalizeCode = (code: string) => code.trim().toUpperCase();

/** The code's row; `lock` takes a row lock so concurrent payments count uses one at a time. */
export async function findPromo(ex: Executor, code: string, opts: { lock?: boolean } = {}): Promise<PromoRow | null> {
  const [row] = await queryRows<PromoRow>(ex, sql`SELECT ${COLUMNS} FROM promo_codes WHERE upper(code) = ${normalizeCode(code)} ${opts.lock ? sql`FOR UPDATE` : sql``}`);
  return row ? { ...row, startsAt: row.startsAt && new Date(row.startsAt), endsAt: row.endsAt && new Date(row.endsAt) } : null;
}

const money = (minor: number, currency: string) =>
  new Intl.NumberFormat("en-IN", { style: "currency", currency, maximumFractionDigits: minor % 100 ? 2 : 0 }).format(minor / 100);

/** The discount a promo gives on seats, ignoring usage limits (pure; see checkPromo for those). */
export function promoDiscount(promo: PromoRow, ctx: Pick<PromoContext, "eventId" | "category" | "cityId" | "currency" | "seats">, now = new Date()): PromoResult {
  const fail = (reason: PromoReason, message: string): PromoResult => ({ ok: false, reason, message });
  if (!promo.active) return fail("INACTIVE", `${promo.code} is not available right now.`);
  if (promo.startsAt && now < promo.startsAt) return fail("NOT_STARTED", `${promo.code} is not valid yet.`);
  if (promo.endsAt && now >= promo.endsAt) return fail("EXPIRED", `${promo.code} has expired.`);
  if (promo.currency !== ctx.currency) return fail("NOT_APPLICABLE", `${promo.code} does not apply to this booking.`);
  const r = promo.restrictions ?? {};
  if (r.eventIds?.length && !r.eventIds.includes(ctx.eventId)) return fail("NOT_APPLICABLE", `${promo.code} does not apply to this event.`);
  if (r.categories?.length && !r.categories.includes(ctx.category)) return fail("NOT_APPLICABLE", `${promo.code} is for ${r.categories.map((c) => c.toLowerCase()).join(", ")} only.`);
  if (r.cityIds?.length && !r.cityIds.includes(ctx.cityId)) return fail("NOT_APPLICABLE", `${promo.code} does not apply in this city.`);
  const eligible = r.seatTypes?.length ? ctx.seats.filter((s) => r.seatTypes!.includes(s.type)) : ctx.seats;
  if (eligible.length === 0) return fail("NOT_APPLICABLE", `${promo.code} applies only to ${r.seatTypes!.map((t) => t.toLowerCase()).join(", ")} seats.`);
  const order = ctx.seats.reduce((sum, s) => sum + s.priceMinor, 0);
  if (order < promo.minOrderMinor) return fail("MIN_ORDER", `${promo.code} needs an order of at least ${money(promo.minOrderMinor, ctx.currency)}.`);
  const base = eligible.reduce((sum, s) => sum + s.priceMinor, 0);
  let discount = promo.kind === "PERCENT" ? Math.floor((base * promo.value) / 10_000) : promo.value;
  if (promo.maxDiscountMinor !== null) discount = Math.min(discount, promo.maxDiscountMinor);
  discount = Math.min(discount, base);
  if (discount <= 0) return fail("NOT_APPLICABLE", `${promo.code} gives no discount on this booking.`);
  return { ok: true, promo, discountMinor: discount };
}

/**
 * Everything promoDiscount checks, plus first-booking-only and the use limits. Uses are counted
 * redemptions (confirmed bookings) plus other bookings paying with the code right now.
 */
export async function checkPromo(ex: Executor, code: string, ctx: PromoContext, opts: { lock?: boolean; now?: Date } = {}): Promise<PromoResult> {
  const promo = await findPromo(ex, code, { lock: opts.lock });
  if (!promo) return { ok: false, reason: "UNKNOWN", message: `${normalizeCode(code) || "That code"} is not a valid promo code.` };
  const result = promoDiscount(promo, ctx, opts.now);
  if (!result.ok) return result;
  const [usage] = await queryRows<{ total: number; mine: number; priorBookings: number }>(
    ex,
    sql`SELECT
          (SELECT count(*) FROM promo_redemptions WHERE promo_code_id = ${promo.id}::uuid)::int
            + (SELECT count(*) FROM bookings WHERE promo_code_id = ${promo.id}::uuid AND status = 'PAYMENT_PENDING' AND id <> ${ctx.bookingId}::uuid)::int AS total,
          (SELECT count(*) FROM promo_redemptions WHERE promo_code_id = ${promo.id}::uuid AND user_id = ${ctx.userId}::uuid)::int
            + (SELECT count(*) FROM bookings WHERE promo_code_id = ${promo.id}::uuid AND user_id = ${ctx.userId}::uuid AND status = 'PAYMENT_PENDING' AND id <> ${ctx.bookingId}::uuid)::int AS mine,
          (SELECT count(*) FROM bookings WHERE user_id = ${ctx.userId}::uuid AND status IN ('CONFIRMED', 'CANCELLED', 'REFUNDED', 'PAYMENT_PENDING') AND id <> ${ctx.bookingId}::uuid)::int AS "priorBookings"`,
  );
  if (promo.firstBookingOnly && usage!.priorBookings > 0) return { ok: false, reason: "FIRST_BOOKING_ONLY", message: `${promo.code} is for your first booking only.` };
  if (promo.maxUsesTotal !== null && usage!.total >= promo.maxUsesTotal) return { ok: false, reason: "USED_UP", message: `${promo.code} has been fully redeemed.` };
  if (promo.maxUsesPerUser !== null && usage!.mine >= promo.maxUsesPerUser) {
    return { ok: false, reason: "USER_LIMIT", message: `You have already used ${promo.code} ${usage!.mine === 1 ? "once" : `${usage!.mine} times`}.` };
  }
  return result;
}

export function promoError(result: Extract<PromoResult, { ok: false }>): AppError {
  return new AppError("PROMO_INVALID", result.message, { details: { reason: result.reason } });
}
