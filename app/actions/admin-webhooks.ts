"use server";
import { revalidatePath } from "next/cache";
import {
  createWebhookEndpoint,
  deliveryIdSchema,
  endpointCreateSchema,
  endpointEventsSchema,
  endpointIdSchema,
  endpointStatusSchema,
  redeliverWebhook,
  revealWebhookSecret,
  rotateWebhookSecret,
  sendTestWebhook,
  setWebhookEndpointEnabled,
  updateWebhookEvents,
} from "@/lib/admin/webhooks";
import { formAction, type ActionResult } from "@/lib/http/action";

// Which endpoints a staff member may touch (their venues' only) is checked by lib/admin/webhooks, next to the data.
const STAFF = ["staff", "admin"] as const;

const revalidateEndpoint = (endpointId?: string) => {
  revalidatePath("/admin/webhooks");
  if (endpointId) revalidatePath(`/admin/webhooks/${endpointId}`);
};

const create = formAction({ input: endpointCreateSchema, auth: STAFF, run: (input, { user }) => createWebhookEndpoint(user, input) });

/** Registers an endpoint and answers its signing secret once, for the form to show. */
export async function createWebhookEndpointAction(prev: ActionResult<{ id: string; secret: string }> | null, form: FormData) {
  const result = await create(prev, form);
  if (result.ok) revalidateEndpoint();
  return result;
}

const editEvents = formAction({
  input: endpointEventsSchema,
  auth: STAFF,
  run: async (input, { user }) => {
    await updateWebhookEvents(user, input);
    return { endpointId: input.endpointId };
  },
});

export async function updateWebhookEventsAction(prev: ActionResult<{ endpointId: string }> | null, form: FormData) {
  const result = await editEvents(prev, form);
  if (result.ok) revalidateEndpoint(result.data.endpointId);
  return result;
}

const setEnabled = formAction({
  input: endpointStatusSchema,
  auth: STAFF,
  run: async (input, { user }) => {
    await setWebhookEndpointEnabled(user, input.endpointId, input.enabled);
    return { endpointId: input.endpointId, enabled: input.enabled };
  },
});

/** Disable / enable (enabling checks the URL again: it may point somewhere no longer allowed). */
export async function setWebhookEnabledAction(prev: ActionResult<{ endpointId: string; enabled: boolean }> | null, form: FormData) {
  const result = await setEnabled(prev, form);
  if (result.ok) revalidateEndpoint(result.data.endpointId);
  return result;
}

const reveal = formAction({ input: endpointIdSchema, auth: STAFF, run: (input, { user }) => revealWebhookSecret(user, input.endpointId) });
export async function revealWebhookSecretAction(prev: ActionResult<Awaited<ReturnType<typeof revealWebhookSecret>>> | null, form: FormData) {
  return reveal(prev, form);
}

const rotate = formAction({ input: endpointIdSchema, auth: STAFF, run: (input, { user }) => rotateWebhookSecret(user, input.endpointId) });
export async function rotateWebhookSecretAction(prev: ActionResult<Awaited<ReturnType<typeof rotateWebhookSecret>>> | null, form: FormData) {
  const result = await rotate(prev, form);
  if (result.ok) revalidateEndpoint(String(form.get("endpointId")));
  return result;
}

const test = formAction({ input: endpointIdSchema, auth: STAFF, run: (input, { user }) => sendTestWebhook(user, input.endpointId) });
export async function sendTestWebhookAction(prev: ActionResult<Awaited<ReturnType<typeof sendTestWebhook>>> | null, form: FormData) {
  const result = await test(prev, form);
  if (result.ok) revalidateEndpoint(String(form.get("endpointId")));
  return result;
}

const redeliver = formAction({ input: deliveryIdSchema, auth: STAFF, run: (input, { user }) => redeliverWebhook(user, input.deliveryId) });
export async function redeliverWebhookAction(prev: ActionResult<Awaited<ReturnType<typeof redeliverWebhook>>> | null, form: FormData) {
  const result = await redeliver(prev, form);
  if (result.ok) revalidateEndpoint(result.data.endpointId);
  return result;
}
