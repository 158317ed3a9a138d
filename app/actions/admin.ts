"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { staffCancelBooking, staffCancelSchema } from "@/lib/admin/bookings";
import { cancelShow, scheduleSchema, scheduleShows, seatIdsByLabel, setSeatsBlocked } from "@/lib/admin/shows";
import { createHall, layoutSchema, layoutUpdateSchema, updateHallLayout } from "@/lib/admin/halls";
import { isoDay, parseInput } from "@/lib/http/validation";
import { formAction, type ActionResult } from "@/lib/http/action";
import { AppError } from "@/lib/errors";
import { addDays } from "@/lib/time/zone";

// Staff and admins; which venues a staff member may touch is checked by lib/admin, next to the data.
const staff = { auth: ["staff", "admin"], messages: { forbidden: "This is for venue staff." } } as const;

const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
const priceField = z.union([z.literal(""), z.coerce.number().min(0).max(100_000)]).optional();

const scheduleForm = z
  .object({
    eventId: z.uuid("Choose an event"),
    sectionId: z.uuid("Choose a hall"),
    from: isoDay("Pick the first date"),
    to: isoDay("Pick the last date"),
    times: z.string().trim().max(200).optional(),
    // A slot series instead of times (timed entry): first and last slot start, minutes apart.
    slotFirst: z.string().trim().max(5).optional(),
    slotLast: z.string().trim().max(5).optional(),
    slotEvery: z.union([z.literal(""), z.coerce.number().int("Whole minutes").min(5, "At least 5 minutes").max(720, "At most 720 minutes")]).optional(),
    days: z.union([z.enum(WEEKDAYS), z.array(z.enum(WEEKDAYS))]).optional(),
    REGULAR: priceField,
    PREMIUM: priceField,
    VIP: priceField,
    RECLINER: priceField,
    ACCESSIBLE: priceField,
    COMPANION: priceField,
    pricingStrategy: z.enum(["STATIC", "DYNAMIC"]).default("STATIC"),
    language: z.string().trim().max(40).optional(),
    format: z.string().trim().max(40).optional(),
  })
  .refine((v) => v.from <= v.to, { message: "The last date is before the first", path: ["to"] })
  .refine((v) => (v.times ?? "").length >= 4 || typeof v.slotEvery === "number", { message: "Give at least one start time, e.g. 13:00, 19:30, or a slot series", path: ["times"] })
  .refine((v) => typeof v.slotEvery !== "number" || (v.slotFirst && v.slotLast), { message: "Give the first and last slot", path: ["slotFirst"] });

/** zone-<id> fields in rupees → zone id → minor units; an empty field leaves the zone off sale. */
function zonePricesOf(form: FormData): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of form.entries()) {
    const id = /^zone-([0-9a-f-]{36})$/i.exec(key)?.[1];
    if (!id || typeof value !== "string" || value.trim() === "") continue;
    const price = priceField.safeParse(value.trim());
    if (!price.success || typeof price.data !== "number") throw new AppError("VALIDATION_FAILED", "Zone prices are from 0 to 100000.", { details: { fieldErrors: { [key]: ["A price from 0 to 100000"] } } });
    out[id] = Math.round(price.data * 100);
  }
  return out;
}

const scheduleAction = formAction({
  input: scheduleForm,
  ...staff,
  run: async (f, { user, form }) => {
    const days = new Set(f.days === undefined ? WEEKDAYS : [f.days].flat());
    const dates: string[] = [];
    for (let d = f.from; d <= f.to && dates.length <= 62; d = addDays(d, 1)) {
      if (days.has(WEEKDAYS[new Date(`${d}T00:00:00Z`).getUTCDay()]!)) dates.push(d);
    }
    if (dates.length === 0) throw new AppError("VALIDATION_FAILED", "No dates match those weekdays.", { details: { fieldErrors: { days: ["No dates match"] } } });
    if (dates.length > 62) throw new AppError("VALIDATION_FAILED", "Schedule at most 62 days at a time.", { details: { fieldErrors: { to: ["At most 62 days"] } } });
    const prices: Record<string, number> = {};
    for (const t of ["REGULAR", "PREMIUM", "VIP", "RECLINER", "ACCESSIBLE", "COMPANION"] as const) {
      const v = f[t];
      if (typeof v === "number") prices[t] = Math.round(v * 100);
    }
    const input = scheduleSchema.parse({
      eventId: f.eventId,
      sectionId: f.sectionId,
      dates,
      ...(typeof f.slotEvery === "number"
        ? { series: { first: f.slotFirst, last: f.slotLast, everyMinutes: f.slotEvery } }
        : { times: (f.times ?? "").split(/[\s,]+/).filter(Boolean) }),
      prices,
      zonePrices: zonePricesOf(form),
      pricingStrategy: f.pricingStrategy,
      language: f.language || undefined,
      format: f.format || undefined,
    });
    return scheduleShows(user, input);
  },
});

