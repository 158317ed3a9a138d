import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { databaseKind, db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { AppError } from "@/lib/errors";
import { clearSeatingCaches, getSeatMapLayout } from "@/lib/seating/availability";
import { initiateBooking } from "@/lib/booking/initiate";
import { holdSeats } from "@/lib/booking/hold";
import { createCity, createEvent, createVenue } from "@/lib/testing/fixtures";
import { createUser } from "@/lib/testing/users";
import { addDays, zonedYmd } from "@/lib/time/zone";
import { createHall, getHallLayout, layoutSchema, layoutUpdateSchema, updateHallLayout } from "./halls";
import { scheduleSchema, scheduleShows } from "./shows";
import { addHallZone, listZones, removeZone, updateZone, zoneSchema } from "./zones";
import { errorCode } from "@/lib/testing/errors";

let venueId = "";
let eventId = "";
let staff: Awaited<ReturnType<typeof createUser>>;

const layout = (rows: [string, string][], over: Record<string, unknown> = {}) =>
  layoutSchema.parse({ name: "Studio 2", kind: "SCREEN", stageLabel: "SCREEN", rows: rows.map(([label, cells]) => ({ label, cells })), ...over });

beforeAll(async () => {
  const city = await createCity();
  venueId = (await createVenue(city.id, { rows: 1, cols: 1 })).venue.id;
  eventId = (await createEvent({ durationMinutes: 90 })).id;
  staff = await createUser("staff", [venueId]);
});

describe("halls and layouts", () => {
  it("builds a hall from rows with aisles, labels seats per row, and reads it back", async () => {
    const { id } = await createHall(staff, venueId, layout([["A", "RR.RR"], ["B", "PP.PP"], ["C", "A...A"]]));
    const back = await getHallLayout(staff, id);
    expect(back.rows).toEqual([{ label: "A", cells: "RR.RR" }, { label: "B", cells: "PP.PP" }, { label: "C", cells: "A...A" }]);
    const seats = await queryRows<{ label: string; col: number }>(db, sql`SELECT label, col_index AS col FROM seats WHERE section_id = ${id}::uuid AND row_label = 'A' ORDER BY col_index`);
    expect(seats).toEqual([{ label: "A1", col: 0 }, { label: "A2", col: 1 }, { label: "A3", col: 3 }, { label: "A4", col: 4 }]);
    const other = await createUser("staff", []);
    await expect(createHall(other, venueId, layout([["A", "R"]], { name: "X" }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(() => layout([["A", "RR"], ["A", "RR"]])).toThrow(/appears twice/);
    expect(() => layout([["A", "...."]])).toThrow(/no seats/);
  });

  it("paints companion seats (M) only beside a wheelchair space (A), and prices them as regular seats by default", async () => {
    expect(() => layout([["A", "MR.RA"]])).toThrow(/Row A: a companion seat needs a wheelchair space beside it/);
    expect(() => layout([["A", "A.M"]])).toThrow(/companion seat needs a wheelchair space/);
    const { id } = await createHall(staff, venueId, layout([["A", "RRRR"], ["B", "AM.MA"]], { name: "Studio 4" }));
    const { showIds } = await scheduleShows(staff, scheduleSchema.parse({ eventId, sectionId: id, dates: [addDays(zonedYmd(new Date(), "Asia/Kolkata"), 4)], times: ["12:00"], prices: { REGULAR: 20000, ACCESSIBLE: 20000 } }));
    const seats = (await getSeatMapLayout(showIds[0]!)).seats.filter((s) => s.rowLabel === "B");
    expect(seats.map((s) => [s.label, s.type, s.priceMinor])).toEqual([["B1", "ACCESSIBLE", 20000], ["B2", "COMPANION", 20000], ["B3", "COMPANION", 20000], ["B4", "ACCESSIBLE", 20000]]);
  });

  it("protects seats with bookings, and keeps upcoming shows in step with the new layout", async () => {
    const { id } = await createHall(staff, venueId, layout([["A", "RRRR"], ["B", "RRRR"]], { name: "Studio 3" }));
    const { showIds } = await scheduleShows(staff, scheduleSchema.parse({ eventId, sectionId: id, dates: [addDays(zonedYmd(new Date(), "Asia/Kolkata"), 3)], times: ["12:00"], prices: { REGULAR: 20000, PREMIUM: 30000 } }));
    const showId = showIds[0]!;
    const buyer = await createUser();
    const a1 = (await getSeatMapLayout(showId)).seats.find((s) => s.label === "A1")!.id;
    const b = await initiateBooking(buyer.id, showId);
    await holdSeats(buyer.id, b.id, [a1]);

    // Dropping row A would orphan A1's hold: refused, nothing changes.
    const err = await updateHallLayout(staff, id, layout([["B", "RRRR"]], { name: "Studio 3" })).catch((e: AppError) => e);
    expect((err as AppError).code).toBe("CONFLICT");
    expect((err as AppError).message).toContain("A1");
    expect((await getHallLayout(staff, id)).rows).toHaveLength(2);

    // Removing free seats, adding an aisle seat and making row B premium is fine.
    const result = await updateHallLayout(staff, id, layout([["A", "RR.RRR"], ["B", "PPP"]], { name: "Studio 3" }));
    expect(result).toMatchObject({ added: 1, removed: 1 });
    clearSeatingCaches();
    const seats = (await getSeatMapLayout(showId)).seats;
    expect(seats.map((s) => s.label)).toEqual(["A1", "A2", "A3", "A4", "A5", "B1", "B2", "B3"]);
    expect(seats.find((s) => s.label === "A5")!.priceMinor).toBe(20000);
    expect(seats.find((s) => s.label === "B2")!.priceMinor).toBe(30000);
    expect(seats.find((s) => s.label === "A3")!.col).toBe(3);
    // The held seat is still held, by the same booking.
    const [held] = await queryRows<{ status: string; by: string }>(db, sql`SELECT status, locked_by_booking_id AS by FROM show_seats WHERE show_id = ${showId}::uuid AND seat_id = ${a1}::uuid`);
    expect(held).toEqual({ status: "LOCKED", by: b.id });
  });
});

describe("general admission zones in the hall builder", () => {
  const units = async (showId: string, zoneId: string) =>
    queryRows<{ status: string; n: number }>(db, sql`SELECT status, count(*)::int AS n FROM show_seats WHERE show_id = ${showId}::uuid AND zone_id = ${zoneId}::uuid GROUP BY status ORDER BY status`);
  const total = async (showId: string, zoneId: string) => (await units(showId, zoneId)).reduce((n, r) => n + r.n, 0);
  const hallUnits = async (zoneId: string) => (await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM seats WHERE zone_id = ${zoneId}::uuid`))[0]!.n;
  const when = (n: number) => addDays(zonedYmd(new Date(), "Asia/Kolkata"), n);

  it.skipIf(databaseKind() !== "postgres")("shrinking a zone while buyers take its places: no held place is ever deleted", async () => {
    const { id } = await createHall(staff, venueId, layout([], { name: "Race Arena", kind: "HALL", zones: [{ name: "Pit", capacity: 10 }] }));
    const pit = (await listZones(staff, id))[0]!.id;
    const showId = (await scheduleShows(staff, scheduleSchema.parse({ eventId, sectionId: id, dates: [when(7)], times: ["12:00"], zonePrices: { [pit]: 1000 } }))).showIds[0]!;
    const buyers = await Promise.all(Array.from({ length: 4 }, () => createUser()));
    const bookings = await Promise.all(buyers.map((u) => initiateBooking(u.id, showId)));
    const results = await Promise.all([
      ...buyers.map((u, i) => errorCode(holdSeats(u.id, bookings[i]!.id, [], [{ zoneId: pit, quantity: 2 }]))),
      errorCode(updateZone(staff, pit, { capacity: 4 })),
    ]);
    const held = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM booking_seats bs JOIN show_seats ss ON ss.id = bs.show_seat_id
          WHERE bs.booking_id = ANY(${`{${bookings.map((b) => b.id).join(",")}}`}::uuid[]) AND ss.status = 'LOCKED' AND ss.locked_by_booking_id = bs.booking_id`,
    );
    const holds = results.slice(0, 4).filter((r) => r === "OK").length;
    expect(held[0]!.n).toBe(holds * 2);
    const capacity = (await queryRows<{ capacity: number }>(db, sql`SELECT capacity FROM zones WHERE id = ${pit}::uuid`))[0]!.capacity;
    expect(await total(showId, pit)).toBe(capacity);
    expect(capacity).toBe(results[4] === "OK" ? 4 : 10);
    expect(holds * 2).toBeLessThanOrEqual(capacity);
  });

  it("builds a hall of zones only, and refuses a hall with neither seats nor zones", async () => {
    const { id } = await createHall(staff, venueId, layout([], { name: "Lawn", kind: "HALL", zones: [{ name: "Fan Pit", capacity: 40 }, { name: "Gallery", kind: "TIMED_ENTRY", capacity: 12 }] }));
    expect((await getHallLayout(staff, id)).rows).toEqual([]);
    expect((await listZones(staff, id)).map((z) => [z.name, z.kind, z.capacity])).toEqual([["Fan Pit", "STANDING", 40], ["Gallery", "TIMED_ENTRY", 12]]);
    const [row] = await queryRows<{ rows: number; cols: number }>(db, sql`SELECT row_count AS rows, col_count AS cols FROM sections WHERE id = ${id}::uuid`);
    expect(row).toEqual({ rows: 0, cols: 0 });
    expect(() => layout([], { name: "Empty" })).toThrow(/no seats and no zones/);
    expect(() => layout([], { name: "Dup", zones: [{ name: "Pit", capacity: 1 }, { name: "pit", capacity: 2 }] })).toThrow(/own name/);
    expect(() => zoneSchema.parse({ name: "Big", capacity: 30_001 })).toThrow();
    expect(() => zoneSchema.parse({ name: "None", capacity: 0 })).toThrow();
    // Its seat grid can be saved empty (the zones are the hall).
    await updateHallLayout(staff, id, layoutUpdateSchema.parse({ name: "Lawn", kind: "HALL", rows: [] }));
    expect(await errorCode(updateHallLayout(staff, (await createHall(staff, venueId, layout([["A", "R"]], { name: "Box" }))).id, layoutUpdateSchema.parse({ name: "Box", kind: "HALL", rows: [] })))).toBe("VALIDATION_FAILED");
  });

  it("adds, renames, grows and shrinks a zone, reaching upcoming shows; never below what is sold or held", async () => {
    const { id } = await createHall(staff, venueId, layout([["A", "RRRR"]], { name: "Arena 1" }));
    const { id: pit } = await addHallZone(staff, id, zoneSchema.parse({ name: "Fan Pit", capacity: 10 }));
    expect(await errorCode(addHallZone(staff, id, zoneSchema.parse({ name: "FAN PIT", capacity: 5 })))).toBe("CONFLICT");
    expect(await errorCode(addHallZone(await createUser("staff", []), id, zoneSchema.parse({ name: "Other", capacity: 5 })))).toBe("NOT_FOUND");
    const { showIds } = await scheduleShows(staff, scheduleSchema.parse({ eventId, sectionId: id, dates: [when(4)], times: ["12:00"], prices: { REGULAR: 20000 }, zonePrices: { [pit]: 50000 } }));
    const showId = showIds[0]!;
    expect(await total(showId, pit)).toBe(10);

    const buyer = await createUser();
    const b = await initiateBooking(buyer.id, showId);
    await holdSeats(buyer.id, b.id, [], [{ zoneId: pit, quantity: 3 }]);

    expect(await updateZone(staff, pit, { capacity: 15, name: "Mosh Pit" })).toMatchObject({ capacity: 15, added: 5 });
    expect(await total(showId, pit)).toBe(15);
    expect(await hallUnits(pit)).toBe(15);
    const [label] = await queryRows<{ label: string }>(db, sql`SELECT label FROM seats WHERE zone_id = ${pit}::uuid AND col_index = 15`);
    expect(label!.label).toBe("Mosh Pit #15");

    // Three places are held: the zone cannot hold fewer, and the refusal changes nothing.
    const err = await updateZone(staff, pit, { capacity: 2 }).catch((e: AppError) => e);
    expect(err).toMatchObject({ code: "ZONE_IN_USE", details: { minCapacity: 3 } });
    expect(await total(showId, pit)).toBe(15);
    expect((await queryRows<{ capacity: number }>(db, sql`SELECT capacity FROM zones WHERE id = ${pit}::uuid`))[0]!.capacity).toBe(15);

    // Down to 5: only free places go; the hold is untouched.
    expect(await updateZone(staff, pit, { capacity: 5 })).toMatchObject({ capacity: 5, removed: 10 });
    expect(await units(showId, pit)).toEqual([{ status: "AVAILABLE", n: 2 }, { status: "LOCKED", n: 3 }]);
    const [held] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM show_seats WHERE show_id = ${showId}::uuid AND locked_by_booking_id = ${b.id}::uuid`);
    expect(held!.n).toBe(3);
    // A show scheduled now gets exactly the capacity.
    const later = (await scheduleShows(staff, scheduleSchema.parse({ eventId, sectionId: id, dates: [when(5)], times: ["12:00"], prices: { REGULAR: 20000 }, zonePrices: { [pit]: 50000 } }))).showIds[0]!;
    expect(await total(later, pit)).toBe(5);

    // Held places make the zone unremovable; a zone nobody bought is removed with its prices and places.
    expect(await errorCode(removeZone(staff, pit))).toBe("ZONE_IN_USE");
    const { id: lounge } = await addHallZone(staff, id, zoneSchema.parse({ name: "Lounge", capacity: 4 }));
    await scheduleShows(staff, scheduleSchema.parse({ eventId, sectionId: id, dates: [when(6)], times: ["12:00"], prices: { REGULAR: 20000 }, zonePrices: { [lounge]: 90000 } }));
    expect(await errorCode(removeZone(await createUser("staff", []), lounge))).toBe("NOT_FOUND");
    await removeZone(staff, lounge);
    const [gone] = await queryRows<{ z: number; u: number; p: number; ss: number }>(
      db,
      sql`SELECT (SELECT count(*) FROM zones WHERE id = ${lounge}::uuid)::int AS z, (SELECT count(*) FROM seats WHERE zone_id = ${lounge}::uuid)::int AS u,
                 (SELECT count(*) FROM show_zone_prices WHERE zone_id = ${lounge}::uuid)::int AS p, (SELECT count(*) FROM show_seats WHERE zone_id = ${lounge}::uuid)::int AS ss`,
    );
    expect(gone).toEqual({ z: 0, u: 0, p: 0, ss: 0 });
  });
});
