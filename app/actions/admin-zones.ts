"use server";
// General admission zones: a hall's zones (add, change, remove) and a show's zone prices.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { addHallZone, removeZone, updateZone, zoneChangeSchema, zoneSchema } from "@/lib/admin/zones";
import { repriceShowZones } from "@/lib/admin/show-zones";
import { formAction, type ActionResult } from "@/lib/http/action";
import { AppError } from "@/lib/errors";

// Staff and admins; which venues a staff member may touch is checked by lib/admin, next to the data.
const staff = { auth: ["staff", "admin"], messages: { forbidden: "This is for venue staff." } } as const;

const addZoneAction = formAction({
  input: zoneSchema.extend({ sectionId: z.uuid() }),
  ...staff,
  run: ({ sectionId, ...zone }, { user }) => addHallZone(user, sectionId, zone),
});

export async function addZoneFormAction(prev: ActionResult<{ id: string }> | null, form: FormData) {
  const result = await addZoneAction(prev, form);
  if (result.ok) revalidatePath(`/admin/halls/${form.get("sectionId")}`);
  return result;
}

const changeZoneAction = formAction({
  input: zoneChangeSchema.extend({ zoneId: z.uuid(), sectionId: z.uuid(), intent: z.enum(["save", "remove"]).default("save") }),
  ...staff,
  run: async ({ zoneId, sectionId: _s, intent, ...change }, { user }) => {
    if (intent === "remove") {
      await removeZone(user, zoneId);
      return { deleted: true } as ZoneChange;
    }
    return { deleted: false, ...(await updateZone(user, zoneId, change)) } as ZoneChange;
  },
});

export type ZoneChange = { deleted: true } | { deleted: false; capacity: number; added: number; removed: number };

export async function changeZoneFormAction(prev: ActionResult<ZoneChange> | null, form: FormData) {
  const result = await changeZoneAction(prev, form);
  if (result.ok) revalidatePath(`/admin/halls/${form.get("sectionId")}`);
  return result;
}

const money = z.union([z.literal(""), z.coerce.number().min(0).max(100_000)]);

// The form sends zone-<id> = price in rupees; empty takes the zone off sale.
const repriceAction = formAction({
  input: z.looseObject({ showId: z.uuid() }),
  ...staff,
  run: async ({ showId }, { user, form }) => {
    const prices: Record<string, number | null> = {};
    const errors: Record<string, string[]> = {};
    for (const [key, value] of form.entries()) {
      const id = /^zone-([0-9a-f-]{36})$/i.exec(key)?.[1];
      if (!id || typeof value !== "string") continue;
      const parsed = money.safeParse(value.trim());
      if (!parsed.success) errors[key] = ["A price from 0 to 100000"];
      else prices[id] = parsed.data === "" ? null : Math.round(parsed.data * 100);
    }
    if (Object.keys(errors).length) throw new AppError("VALIDATION_FAILED", "Some prices are not valid.", { details: { fieldErrors: errors } });
    if (Object.keys(prices).length === 0) throw new AppError("VALIDATION_FAILED", "This show's hall has no zones.");
    return repriceShowZones(user, showId, { prices });
  },
});

export async function repriceZonesFormAction(prev: ActionResult<{ minPriceMinor: number; maxPriceMinor: number }> | null, form: FormData) {
  const result = await repriceAction(prev, form);
  if (result.ok) revalidatePath(`/admin/shows/${form.get("showId")}`);
  return result;
}
