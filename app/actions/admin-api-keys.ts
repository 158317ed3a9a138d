"use server";
import { revalidatePath } from "next/cache";
import { createApiKey, createApiKeySchema, revokeApiKey, revokeApiKeySchema, rollApiKey, rollApiKeySchema, type CreatedApiKey } from "@/lib/admin/api-keys";
import { formAction, type ActionResult } from "@/lib/http/action";

// What each role may grant, and which keys it may revoke, is checked in lib/admin/api-keys.ts.
const STAFF = ["staff", "admin"] as const;

const create = formAction({
  input: createApiKeySchema,
  auth: STAFF,
  run: (input, { user }) => createApiKey(user, input),
});

/** Makes a key; the answer carries the full key, the one time it is ever shown. */
export async function createApiKeyAction(prev: ActionResult<CreatedApiKey> | null, form: FormData) {
  const result = await create(prev, form);
  if (result.ok) revalidatePath("/admin/api-keys");
  return result;
}

const revoke = formAction({
  input: revokeApiKeySchema,
  auth: STAFF,
  run: ({ keyId }, { user }) => revokeApiKey(user, keyId),
});

export async function revokeApiKeyAction(prev: ActionResult<{ id: string; name: string }> | null, form: FormData) {
  const result = await revoke(prev, form);
  if (result.ok) revalidatePath("/admin/api-keys");
  return result;
}

const roll = formAction({
  input: rollApiKeySchema,
  auth: STAFF,
  run: ({ keyId, overlapHours }, { user }) => rollApiKey(user, keyId, Number(overlapHours)),
});

/** Replaces a key; the answer carries the new key, the one time it is ever shown. */
export async function rollApiKeyAction(prev: ActionResult<CreatedApiKey> | null, form: FormData) {
  const result = await roll(prev, form);
  if (result.ok) revalidatePath("/admin/api-keys");
  return result;
}
