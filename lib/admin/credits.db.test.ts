import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { createUser } from "@/lib/testing/users";
import { addCredit, addCreditSchema, editCredit, editCreditSchema, listCreditsForStaff, personSchema, removeCredit, searchPeople, updatePerson } from "./credits";

let staff: Awaited<ReturnType<typeof createUser>>;
let otherStaff: Awaited<ReturnType<typeof createUser>>;
let admin: Awaited<ReturnType<typeof createUser>>;
let eventId = "";

const creditsText = async () => (await queryRows<{ credits: string }>(db, sql`SELECT credits FROM events WHERE id = ${eventId}::uuid`))[0]!.credits;
const auditActions = async () => (await queryRows<{ action: string }>(db, sql`SELECT action FROM audit_log WHERE entity_id = ${eventId} ORDER BY created_at, id`)).map((r) => r.action);

beforeAll(async () => {
  const city = await createCity();
  const v1 = await createVenue(city.id);
  const v2 = await createVenue(city.id);
  staff = await createUser("staff", [v1.venue.id]);
  otherStaff = await createUser("staff", [v2.venue.id]);
  admin = await createUser("admin");
  eventId = (await createEvent({ title: "Kaalchakra" })).id;
  await createShow({ eventId, venue: v1.venue, sectionId: v1.section.id, startsAt: hoursFromNow(30) });
});

describe("credits", () => {
  it("adds new and existing people, edits, moves role, removes; audits each and keeps events.credits", async () => {
    const { personId: ritesh } = await addCredit(staff, addCreditSchema.parse({ eventId, newName: "Ritesh Malhotra", role: "CREW", credit: "Director", position: "0" }));
    const { personId: aryan } = await addCredit(staff, addCreditSchema.parse({ eventId, newName: "Aryan Kapoor", newBio: "Action lead.", role: "CAST", credit: "as Vikram", position: "1" }));
    // The same person again in another role is a second credit; in the same role, a conflict.
    await addCredit(staff, addCreditSchema.parse({ eventId, personId: ritesh, role: "CAST", credit: "Cameo", position: "9" }));
    await expect(addCredit(staff, addCreditSchema.parse({ eventId, personId: aryan, role: "CAST" }))).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await creditsText()).toBe("Ritesh Malhotra Aryan Kapoor Ritesh Malhotra");

    await editCredit(staff, editCreditSchema.parse({ eventId, personId: aryan, role: "CAST", credit: "as Major Vikram", position: "0", newRole: "CAST" }));
    await expect(editCredit(staff, editCreditSchema.parse({ eventId, personId: ritesh, role: "CAST", newRole: "CREW" }))).rejects.toMatchObject({ code: "CONFLICT" });
    await editCredit(staff, editCreditSchema.parse({ eventId, personId: ritesh, role: "CAST", newRole: "SPEAKER", credit: "Q&A", position: "9" }));
    const credits = await listCreditsForStaff(staff, eventId);
    expect(credits.map((c) => [c.name, c.role, c.credit, c.position])).toEqual([
      ["Aryan Kapoor", "CAST", "as Major Vikram", 0],
      ["Ritesh Malhotra", "CREW", "Director", 0],
      ["Ritesh Malhotra", "SPEAKER", "Q&A", 9],
    ]);

    await removeCredit(staff, { eventId, personId: ritesh, role: "SPEAKER" });
    await expect(removeCredit(staff, { eventId, personId: ritesh, role: "SPEAKER" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await creditsText()).toBe("Aryan Kapoor Ritesh Malhotra");
    expect(await auditActions()).toEqual(["credits.add", "credits.add", "credits.add", "credits.update", "credits.update", "credits.remove"]);
    const [created] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'people.create' AND entity_id IN (${ritesh}, ${aryan})`);
    expect(created!.n).toBe(2);
  });

  it("refuses staff of another venue as if the event did not exist, and changes nothing", async () => {
    const before = await creditsText();
    const [p] = await queryRows<{ id: string }>(db, sql`INSERT INTO people (slug, name) VALUES ('intruder', 'Intruder') RETURNING id`);
    await expect(addCredit(otherStaff, addCreditSchema.parse({ eventId, personId: p!.id, role: "CAST" }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(addCredit(otherStaff, addCreditSchema.parse({ eventId, newName: "Sneaky New", role: "CAST" }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    const [aryan] = await queryRows<{ id: string }>(db, sql`SELECT id FROM people WHERE name = 'Aryan Kapoor'`);
    await expect(editCredit(otherStaff, editCreditSchema.parse({ eventId, personId: aryan!.id, role: "CAST", credit: "hacked" }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(removeCredit(otherStaff, { eventId, personId: aryan!.id, role: "CAST" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listCreditsForStaff(otherStaff, eventId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await creditsText()).toBe(before);
    // The refused new person was rolled back with the transaction.
    expect(await queryRows(db, sql`SELECT 1 FROM people WHERE name = 'Sneaky New'`)).toEqual([]);
    // Admins manage every event.
    await addCredit(admin, addCreditSchema.parse({ eventId, personId: p!.id, role: "CAST", position: "5" }));
  });

  it("validates input with field errors", () => {
    const errors = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => r.error?.issues.map((i) => i.path.join("."));
    expect(errors(addCreditSchema.safeParse({ eventId, role: "CAST" }))).toEqual(["newName"]);
    expect(errors(addCreditSchema.safeParse({ eventId, newName: "X", role: "DIRECTOR" }))).toEqual(["role"]);
    expect(errors(addCreditSchema.safeParse({ eventId, newName: "X", role: "CAST", credit: "x".repeat(121) }))).toEqual(["credit"]);
    expect(errors(addCreditSchema.safeParse({ eventId, newName: "X", role: "CAST", position: "-1" }))).toEqual(["position"]);
    expect(errors(addCreditSchema.safeParse({ eventId, personId: "not-a-uuid", role: "CAST" }))).toContain("personId");
    expect(errors(addCreditSchema.safeParse({ eventId: "x", newName: "X", role: "CAST" }))).toEqual(["eventId"]);
    expect(errors(personSchema.safeParse({ name: "  ", kind: "BAND" }))).toEqual(["name", "kind"]);
  });
});

describe("people", () => {
  it("lets admins rename (reaching the event's search text) and nobody else", async () => {
    const [aryan] = await queryRows<{ id: string }>(db, sql`SELECT id FROM people WHERE name = 'Aryan Kapoor'`);
    const input = personSchema.parse({ name: "Aryan Kapur", kind: "PERSON", bio: "Does his own stunts." });
    await expect(updatePerson(staff, aryan!.id, input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await updatePerson(admin, aryan!.id, input);
    expect(await creditsText()).toContain("Aryan Kapur");
    const [log] = await queryRows<{ action: string }>(db, sql`SELECT action FROM audit_log WHERE entity_id = ${aryan!.id} AND action = 'people.update'`);
    expect(log).toBeTruthy();
    await expect(updatePerson(admin, "00000000-0000-4000-8000-000000000000", input)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("finds people by the starts of their names' words, accents folded", async () => {
    await db.execute(sql`INSERT INTO people (slug, name) VALUES ('rene-dsouza', 'René D''Souza')`);
    expect((await searchPeople("rit mal")).map((p) => p.name)).toEqual(["Ritesh Malhotra"]);
    expect((await searchPeople("rene")).map((p) => p.name)).toEqual(["René D'Souza"]);
    expect(await searchPeople("  ! ")).toEqual([]);
    expect((await searchPeople("ritesh' & | !"))[0]).toMatchObject({ name: "Ritesh Malhotra", events: 1 });
  });
});