export async function scheduleShowsAction(prev: ActionResult<{ showIds: string[] }> | null, form: FormData) {
  const result = await scheduleAction(prev, form);
  if (result.ok) {
    revalidatePath("/admin");
    const ids = result.data.showIds;
    redirect(ids.length === 1 ? `/admin/shows/${ids[0]}?scheduled=1` : `/admin?scheduled=${ids.length}`);
  }
  return result;
}

// Destructive steps come in two: the page shows what will happen (a preview), and only a form
// carrying what that preview showed goes ahead; if the facts changed since, it refuses (409).
const count = z.coerce.number().int().min(0).max(10_000_000);
const cancelShowAction = formAction({
  input: z.discriminatedUnion("confirm", [
    z.object({ confirm: z.literal("yes"), showId: z.uuid(), reason: z.string().trim().min(3, "Give a reason").max(300), expectBookings: count }),
    // Taking up a cancellation already made (refunds the gateway refused): nothing new is decided.
    z.object({ confirm: z.literal("resume"), showId: z.uuid(), reason: z.string().trim().min(3).max(300) }),
  ], { error: "Review what cancelling the show does, then confirm it." }),
  ...staff,
  run: (f, { user }) => (f.confirm === "yes" ? cancelShow(user, f.showId, f.reason, { expectBookings: f.expectBookings }) : cancelShow(user, f.showId, f.reason, { resumeOnly: true })),
});

export async function cancelShowFormAction(prev: ActionResult<{ refunded: number; released: number; pending: number }> | null, form: FormData) {
  const result = await cancelShowAction(prev, form);
  if (result.ok) {
    const showId = String(form.get("showId"));
    revalidatePath(`/admin/shows/${showId}`);
    revalidatePath("/admin");
    // Off the review URL, so a reload does not offer to cancel again; the counts go along to be said.
    redirect(`/admin/shows/${showId}?cancelled=${result.data.refunded}.${result.data.released}.${result.data.pending}`);
  }
  return result;
}

const blockAction = formAction({
  input: z.object({ showId: z.uuid(), labels: z.string().trim().min(1, "List seats, e.g. A1, A2").max(2000), blocked: z.enum(["true", "false"]) }),
  ...staff,
  run: async ({ showId, labels, blocked }, { user }) =>
    setSeatsBlocked(user, showId, { seatIds: await seatIdsByLabel(showId, labels), blocked: blocked === "true" }),
});

export async function blockSeatsFormAction(prev: ActionResult<{ changed: number }> | null, form: FormData) {
  const result = await blockAction(prev, form);
  if (result.ok) revalidatePath(`/admin/shows/${form.get("showId")}`);
  return result;
}

const refundAction = formAction({
  input: staffCancelSchema.extend({
    bookingId: z.uuid(),
    confirm: z.literal("yes", { error: "Review the refund, then confirm it." }),
    expectRefundMinor: count,
  }),
  ...staff,
  run: ({ bookingId, reason, expectRefundMinor }, { user }) => staffCancelBooking(user, bookingId, reason, expectRefundMinor),
});

export async function refundBookingFormAction(prev: ActionResult<{ status: string; refundId: string | null }> | null, form: FormData) {
  const result = await refundAction(prev, form);
  if (result.ok) {
    const bookingId = String(form.get("bookingId"));
    revalidatePath(`/admin/bookings/${bookingId}`);
    redirect(`/admin/bookings/${bookingId}?refunded=${result.data.status.toLowerCase()}`);
  }
  return result;
}

const hallForm = z.object({ sectionId: z.uuid().optional(), venueId: z.uuid().optional(), layout: z.string().max(200_000) });

const saveHall = formAction({
  input: hallForm,
  ...staff,
  run: async ({ sectionId, venueId, layout }, { user }) => {
    let raw: unknown;
    try {
      raw = JSON.parse(layout);
    } catch {
      throw new AppError("VALIDATION_FAILED", "The layout could not be read.");
    }
    const input = parseInput(sectionId ? layoutUpdateSchema : layoutSchema, raw, "layout");
    if (sectionId) {
      await updateHallLayout(user, sectionId, input);
      return { id: sectionId };
    }
    if (!venueId) throw new AppError("VALIDATION_FAILED", "Choose a venue.", { details: { fieldErrors: { venueId: ["Choose a venue"] } } });
    return createHall(user, venueId, input);
  },
});

export async function saveHallAction(prev: ActionResult<{ id: string }> | null, form: FormData) {
  const result = await saveHall(prev, form);
  if (result.ok) {
    revalidatePath("/admin/halls");
    redirect(`/admin/halls/${result.data.id}?saved=1`);
  }
  return result;
}
