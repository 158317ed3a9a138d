import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { groupCredits } from "./credit-groups";
import { getEventCredits, getPerson, getPersonEvents } from "./people";

const person = async (name: string, kind = "PERSON") => {
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${Math.random().toString(36).slice(2, 8)}`;
  const [row] = await queryRows<{ id: string; slug: string }>(db, sql`INSERT INTO people (slug, name, kind) VALUES (${slug}, ${name}, ${kind}) RETURNING id, slug`);
  return row!;
};
const credit = (eventId: string, personId: string, role: string, position: number, text = "") =>
  db.execute(sql`INSERT INTO event_credits (event_id, person_id, role, credit, position) VALUES (${eventId}::uuid, ${personId}::uuid, ${role}, ${text}, ${position})`);
const creditsText = async (eventId: string) => (await queryRows<{ credits: string }>(db, sql`SELECT credits FROM events WHERE id = ${eventId}::uuid`))[0]!.credits;
const searchable = async (eventId: string, word: string) =>
  (await queryRows<{ hit: boolean }>(db, sql`SELECT search_vector @@ to_tsquery('simple', ${word}) AS hit FROM events WHERE id = ${eventId}::uuid`))[0]!.hit;

describe("events.credits, kept by triggers", () => {
  it("follows inserts, billing-order updates, deletes and renames, and feeds the search vector", async () => {
    const event = await createEvent({ title: "Kantara Returns" });
    const other = await createEvent({ title: "Another Film" });
    const rishab = await person("Rishab Shetty");
    const sapthami = await person("Sapthami Gowda");
    expect(await creditsText(event.id)).toBe("");

    await db.execute(sql`INSERT INTO event_credits (event_id, person_id, role, credit, position) VALUES
      (${event.id}::uuid, ${sapthami.id}::uuid, 'CAST', 'as Leela', 1),
      (${event.id}::uuid, ${rishab.id}::uuid, 'CREW', 'Director', 0),
      (${other.id}::uuid, ${rishab.id}::uuid, 'CAST', '', 0)`);
    expect(await creditsText(event.id)).toBe("Rishab Shetty Sapthami Gowda");
    expect(await creditsText(other.id)).toBe("Rishab Shetty");
    expect(await searchable(event.id, "sapthami")).toBe(true);

    await db.execute(sql`UPDATE event_credits SET position = 5 WHERE event_id = ${event.id}::uuid AND person_id = ${rishab.id}::uuid`);
    expect(await creditsText(event.id)).toBe("Sapthami Gowda Rishab Shetty");

    await db.execute(sql`UPDATE people SET name = 'Rishab Śetty' WHERE id = ${rishab.id}::uuid`);
    expect(await creditsText(event.id)).toBe("Sapthami Gowda Rishab Śetty");
    expect(await creditsText(other.id)).toBe("Rishab Śetty");
    // Accent-folded: typed without the accent, it still finds the event.
    expect(await searchable(other.id, "setty")).toBe(true);

    await db.execute(sql`DELETE FROM event_credits WHERE event_id = ${event.id}::uuid AND person_id = ${sapthami.id}::uuid`);
    expect(await creditsText(event.id)).toBe("Rishab Śetty");
    expect(await searchable(event.id, "sapthami")).toBe(false);

    await db.execute(sql`DELETE FROM people WHERE id = ${rishab.id}::uuid`); // cascades to its credits
    expect(await creditsText(event.id)).toBe("");
    expect(await creditsText(other.id)).toBe("");
  });
});

describe("people", () => {
  let city1 = "";
  let band = { id: "", slug: "" };
  let ids: Record<string, string> = {};

  beforeAll(async () => {
    const c1 = await createCity();
    const c2 = await createCity();
    city1 = c1.id;
    const v1 = await createVenue(c1.id);
    const v2 = await createVenue(c2.id);
    band = await person("The Local Chai Band", "GROUP");
    const mk = async (title: string, popularity: number, where: typeof v1 | null, extra: Parameters<typeof createEvent>[0] = {}, startsAt = hoursFromNow(30)) => {
      const e = await createEvent({ title, popularity, category: "CONCERT", ...extra });
      if (where) await createShow({ eventId: e.id, venue: where.venue, sectionId: where.section.id, startsAt });
      await credit(e.id, band.id, "ARTIST", 0);
      ids[title] = e.id;
    };
    ids = {};
    await mk("Here, less popular", 10, v1);
    await mk("Elsewhere, popular", 1000, v2);
    await mk("Draft", 5000, v1, { status: "DRAFT" });
    await mk("Past only", 5000, v1, {}, hoursFromNow(-5));
    await mk("No shows", 5000, null);
  });

  it("finds a person by id or slug, and 404s the unknown", async () => {
    expect((await getPerson(band.id)).name).toBe("The Local Chai Band");
    expect((await getPerson(band.slug.toUpperCase())).kind).toBe("GROUP");
    await expect(getPerson("nobody-at-all")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lists upcoming published events, the chosen city's first", async () => {
    const inCity = await getPersonEvents(band.id, { cityId: city1 });
    expect(inCity.map((e) => [e.title, e.inCity])).toEqual([
      ["Here, less popular", true],
      ["Elsewhere, popular", false],
    ]);
    expect(inCity[0]!.credits).toEqual([{ role: "ARTIST", credit: "" }]);
    expect(inCity[0]!.nextShowAt).toBeInstanceOf(Date);
    expect((await getPersonEvents(band.id)).map((e) => e.title)).toEqual(["Elsewhere, popular", "Here, less popular"]);
  });

  it("gives an event's credits in billing order, grouped for display", async () => {
    const eventId = ids["Here, less popular"]!;
    const director = await person("Meghna Arora");
    const actor = await person("Kunal Verma");
    await credit(eventId, actor.id, "CAST", 2, "as Sameer");
    await credit(eventId, director.id, "CREW", 1, "Director");
    const credits = await getEventCredits(eventId);
    expect(credits.map((c) => [c.name, c.role, c.credit])).toEqual([
      ["The Local Chai Band", "ARTIST", ""],
      ["Meghna Arora", "CREW", "Director"],
      ["Kunal Verma", "CAST", "as Sameer"],
    ]);
    expect(groupCredits(credits).map((g) => [g.heading, g.credits.map((c) => c.name)])).toEqual([
      ["Cast & crew", ["Meghna Arora", "Kunal Verma"]],
      ["Artists", ["The Local Chai Band"]],
    ]);
    expect(groupCredits(credits.filter((c) => c.role === "CREW"))[0]!.heading).toBe("Crew");
  });
});
