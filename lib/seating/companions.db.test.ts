import { sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { AppError } from "@/lib/errors";
import { holdSeats } from "@/lib/booking/hold";
import { initiateBooking } from "@/lib/booking/initiate";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { createUser } from "@/lib/testing/users";
import { clearSeatingCaches, getAvailability, getSeatMapLayout } from "./availability";

// The hall (c companion, w wheelchair space, r regular, . aisle):
//   A  c w r r w c
//   B  c w c r r r
//   C  w . c r r r
const HALL = ["cwrrwc", "cwcrrr", "w.crrr"];
const TYPES = { c: "COMPANION", w: "ACCESSIBLE", r: "REGULAR" } as const;

let venue: { id: string; cityId: string };
let sectionId: string;
let eventId: string;
let showId: string;
let id: Record<string, string>; // label → seat id

beforeAll(async () => {
  const city = await createCity();
  const v = await createVenue(city.id, {
    rows: 3,
    cols: 6,
    typeOf: (r, c) => {
      const cell = HALL[r]![c]!;
      return cell === "." ? null : TYPES[cell as keyof typeof TYPES];
    },
  });
  venue = v.venue;
  sectionId = v.section.id;
  eventId = (await createEvent()).id;
});

beforeEach(async () => {
  const show = await createShow({ eventId, venue, sectionId, startsAt: hoursFromNow(48), prices: { REGULAR: 20000, ACCESSIBLE: 20000, COMPANION: 20000 } });
  showId = show.id;
  id = Object.fromEntries((await getSeatMapLayout(showId)).seats.map((s) => [s.label, s.id]));
});

/** Every show seat's row as it stands, and the booking's, to compare before and after a refusal. */
const snapshot = async (bookingId: string) => ({
  seats: await queryRows(db, sql`SELECT seat_id, status, locked_by_booking_id, lock_expiry, version FROM show_seats WHERE show_id = ${showId}::uuid ORDER BY seat_id`),
  booking: await queryRows(db, sql`SELECT status, expires_at, (SELECT count(*)::int FROM booking_seats WHERE booking_id = b.id) AS n FROM bookings b WHERE id = ${bookingId}::uuid`),
});

async function refusal(userId: string, bookingId: string, labels: string[]): Promise<AppError> {
  const err = await holdSeats(userId, bookingId, labels.map((l) => id[l]!)).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe("companion seats", () => {
  it("are held with the wheelchair space beside them, at their own price", async () => {
    const user = await createUser();
    const b = await initiateBooking(user.id, showId);
    const hold = await holdSeats(user.id, b.id, [id.A2!, id.A1!, id.A3!]);
    expect(hold.status).toBe("LOCKED");
    expect(hold.seats.map((s) => [s.label, s.type])).toEqual([["A1", "COMPANION"], ["A2", "ACCESSIBLE"], ["A3", "REGULAR"]]);
    expect(hold.subtotalMinor).toBe(60000);
    // Two wheelchair spaces, each with its own companion, in one hold.
    const other = await createUser();
    const ob = await initiateBooking(other.id, showId);
    await expect(holdSeats(other.id, ob.id, [id.A5!, id.A6!, id.B1!, id.B2!])).resolves.toMatchObject({ status: "LOCKED" });
  });

  it("refuses a companion seat alone (COMPANION_SEAT_ALONE), naming it, and holds nothing", async () => {
    const user = await createUser();
    const b = await initiateBooking(user.id, showId);
    const before = await snapshot(b.id);
    const err = await refusal(user.id, b.id, ["A1", "A3"]);
    expect(err.code).toBe("COMPANION_SEAT_ALONE");
    expect(err.details).toEqual({ seatIds: [id.A1], labels: ["A1"] });
    expect(err.message).toMatch(/A1 is a companion seat, sold only with the wheelchair space/);
    clearSeatingCaches();
    expect(await snapshot(b.id)).toEqual(before);
    expect((await getAvailability(showId)).status).not.toContain("H");
  });

  it("refuses a companion seat whose wheelchair space is not beside it (COMPANION_SEAT_NOT_ADJACENT)", async () => {
    const user = await createUser();
    const b = await initiateBooking(user.id, showId);
    const before = await snapshot(b.id);
    // A1's space is A2; A5 is another row position's space.
    const far = await refusal(user.id, b.id, ["A1", "A5"]);
    expect(far.code).toBe("COMPANION_SEAT_NOT_ADJACENT");
    expect(far.details).toEqual({ seatIds: [id.A1], labels: ["A1"] });
    // Same column, another row: not beside it.
    expect((await refusal(user.id, b.id, ["B1", "A2"])).code).toBe("COMPANION_SEAT_NOT_ADJACENT");
    // Across an aisle: C1 and C3 are in neighbouring seats by number but not by position.
    const aisle = await refusal(user.id, b.id, ["C1", "C3"]);
    expect(aisle.code).toBe("COMPANION_SEAT_NOT_ADJACENT");
    expect(aisle.details).toEqual({ seatIds: [id.C3], labels: ["C3"] });
    expect(await snapshot(b.id)).toEqual(before);
  });

  it("allows one companion seat per wheelchair space (TOO_MANY_COMPANION_SEATS)", async () => {
    const user = await createUser();
    const b = await initiateBooking(user.id, showId);
    const before = await snapshot(b.id);
    const err = await refusal(user.id, b.id, ["B1", "B2", "B3"]);
    expect(err.code).toBe("TOO_MANY_COMPANION_SEATS");
    expect(err.details).toEqual({ seatIds: [id.B3], labels: ["B3"] });
    expect(await snapshot(b.id)).toEqual(before);
    await expect(holdSeats(user.id, b.id, [id.B2!, id.B3!])).resolves.toMatchObject({ status: "LOCKED" });
  });

  it("applies to a change of seats: dropping the wheelchair space is refused and the hold stays as it was", async () => {
    const user = await createUser();
    const b = await initiateBooking(user.id, showId);
    await holdSeats(user.id, b.id, [id.A1!, id.A2!]);
    const before = await snapshot(b.id);
    expect((await refusal(user.id, b.id, ["A1", "A3"])).code).toBe("COMPANION_SEAT_ALONE");
    clearSeatingCaches();
    expect(await snapshot(b.id)).toEqual(before);
    const held = await queryRows<{ seatId: string }>(db, sql`SELECT seat_id AS "seatId" FROM show_seats WHERE locked_by_booking_id = ${b.id}::uuid AND status = 'LOCKED' ORDER BY seat_id`);
    expect(held.map((r) => r.seatId).sort()).toEqual([id.A1, id.A2].sort());
    // The companion seat stays out of reach of anyone else on its own, and with its space taken.
    const other = await createUser();
    const ob = await initiateBooking(other.id, showId);
    expect((await refusal(other.id, ob.id, ["A1", "A2"])).code).toBe("SEATS_UNAVAILABLE");
  });
});
