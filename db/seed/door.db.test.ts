import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { db } from "@/db/client";
import { doorShows } from "@/lib/checkin/checkin";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { createUser } from "@/lib/testing/users";
import { seedDoorShows } from "./door";

it("gives the demo door staff two shows whose check-in is open, once, copied with their seats", async () => {
  const city = await createCity();
  const v = await createVenue(city.id, { rows: 2, cols: 3 });
  await createShow({ eventId: (await createEvent()).id, venue: v.venue, sectionId: v.section.id, startsAt: hoursFromNow(30) });
  const scanner = await createUser("scanner", [v.venue.id]);
  expect((await doorShows(scanner)).filter((s) => s.open)).toHaveLength(0);
  expect(await seedDoorShows(db, scanner.email)).toEqual({ added: 2 });
  const open = (await doorShows(scanner)).filter((s) => s.open);
  expect(open).toHaveLength(2);
  const seats = await db.execute(sql`SELECT count(*)::int AS n FROM show_seats WHERE show_id = ${open[0]!.id}::uuid AND status = 'AVAILABLE'`);
  expect(JSON.stringify(seats)).toContain('"n":6');
  expect(await seedDoorShows(db, scanner.email)).toEqual({ added: 0 });
});
