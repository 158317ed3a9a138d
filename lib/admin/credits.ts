// Credits on an event (who plays, directs, performs) and the people behind them: staff manage
// the credits of events they may edit; admins also edit a person's name and bio. The triggers of
// migration 0017 keep events.credits (what search reads) in step with every change here.
import "server-only";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db/client";
import { queryRows } from "@/db/rows";
import { CREDIT_ROLES } from "@/db/schema";
import type { User } from "@/lib/auth/accounts";
import { requireRole } from "@/lib/auth/authorize";
import { AppError, notFound } from "@/lib/errors";
import { audit } from "./audit";
import { getEventCredits } from "@/lib/catalog/people";
import { requireEventAccess, slugify } from "./events";

const personFields = {
  name: z.string().trim().min(1, "Give a name").max(120, "At most 120 characters"),
  kind: z.enum(["PERSON", "GROUP"]).default("PERSON"),
  bio: z.string().trim().max(2000, "At most 2000 characters").default(""),
};
const creditFields = {
  role: z.enum(CREDIT_ROLES, "Choose a role"),
  credit: z.string().trim().max(120, "At most 120 characters").default(""),
  position: z.coerce.number().int("A whole number").min(0, "0 or more").max(999, "At most 999").default(0),
};

/** Add: an existing person (personId) or a new one (newName, newKind, newBio). */
export const addCreditSchema = z
  .object({
    eventId: z.uuid(),
    personId: z.uuid("Choose a person from the list").optional().or(z.literal("").transform(() => undefined)),
    newName: z.string().trim().max(120, "At most 120 characters").default(""),
    newKind: personFields.kind,
    newBio: personFields.bio,
    ...creditFields,
  })
  .refine((v) => v.personId || v.newName, { message: "Choose a person, or give a new person's name", path: ["newName"] });
export type AddCreditInput = z.output<typeof addCreditSchema>;

/** Edit one credit (eventId, personId, role name it); `newRole` moves it to another role. */
export const editCreditSchema = z.object({ eventId: z.uuid(), personId: z.uuid(), ...creditFields, newRole: z.enum(CREDIT_ROLES).optional() });
export type EditCreditInput = z.output<typeof editCreditSchema>;

export const removeCreditSchema = z.object({ eventId: z.uuid(), personId: z.uuid(), role: creditFields.role });

export const personSchema = z.object(personFields);
export type PersonInput = z.output<typeof personSchema>;

async function createPerson(tx: Executor, input: PersonInput): Promise<{ id: string; slug: string }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    // A namesake gets the same slug plus a suffix: two Rahul Sharmas are two people.
    const slug = attempt === 0 ? slugify(input.name, "person") : `${slugify(input.name, "person")}-${randomBytes(2).toString("hex")}`;
    const [row] = await queryRows<{ id: string; slug: string }>(
      tx,
      sql`INSERT INTO people (slug, name, kind, bio) VALUES (${slug}, ${input.name}, ${input.kind}, ${input.bio})
          ON CONFLICT (slug) DO NOTHING RETURNING id, slug`,
    );
    if (row) return row;
  }
  throw new AppError("CONFLICT", "Could not find a free web address for this name; change it slightly.");
}

const alreadyCredited = (role: string) =>
  new AppError("CONFLICT", `That person already has a ${role.toLowerCase()} credit on this event; edit it instead.`, { details: { fieldErrors: { role: ["Already credited in this role"] } } });

export async function addCredit(user: User, input: AddCreditInput): Promise<{ personId: string }> {
  return db.transaction(async (tx) => {
    await requireEventAccess(user, input.eventId, tx, true);
    let personId = input.personId;
    if (personId) {
      const [p] = await queryRows<{ id: string }>(tx, sql`SELECT id FROM people WHERE id = ${personId}::uuid`);
      if (!p) throw new AppError("VALIDATION_FAILED", "That person no longer exists.", { details: { fieldErrors: { personId: ["Unknown person"] } } });
    } else {
      personId = (await createPerson(tx, { name: input.newName, kind: input.newKind, bio: input.newBio })).id;
      await audit(tx, user, "people.create", "person", personId, { name: input.newName, kind: input.newKind });
    }
    const inserted = await queryRows<{ personId: string }>(
      tx,
      sql`INSERT INTO event_credits (event_id, person_id, role, credit, position)
          VALUES (${input.eventId}::uuid, ${personId}::uuid, ${input.role}, ${input.credit}, ${input.position})
          ON CONFLICT DO NOTHING RETURNING person_id AS "personId"`,
    );
    if (!inserted.length) throw alreadyCredited(input.role);
    await audit(tx, user, "credits.add", "event", input.eventId, { personId, role: input.role, credit: input.credit, position: input.position });
    return { personId };
  });
}

