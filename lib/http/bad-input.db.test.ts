// Values Postgres refuses as data are the caller's fault: a 400, not a 500. And a time zone
// only one of Intl and Postgres knows is refused before it is stored.
import { httpStatus } from "@/lib/http/errors";
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { createVenue, updateVenue } from "@/lib/admin/venues";
import { createCity, createVenue as createVenueFixture } from "@/lib/testing/fixtures";
import { createUser } from "@/lib/testing/users";
import { errorCode } from "@/lib/testing/errors";
import { isKnownTimeZone } from "@/lib/time/known-zones";
import { toAppError } from "@/lib/errors";

async function refusal(query: ReturnType<typeof sql>) {
  try {
    await db.execute(query);
  } catch (err) {
    return toAppError(err);
  }
  throw new Error("the database accepted it");
}

describe("input the database refuses", () => {
  it("is a 400 VALIDATION_FAILED: a NUL byte, a date out of range, a malformed uuid, a number too big", async () => {
    for (const query of [
      sql`SELECT ${"a\u0000b"}::text`,
      sql`SELECT ${"99999-12-31"}::timestamptz + interval '300000 years'`,
      sql`SELECT ${"not-a-uuid"}::uuid`,
      sql`SELECT ${"99999999999"}::int`,
    ]) {
      const e = await refusal(query);
      expect(e.code).toBe("VALIDATION_FAILED");
      expect(httpStatus(e.code)).toBe(400);
    }
  });

  it("leaves server-side failures a 500", async () => {
    const e = await refusal(sql`SELECT * FROM no_such_table`);
    expect(httpStatus(e.code)).toBe(500);
  });
});

describe("venue time zones", () => {
  it("must be known to Postgres as well as to Intl", async () => {
    // Intl accepts these; Postgres 15's zone list does not have them.
    expect(await isKnownTimeZone("Asia/Kolkata")).toBe(true);
    expect(await isKnownTimeZone("Mars/Olympus")).toBe(false);
    const onlyIntl = "SystemV/AST4";
    expect(() => new Intl.DateTimeFormat("en", { timeZone: onlyIntl })).not.toThrow();
    expect(await isKnownTimeZone(onlyIntl)).toBe(false);

    const admin = await createUser("admin");
    const city = await createCity();
    const { venue } = await createVenueFixture(city.id);
    expect(await errorCode(updateVenue(admin, venue.id, { timeZone: onlyIntl }))).toBe("VALIDATION_FAILED");
    expect(await errorCode(updateVenue(admin, venue.id, { timeZone: "Asia/Kolkata" }))).toBe("OK");
    expect(await errorCode(createVenue(admin, { cityId: city.id, name: "Zone Hall", address: "1 Any Road", lat: 19, lng: 72, timeZone: onlyIntl }))).toBe("VALIDATION_FAILED");
    const [row] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM venues WHERE name = 'Zone Hall'`);
    expect(row!.n).toBe(0);
  });

  it("a well-formed but unknown venue is NOT_FOUND", async () => {
    const admin = await createUser("admin");
    expect(await errorCode(updateVenue(admin, "7d4c2a9e-1f3b-4c5d-8e6f-9a0b1c2d3e4f", { name: "Nowhere" }))).toBe("NOT_FOUND");
  });
});
