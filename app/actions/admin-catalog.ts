"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { sessionUser } from "@/lib/auth/current-user";
import { createEventAsStaff, eventSchema, setEventPublished, updateEventAsStaff, uploadPoster } from "@/lib/admin/events";
import { promoSchema, savePromo, setPromoActive } from "@/lib/admin/promos";
import { formAction, type ActionResult } from "@/lib/http/action";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/http/validation";

async function actor(roles: readonly string[] = ["staff", "admin"]) {
  const user = await sessionUser();
  if (!user) throw new AppError("UNAUTHORIZED", "Sign in to continue.");
  if (!roles.includes(user.role)) throw new AppError("FORBIDDEN", "You don't have access to this.");
  return user;
}

const saveEvent = formAction(eventSchema.and(z.object({ eventId: z.uuid().optional() })), async (input) => {
  const user = await actor();
  if (input.eventId) {
    await updateEventAsStaff(user, input.eventId, input);
    return { id: input.eventId };
  }
  return createEventAsStaff(user, input);
});

export async function saveEventAction(prev: ActionResult<{ id: string }> | null, form: FormData) {
  const result = await saveEvent(prev, form);
  if (result.ok) {
    revalidatePath("/admin/events");
    redirect(`/admin/events/${result.data.id}?saved=1`);
  }
  return result;
}

export async function publishEventAction(form: FormData) {
  const user = await actor();
  const id = z.uuid().parse(form.get("eventId"));
  await setEventPublished(user, id, form.get("publish") === "true");
  revalidatePath(`/admin/events/${id}`);
}

export async function uploadPosterAction(prev: ActionResult<{ posterUrl: string }> | null, form: FormData): Promise<ActionResult<{ posterUrl: string }>> {
  try {
    const user = await actor();
    const id = z.uuid().parse(form.get("eventId"));
    const file = form.get("poster");
    if (!(file instanceof File)) throw new AppError("VALIDATION_FAILED", "Choose an image file.");
    const data = await uploadPoster(user, id, file);
    revalidatePath(`/admin/events/${id}`);
    return { ok: true, data };
  } catch (err) {
    const e = err instanceof AppError ? err : new AppError("VALIDATION_FAILED", "The upload failed.");
    return { ok: false, code: e.code, message: e.message };
  }
}

// A checkbox posts "on" or nothing.
const promoForm = z.preprocess(
  (v) => ({ ...(v as Record<string, unknown>), firstBookingOnly: (v as Record<string, unknown>).firstBookingOnly === "on" }),
  promoSchema.and(z.object({ promoId: z.uuid().optional() })),
);

const savePromoForm = formAction(promoForm, async (input) => savePromo(await actor(["admin"]), input, input.promoId));

export async function savePromoAction(prev: ActionResult<{ id: string }> | null, form: FormData) {
  const result = await savePromoForm(prev, form);
  if (result.ok) {
    revalidatePath("/admin/promos");
    redirect(`/admin/promos/${result.data.id}?saved=1`);
  }
  return result;
}

export async function pausePromoAction(form: FormData) {
  const user = await actor(["admin"]);
  const id = z.uuid().parse(form.get("promoId"));
  await setPromoActive(user, id, form.get("active") === "true");
  revalidatePath(`/admin/promos/${id}`);
}

const venueForm = z.object({ venueId: z.uuid().optional() }).passthrough();

const saveVenue = formAction(venueForm, async (raw) => {
  const user = await actor();
  const { venueId, ...fields } = raw as { venueId?: string } & Record<string, unknown>;
  if (venueId) {
    const { venueUpdateSchema, updateVenue } = await import("@/lib/admin/venues");
    const changes = parseInput(venueUpdateSchema, fields, "form");
    await updateVenue(user, venueId, changes);
    return { id: venueId };
  }
  const { venueCreateSchema, createVenue } = await import("@/lib/admin/venues");
  return createVenue(user, parseInput(venueCreateSchema, fields, "form"));
});

export async function saveVenueAction(prev: ActionResult<{ id: string }> | null, form: FormData) {
  const result = await saveVenue(prev, form);
  if (result.ok) {
    revalidatePath("/admin/venues");
    redirect(`/admin/venues/${result.data.id}?saved=1`);
  }
  return result;
}
