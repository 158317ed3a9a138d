import { beforeAll, describe, expect, it } from "vitest";
import { callRoute } from "@/lib/testing/route-call";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { GET as getEvent } from "./events/[eventId]/route";
import { GET as getPerson } from "./people/[personId]/route";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";

const call = callRoute;

describe("people API", () => {
  let cityId = "";
  let eventId = "";
  let personId = "";

  beforeAll(async () => {
    const city = await createCity();
    cityId = city.id;
    const { venue, section } = await createVenue(city.id);
    const event = await createEvent({ title: "Interstellar", popularity: 10 });
    eventId = event.id;
    await createShow({ eventId, venue, sectionId: section.id, startsAt: hoursFromNow(30) });
    const [nolan, mcc] = await queryRows<{ id: string }>(
      db,
      sql`INSERT INTO people (slug, name, bio) VALUES ('christopher-nolan', 'Christopher Nolan', 'Filmmaker.'), ('matthew-mcconaughey', 'Matthew McConaughey', '') RETURNING id`,
    );
    personId = nolan!.id;
    await db.execute(sql`INSERT INTO event_credits (event_id, person_id, role, credit, position) VALUES
      (${eventId}::uuid, ${mcc!.id}::uuid, 'CAST', 'as Cooper', 1), (${eventId}::uuid, ${personId}::uuid, 'CREW', 'Director', 0)`);
  });

  it("includes the credits, in billing order, in the event details (and not the search text)", async () => {
    const { status, body } = await call(getEvent, `/api/v1/events/${eventId}`, { eventId });
    expect(status).toBe(200);
    expect(body.event.credits).toEqual([
      { personId, slug: "christopher-nolan", name: "Christopher Nolan", kind: "PERSON", role: "CREW", credit: "Director", position: 0 },
      expect.objectContaining({ name: "Matthew McConaughey", role: "CAST", credit: "as Cooper", position: 1 }),
    ]);
    expect(body.event.searchVector).toBeUndefined();
  });

  it.each([["id", () => personId], ["slug", () => "christopher-nolan"]])("answers a person by %s with their upcoming events", async (_by, key) => {
    const { status, body } = await call(getPerson, `/api/v1/people/${key()}?city=${cityId}`, { personId: key() });
    expect(status).toBe(200);
    expect(body.person).toEqual({ id: personId, slug: "christopher-nolan", name: "Christopher Nolan", kind: "PERSON", bio: "Filmmaker.", imageUrl: null });
    expect(body.events).toHaveLength(1);
    expect(body.events[0]).toMatchObject({ id: eventId, title: "Interstellar", inCity: true, credits: [{ role: "CREW", credit: "Director" }] });
  });

  it("answers an unknown person with 404 NOT_FOUND", async () => {
    for (const key of ["no-such-person", "00000000-0000-4000-8000-000000000000"]) {
      const { status, body } = await call(getPerson, `/api/v1/people/${key}`, { personId: key });
      expect(status).toBe(404);
      expect(body.error.code).toBe("NOT_FOUND");
    }
  });

  it.each([
    ["a malformed id", "bad!id", "", "personId"],
    ["a malformed city", "christopher-nolan", "?city=Not%20A%20City", "city"],
    ["an unknown city", "christopher-nolan", "?city=atlantis", "city"],
  ])("answers %s with 400 VALIDATION_FAILED", async (_what, key, query, field) => {
    const { status, body } = await call(getPerson, `/api/v1/people/${encodeURIComponent(key)}${query}`, { personId: key });
    expect(status).toBe(400);
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(body.error.details.fieldErrors)).toContain(field);
  });
});
