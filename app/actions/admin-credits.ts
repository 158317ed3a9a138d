"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { addCredit, addCreditSchema, editCredit, editCreditSchema, personSchema, removeCredit, removeCreditSchema, searchPeople, updatePerson } from "@/lib/admin/credits";
import type { CreditRole } from "@/db/schema";
import { action, formAction, refuseAsPage, type ActionResult } from "@/lib/http/action";

// Which events a staff member may touch is checked by lib/admin, next to the data.
const STAFF = ["staff", "admin"] as const;

const revalidateEvent = (eventId: string) => revalidatePath(`/admin/events/${eventId}`);

const add = formAction({ input: addCreditSchema, auth: STAFF, run: (input, { user }) => addCredit(user, input) });

export async function addCreditAction(prev: ActionResult<{ personId: string }> | null, form: FormData) {
  const result = await add(prev, form);
  if (result.ok) revalidateEvent(String(form.get("eventId")));
  return result;
}

const edit = formAction({
  input: editCreditSchema,
  auth: STAFF,
  run: async (input, { user }) => {
    await editCredit(user, input);
    return { role: input.newRole ?? input.role };
  },
});

export async function editCreditAction(prev: ActionResult<{ role: CreditRole }> | null, form: FormData) {
  const result = await edit(prev, form);
  if (result.ok) revalidateEvent(String(form.get("eventId")));
  return result;
}

const remove = action({
  input: removeCreditSchema,
  auth: STAFF,
  run: async (input, { user }) => {
    await removeCredit(user, input);
    return { eventId: input.eventId };
  },
});

export async function removeCreditAction(form: FormData) {
  const result = await remove({ eventId: form.get("eventId"), personId: form.get("personId"), role: form.get("role") });
  if (!result.ok) refuseAsPage(result);
  revalidateEvent(result.data.eventId);
}

/** The person picker's suggestions. */
export const searchPeopleAction = action({
  input: z.object({ q: z.string().max(100) }),
  auth: STAFF,
  run: ({ q }) => searchPeople(q, 8),
});

const savePerson = formAction({
  input: personSchema.and(z.object({ personId: z.uuid() })),
  auth: ["admin"],
  run: async (input, { user }) => {
    await updatePerson(user, input.personId, input);
    return { id: input.personId };
  },
});

export async function savePersonAction(prev: ActionResult<{ id: string }> | null, form: FormData) {
  const result = await savePerson(prev, form);
  if (result.ok) redirect(`/admin/people/${result.data.id}?saved=1`);
  return result;
}
