import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { AppError } from "@/lib/errors";
import { clearSeatingCaches, getSeatMapLayout } from "@/lib/seating/availability";
import { initiateBooking } from "@/lib/booking/initiate";
import { holdSeats } from "@/lib/booking/hold";
import { createCity, createEvent, createVenue } from "@/lib/testing/fixtures";
import { createUser } from "@/lib/testing/users";
import { addDays, zonedYmd } from "@/lib/time/zone";
import { createHall, getHallLayout, layoutSchema, updateHallLayout } from "./halls";
import { scheduleSchema, scheduleShows } from "./shows";

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