export async function editCredit(user: User, input: EditCreditInput): Promise<void> {
  await db.transaction(async (tx) => {
    await requireEventAccess(user, input.eventId, tx, true);
    const role = input.newRole ?? input.role;
    if (role !== input.role) {
      const [taken] = await queryRows<{ n: number }>(
        tx,
        sql`SELECT 1 AS n FROM event_credits WHERE event_id = ${input.eventId}::uuid AND person_id = ${input.personId}::uuid AND role = ${role}`,
      );
      if (taken) throw alreadyCredited(role);
    }
    const rows = await queryRows<{ role: string }>(
      tx,
      sql`UPDATE event_credits SET role = ${role}, credit = ${input.credit}, position = ${input.position}
          WHERE event_id = ${input.eventId}::uuid AND person_id = ${input.personId}::uuid AND role = ${input.role}
          RETURNING role`,
    );
    if (!rows.length) throw notFound("Credit");
    await audit(tx, user, "credits.update", "event", input.eventId, { personId: input.personId, role, from: input.role, credit: input.credit, position: input.position });
  });
}

export async function removeCredit(user: User, input: z.output<typeof removeCreditSchema>): Promise<void> {
  await db.transaction(async (tx) => {
    await requireEventAccess(user, input.eventId, tx, true);
    const rows = await queryRows<{ role: string }>(
      tx,
      sql`DELETE FROM event_credits WHERE event_id = ${input.eventId}::uuid AND person_id = ${input.personId}::uuid AND role = ${input.role} RETURNING role`,
    );
    if (!rows.length) throw notFound("Credit");
    await audit(tx, user, "credits.remove", "event", input.eventId, { personId: input.personId, role: input.role });
  });
}

/** Admins only: a person's name, kind and bio (a rename reaches every event's search text). */
export async function updatePerson(user: User, personId: string, input: PersonInput): Promise<void> {
  requireRole(user, ["admin"]);
  await db.transaction(async (tx) => {
    const rows = await queryRows<{ id: string }>(
      tx,
      sql`UPDATE people SET name = ${input.name}, kind = ${input.kind}, bio = ${input.bio}, updated_at = now() WHERE id = ${personId}::uuid RETURNING id`,
    );
    if (!rows.length) throw notFound("Person");
    await audit(tx, user, "people.update", "person", personId, { name: input.name, kind: input.kind });
  });
}

export type PersonMatch = { id: string; slug: string; name: string; kind: "PERSON" | "GROUP"; events: number };

/** People whose name has words starting with every word typed ("raj kul" → Rajat Kulkarni), best known first. */
export async function searchPeople(query: string, limit = 10, ex: Executor = db): Promise<PersonMatch[]> {
  const words = query
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 5);
  if (!words.length) return [];
  // marquee_fold folds accents the same way the people.search_vector column was built.
  const tsquery = sql.join(
    words.map((w) => sql`(marquee_fold(${w}) || ':*')`),
    sql` || ' & ' || `,
  );
  return queryRows<PersonMatch>(
    ex,
    sql`SELECT p.id, p.slug, p.name, p.kind, (SELECT count(*) FROM event_credits c WHERE c.person_id = p.id)::int AS events
        FROM people p WHERE p.search_vector @@ to_tsquery('simple', ${tsquery})
        ORDER BY events DESC, p.name LIMIT ${limit}`,
  );
}

/** An event's credits for its admin page (the caller must be allowed to manage the event). */
export async function listCreditsForStaff(user: User, eventId: string) {
  await requireEventAccess(user, eventId);
  return getEventCredits(eventId);
}

export async function getPersonForAdmin(user: User, personId: string) {
  requireRole(user, ["admin"]);
  const [row] = await queryRows<{ id: string; slug: string; name: string; kind: "PERSON" | "GROUP"; bio: string }>(
    db,
    sql`SELECT id, slug, name, kind, bio FROM people WHERE id = ${personId}::uuid`,
  );
  if (!row) throw notFound("Person");
  return row;
}
