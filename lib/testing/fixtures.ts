// Per-test catalog data: each test builds exactly the world it asserts about.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { createShowSeats } from "@/lib/seating/seat-state";
import { db } from "@/db/client";
import { cities, events, sections, seats, showPrices, shows, venues, showZonePrices } from "@/db/schema";

type SeatType = (typeof seats.$inferInsert)["type"] & string;
const uid = () => randomBytes(4).toString("hex");

export async function createCity(over: Partial<typeof cities.$inferInsert> = {}) {
  const id = over.id ?? `city-${uid()}`;
  const [row] = await db
    .insert(cities)
    .values({ id, name: `City ${id}`, state: "Test", timeZone: "Asia/Kolkata", lat: 19.07, lng: 72.87, ...over })
    .returning();
  return row!;
}

/**
 * A venue with one section of `rows` × `cols` seats; the last row is PREMIUM, unless `typeOf`
 * says each cell's type (null: no seat there, an aisle). Labels count every column: "C3" is
 * row C, column 2, gap or not.
 */
export async function createVenue(
  cityId: string,
  over: { name?: string; lat?: number; lng?: number; rows?: number; cols?: number; typeOf?: (row: number, col: number) => SeatType | null } = {},
) {
  const rows = over.rows ?? 3;
  const cols = over.cols ?? 4;
  const [venue] = await db
    .insert(venues)
    .values({
      cityId,
      name: over.name ?? `Venue ${uid()}`,
      slug: `venue-${uid()}`,
      address: "1 Test Road",
      lat: over.lat ?? 19.07,
      lng: over.lng ?? 72.87,
      timeZone: "Asia/Kolkata",
    })
    .returning();
  const [section] = await db
    .insert(sections)
    .values({ venueId: venue!.id, name: "Screen 1", kind: "SCREEN", rowCount: rows, colCount: cols })
    .returning();
  const seatRows = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const rowLabel = String.fromCharCode(65 + r);
      const type = over.typeOf ? over.typeOf(r, c) : r === rows - 1 ? "PREMIUM" : "REGULAR";
      if (type === null) continue;
      seatRows.push({
        sectionId: section!.id,
        label: `${rowLabel}${c + 1}`,
        rowLabel,
        rowIndex: r,
        colIndex: c,
        type,
      });
    }
  }
  await db.insert(seats).values(seatRows);
  return { venue: venue!, section: section! };
}

export async function createEvent(over: Partial<typeof events.$inferInsert> = {}) {
  const title = over.title ?? `Event ${uid()}`;
  const [row] = await db
    .insert(events)
    .values({
      title,
      slug: `${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${uid()}`,
      category: "MOVIE",
      durationMinutes: 120,
      languages: ["English"],
      ...over,
    })
    .returning();
  return row!;
}

/** A scheduled show with per-seat-type prices and its show_seats materialised. */
export async function createShow(opts: {
  eventId: string;
  venue: { id: string; cityId: string };
  sectionId: string;
  startsAt: Date;
  prices?: Partial<Record<SeatType, number>>;
  language?: string;
  status?: "SCHEDULED" | "CANCELLED";
  /** Prices of the section's general admission zones, by zone id. */
  zonePrices?: Record<string, number>;
}) {
  const prices = opts.prices ?? { REGULAR: 20000, PREMIUM: 35000 };
  const values = Object.values(prices) as number[];
  const [show] = await db
    .insert(shows)
    .values({
      eventId: opts.eventId,
      sectionId: opts.sectionId,
      venueId: opts.venue.id,
      cityId: opts.venue.cityId,
      startsAt: opts.startsAt,
      endsAt: new Date(opts.startsAt.getTime() + 2 * 3600_000),
      language: opts.language ?? "English",
      format: "2D",
      minPriceMinor: Math.min(...values),
      maxPriceMinor: Math.max(...values),
      status: opts.status ?? "SCHEDULED",
    })
    .returning();
  await db.insert(showPrices).values(
    Object.entries(prices).map(([seatType, priceMinor]) => ({ showId: show!.id, seatType: seatType as SeatType, priceMinor: priceMinor! })),
  );
  const zonePrices = Object.entries(opts.zonePrices ?? {});
  if (zonePrices.length) await db.insert(showZonePrices).values(zonePrices.map(([zoneId, priceMinor]) => ({ showId: show!.id, zoneId, priceMinor })));
  await createShowSeats(db, sql`s.id = ${show!.id}::uuid`);
  return show!;
}

export const hoursFromNow = (h: number, now = new Date()) => new Date(now.getTime() + h * 3600_000);
