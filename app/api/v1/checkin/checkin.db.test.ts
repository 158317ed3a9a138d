// POST /api/v1/checkin at its boundary: bad door shows and scan times are 4xx with a code (never
// a 500 from a foreign key or a year Postgres cannot store), and a device is rate limited.
import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { configureRateLimiter, LIMITS } from "@/lib/ratelimit";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { createUser } from "@/lib/testing/users";
import { POST } from "./route";

let showId = "";
let scanner: Awaited<ReturnType<typeof createUser>>;

async function post(body: unknown, who = scanner) {
  const req = new NextRequest("http://localhost/api/v1/checkin", { method: "POST", headers: { authorization: `Bearer ${who.token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  const res = await POST(req, { params: Promise.resolve({}) });
  return { status: res.status, body: (await res.json()) as { result?: string; error?: { code: string } } };
}

beforeAll(async () => {
  const city = await createCity();
  const v = await createVenue(city.id);
  showId = (await createShow({ eventId: (await createEvent()).id, venue: v.venue, sectionId: v.section.id, startsAt: hoursFromNow(1) })).id;
  scanner = await createUser("scanner", [v.venue.id]);
});

describe("POST /api/v1/checkin", () => {
  it("answers 404 for a well-formed show id that does not exist and 400 for a malformed one", async () => {
    expect(await post({ code: "MQNOSUCHREF", showId: "00000000-0000-4000-8000-000000000000" })).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
    expect(await post({ code: "MQNOSUCHREF", showId: "not-a-show" })).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
    expect(await post({ code: "MQNOSUCHREF", showId })).toMatchObject({ status: 200, body: { result: "INVALID" } });
  });

  it("answers 4xx for scan times in the future, absurd or unreadable", async () => {
    for (const scannedAt of ["9999-12-31", "+275760-09-13T00:00:00Z", new Date(Date.now() + 3600_000).toISOString()]) {
      expect(await post({ code: "MQNOSUCHREF", showId, scannedAt, offline: true }), scannedAt).toMatchObject({ status: 422, body: { error: { code: "SCAN_TIME_INVALID" } } });
    }
    for (const scannedAt of ["0001-01-01", "-000001-01-01T00:00:00Z", "yesterday", 1e20]) {
      expect(await post({ code: "MQNOSUCHREF", showId, scannedAt, offline: true }), String(scannedAt)).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
    }
  });

  it("answers 400 for a party size that is not a whole number of at least one person", async () => {
    for (const admit of [0, -2, 1.5, "3", 1000, null]) {
      expect(await post({ code: "MQNOSUCHREF", showId, admit }), String(admit)).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
    }
    expect(await post({ code: "MQNOSUCHREF", showId, admit: 2 })).toMatchObject({ status: 200, body: { result: "INVALID" } });
  });

  it("rate limits each device user at the checkin policy, not the general API one", async () => {
    // A clock held mid-minute: a real one could cross into the next window during the burst, and
    // the sliding window (rightly) lets a request or two more through then.
    const midMinute = Math.floor(Date.now() / 60_000) * 60_000 + 30_000;
    configureRateLimiter({ limits: LIMITS, redis: null, now: () => midMinute });
    try {
      const door = await createUser("scanner");
      const answers = [];
      for (let i = 0; i < LIMITS.checkin.limit; i++) answers.push((await post({ code: "MQNOSUCHREF" }, door)).status);
      expect(LIMITS.checkin.limit).toBeGreaterThan(LIMITS.api.limit);
      expect(answers.every((s) => s === 200)).toBe(true);
      expect(await post({ code: "MQNOSUCHREF" }, door)).toMatchObject({ status: 429, body: { error: { code: "RATE_LIMITED" } } });
      expect((await post({ code: "MQNOSUCHREF" })).status).toBe(200); // another device user is unaffected
    } finally {
      configureRateLimiter();
    }
  });
});
