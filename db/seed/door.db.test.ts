import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { db } from "@/db/client";
import { doorShows } from "@/lib/checkin/checkin";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { createUser } from "@/lib/testing/users";
import { addZone } from "@/lib/seating/zones";
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

it("also gives them a standing show, copied with its zone prices and units", async () => {
  const city = await createCity();
  const v = await createVenue(city.id, { rows: 1, cols: 2 });
  const pit = await addZone(db, { sectionId: v.section.id, name: "Fan Pit", capacity: 5 });
  await createShow({ eventId: (await createEvent({ category: "CONCERT" })).id, venue: v.venue, sectionId: v.section.id, startsAt: hoursFromNow(30), zonePrices: { [pit.id]: 300_000 } });
  const scanner = await createUser("scanner", [v.venue.id]);
  // The hall has seats and a standing zone: two copies for the seated door, one for the standing door.
  expect(await seedDoorShows(db, scanner.email)).toEqual({ added: 3 });
  const open = (await doorShows(scanner)).filter((s) => s.open);
  const units = await db.execute(
    sql`SELECT count(*)::int AS n FROM show_seats ss JOIN show_zone_prices zp ON zp.show_id = ss.show_id AND zp.zone_id = ss.zone_id
        WHERE ss.show_id = ANY(${`{${open.map((s) => s.id).join(",")}}`}::uuid[]) AND ss.price_minor = 300000 AND ss.status = 'AVAILABLE'`,
  );
  expect(JSON.stringify(units)).toContain('"n":15'); // five Fan Pit places in each of the three copies
  expect(await seedDoorShows(db, scanner.email)).toEqual({ added: 0 });
});
