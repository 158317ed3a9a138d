"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/http/action";
import { removeSavedMethod } from "@/lib/payments/saved-methods";
import { preferencesSchema, setPreferences } from "@/lib/notifications/preferences";

const remove = action({
  input: z.object({ id: z.uuid() }),
  auth: "user",
  run: async ({ id }, { user }) => {
    await removeSavedMethod(user.id, id);
    return { id };
  },
});

export async function removePaymentMethod(form: FormData) {
  const result = await remove({ id: form.get("id") });
  // Revalidate outside the wrapper's try/catch, and only once the change is made.
  if (result.ok) revalidatePath("/account");
}

const savePrefs = action({
  input: preferencesSchema,
  auth: "user",
  run: async (prefs, { user }) => {
    await setPreferences(user.id, prefs);
    return prefs;
  },
});

export async function saveNotificationPreferences(form: FormData) {
  const result = await savePrefs({ notifyEmail: form.get("notifyEmail") === "on", notifySms: form.get("notifySms") === "on", showReminders: form.get("showReminders") === "on" });
  if (result.ok) revalidatePath("/account");
}
