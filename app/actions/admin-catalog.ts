"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { createEventAsStaff, eventSchema, setEventPublished, updateEventAsStaff, uploadPoster } from "@/lib/admin/events";
import { promoSchema, savePromo, setPromoActive } from "@/lib/admin/promos";
import { action, formAction, refuseAsPage, type ActionResult } from "@/lib/http/action";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/http/validation";

// Which events and venues a staff member may touch is checked by lib/admin, next to the data.
const STAFF = ["staff", "admin"] as const;

const saveEvent = formAction({
  input: eventSchema.and(z.object({ eventId: z.uuid().optional() })),
  auth: STAFF,
  run: async (input, { user }) => {
    if (input.eventId) {
      await updateEventAsStaff(user, input.eventId, input);
      return { id: input.eventId };
    }
    return createEventAsStaff(user, input);
  },
});

export async function saveEventAction(prev: ActionResult<{ id: string }> | null, form: FormData) {
  const result = await saveEvent(prev, form);
  if (result.ok) {
    revalidatePath("/admin/events");
    redirect(`/admin/events/${result.data.id}?saved=1`);
  }
  return result;
}

const publish = action({
  input: z.object({ eventId: z.uuid(), publish: z.boolean() }),
  auth: STAFF,
  run: async ({ eventId, publish }, { user }) => {
    await setEventPublished(user, eventId, publish);
    return { id: eventId };
  },
});

export async function publishEventAction(form: FormData) {
  const result = await publish({ eventId: form.get("eventId"), publish: form.get("publish") === "true" });
  if (!result.ok) refuseAsPage(result);
  revalidatePath(`/admin/events/${result.data.id}`);
}

const poster = formAction({
  input: z.object({ eventId: z.uuid() }),
  auth: STAFF,
  run: ({ eventId }, { user, form }) => {
    const file = form.get("poster");
    if (!(file instanceof File)) throw new AppError("VALIDATION_FAILED", "Choose an image file.");
    return uploadPoster(user, eventId, file);
  },
});

export async function uploadPosterAction(prev: ActionResult<{ posterUrl: string }> | null, form: FormData) {
  const result = await poster(prev, form);
  if (result.ok) revalidatePath(`/admin/events/${form.get("eventId")}`);
  return result;
}

// A checkbox posts "on" or nothing.
const promoForm = z.preprocess(
  (v) => ({ ...(v as Record<string, unknown>), firstBookingOnly: (v as Record<string, unknown>).firstBookingOnly === "on" }),
  promoSchema.and(z.object({ promoId: z.uuid().optional() })),
);

const savePromoForm = formAction({ input: promoForm, auth: ["admin"], run: (input, { user }) => savePromo(user, input, input.promoId) });

export async function savePromoAction(prev: ActionResult<{ id: string }> | null, form: FormData) {
  const result = await savePromoForm(prev, form);
  if (result.ok) {
    revalidatePath("/admin/promos");
    redirect(`/admin/promos/${result.data.id}?saved=1`);
  }
  return result;
}

const pausePromo = action({
  input: z.object({ promoId: z.uuid(), active: z.boolean() }),
  auth: ["admin"],
  run: async ({ promoId, active }, { user }) => {
    await setPromoActive(user, promoId, active);
    return { id: promoId };
  },
});

export async function pausePromoAction(form: FormData) {
  const result = await pausePromo({ promoId: form.get("promoId"), active: form.get("active") === "true" });
  if (!result.ok) refuseAsPage(result);
  revalidatePath(`/admin/promos/${result.data.id}`);
}

const venueForm = z.object({ venueId: z.uuid().optional() }).passthrough();

const saveVenue = formAction({
  input: venueForm,
  auth: STAFF,
  run: async (raw, { user }) => {
    const { venueId, ...fields } = raw as { venueId?: string } & Record<string, unknown>;
    if (venueId) {
      const { venueUpdateSchema, updateVenue } = await import("@/lib/admin/venues");
      const changes = parseInput(venueUpdateSchema, fields, "form");
      await updateVenue(user, venueId, changes);
      return { id: venueId };
    }
    const { venueCreateSchema, createVenue } = await import("@/lib/admin/venues");
    return createVenue(user, parseInput(venueCreateSchema, fields, "form"));
  },
});

export async function saveVenueAction(prev: ActionResult<{ id: string }> | null, form: FormData) {
  const result = await saveVenue(prev, form);
  if (result.ok) {
    revalidatePath("/admin/venues");
    redirect(`/admin/venues/${result.data.id}?saved=1`);
  }
  return result;
}
