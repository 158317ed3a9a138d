"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { sessionUser } from "@/lib/auth/current-user";
import { action } from "@/lib/http/action";
import { AppError } from "@/lib/errors";
import { removeSavedMethod } from "@/lib/payments/saved-methods";
import { preferencesSchema, setPreferences } from "@/lib/notifications/preferences";

const remove = action(z.object({ id: z.uuid() }), async ({ id }) => {
  const user = await sessionUser();
  if (!user) throw new AppError("UNAUTHORIZED", "Sign in to continue.");
  await removeSavedMethod(user.id, id);
  return { id };
});

export async function removePaymentMethod(form: FormData) {
  const result = await remove({ id: form.get("id") });
  // Revalidate outside the wrapper's try/catch, and only once the change is made.
  if (result.ok) revalidatePath("/account");
}

const savePrefs = action(preferencesSchema, async (prefs) => {
  const user = await sessionUser();
  if (!user) throw new AppError("UNAUTHORIZED", "Sign in to continue.");
  await setPreferences(user.id, prefs);
  return prefs;
});

export async function saveNotificationPreferences(form: FormData) {
  const result = await savePrefs({ notifyEmail: form.get("notifyEmail") === "on", notifySms: form.get("notifySms") === "on", showReminders: form.get("showReminders") === "on" });
  if (result.ok) revalidatePath("/account");
}
