// Who may do what: every role against every protected route, including reaching for someone
// else's data by id. Others' resources answer 404 (not 403) so their existence is not revealed.
import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { bookings } from "@/db/schema";
import { GET as profile } from "./users/[userId]/profile/route";
import { GET as userBookings } from "./users/[userId]/bookings/route";
import { GET as booking } from "./bookings/[bookingId]/route";
import { GET as adminVenues } from "./admin/venues/route";
import { GET as adminSales } from "./admin/sales/route";
import { POST as checkin } from "./checkin/route";
import { GET as checkinShows } from "./checkin/shows/route";
import { PATCH as editVenue } from "./admin/venues/[venueId]/route";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { createUser } from "@/lib/testing/users";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;

async function call(handler: Handler, opts: { token?: string; params?: Record<string, string>; query?: Record<string, string>; method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const req = new NextRequest(`http://localhost/api/v1/x?${new URLSearchParams(opts.query)}`, { method: opts.method ?? "GET", headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  return { status: res.status, body: (await res.json()) as { error?: { code: string } } & Record<string, unknown> };
}

describe("authorisation matrix", () => {
  let u: Record<"alice" | "bob" | "staff1" | "staff2" | "scanner" | "admin", Awaited<ReturnType<typeof createUser>>>;
  let venue1 = "";
  let venue2 = "";
  let aliceBooking = "";

  beforeAll(async () => {
    const city = await createCity();
    const v1 = await createVenue(city.id);
    const v2 = await createVenue(city.id);
    venue1 = v1.venue.id;
    venue2 = v2.venue.id;
    u = {
      alice: await createUser("customer"),
      bob: await createUser("customer"),
      staff1: await createUser("staff", [venue1]),
      staff2: await createUser("staff", [venue2]),
      scanner: await createUser("scanner", [venue1]),
      admin: await createUser("admin"),
    };
    const event = await createEvent();
    const show = await createShow({ eventId: event.id, venue: v1.venue, sectionId: v1.section.id, startsAt: hoursFromNow(48) });
    const [b] = await db
      .insert(bookings)
      .values({ reference: `T${Date.now()}`, userId: u.alice.id, showId: show.id, status: "CONFIRMED", totalMinor: 1000 })
      .returning();
    aliceBooking = b!.id;
  });

  it("lets users read their own profile and bookings, and hides everyone else's", async () => {
    for (const who of ["alice", "bob", "staff1", "scanner", "admin"] as const) {
      for (const handler of [profile, userBookings]) {
        expect((await call(handler, { token: u[who].token, params: { userId: u[who].id } })).status).toBe(200);
        if (who !== "alice") {
          const other = await call(handler, { token: u[who].token, params: { userId: u.alice.id } });
          expect(other.status, `${who} reading alice`).toBe(404);
        }
      }
    }
    const own = await call(userBookings, { token: u.alice.token, params: { userId: u.alice.id } });
    expect((own.body.items as { id: string }[]).map((b) => b.id)).toEqual([aliceBooking]);
  });

  it("answers 404 when a customer reaches for another customer's booking by id", async () => {
    expect((await call(booking, { token: u.alice.token, params: { bookingId: aliceBooking } })).status).toBe(200);
    const bob = await call(booking, { token: u.bob.token, params: { bookingId: aliceBooking } });
    expect(bob).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
    expect((await call(booking, { token: u.staff1.token, params: { bookingId: aliceBooking } })).status).toBe(404);
  });

  it("requires a valid token: none is 401, a forged or expired one is 401", async () => {
    expect((await call(profile, { params: { userId: u.alice.id } })).status).toBe(401);
    const forged = `${u.alice.token.slice(0, -4)}AAAA`;
    expect((await call(profile, { token: forged, params: { userId: u.alice.id } })).status).toBe(401);
    expect((await call(profile, { token: "not-a-jwt", params: { userId: u.alice.id } })).status).toBe(401);
  });

  it("keeps admin routes to staff and admins, and staff to their own venues", async () => {
    const list = async (who: keyof typeof u) => call(adminVenues, { token: u[who].token });
    expect((await list("alice")).status).toBe(403);
    expect((await list("scanner")).status).toBe(403);
    expect((await call(adminVenues)).status).toBe(401);
    expect(((await list("staff1")).body.items as { id: string }[]).map((v) => v.id)).toEqual([venue1]);
    const all = ((await list("admin")).body.items as { id: string }[]).map((v) => v.id);
    expect(all).toEqual(expect.arrayContaining([venue1, venue2]));

    const edit = (who: keyof typeof u, venueId: string) => call(editVenue, { token: u[who].token, method: "PATCH", params: { venueId }, body: { name: `Renamed by ${who}` } });
    expect((await edit("staff1", venue1)).status).toBe(200);
    expect((await edit("staff1", venue2)).status).toBe(404);
    expect((await edit("staff2", venue1)).status).toBe(404);
    expect((await edit("scanner", venue1)).status).toBe(403);
    expect((await edit("alice", venue1)).status).toBe(403);
    expect((await edit("admin", venue2)).status).toBe(200);
    const names = await db.execute(sql`SELECT name FROM venues WHERE id IN (${venue1}::uuid, ${venue2}::uuid) ORDER BY name`);
    const rows = (Array.isArray(names) ? names : (names as unknown as { rows: { name: string }[] }).rows) as { name: string }[];
    expect(rows.map((r) => r.name)).toEqual(["Renamed by admin", "Renamed by staff1"]);
  });

  it("keeps sales to staff (their venues) and admins, and check-in to door roles", async () => {
    const sales = async (who: keyof typeof u) => call(adminSales, { token: u[who].token });
    expect((await sales("alice")).status).toBe(403);
    expect((await sales("scanner")).status).toBe(403);
    expect((await sales("staff1")).status).toBe(200);
    // Staff see only their venues' shows, also when they ask for another venue's event by id.
    const showsOf = async (who: keyof typeof u) => ((await sales(who)).body.items as { venue: string; showId: string }[]).map((r) => r.showId);
    expect(await showsOf("staff1")).toHaveLength(1);
    expect(await showsOf("staff2")).toEqual([]);
    const [first] = (await sales("staff1")).body.items as { eventId: string }[];
    const byEvent = await call(adminSales, { token: u.staff2.token, query: { eventId: first!.eventId } });
    expect(byEvent.body.items).toEqual([]);
    expect((await sales("admin")).status).toBe(200);
    expect((await call(adminSales)).status).toBe(401);
    const scan = async (who: keyof typeof u) => call(checkin, { token: u[who].token, method: "POST", body: { code: "MQNOSUCHREF" } });
    expect((await scan("alice")).status).toBe(403);
    expect((await scan("scanner")).status).toBe(200);
    expect((await scan("staff2")).status).toBe(200);
    expect((await call(checkinShows, { token: u.alice.token })).status).toBe(403);
    expect((await call(checkinShows, { token: u.scanner.token })).status).toBe(200);
  });

  it("refuses cross-site, cookie-authenticated state changes before anything else", async () => {
    const res = await call(editVenue, {
      method: "PATCH",
      params: { venueId: venue1 },
      body: { name: "CSRF" },
      headers: { cookie: "authjs.session-token=whatever", origin: "https://evil.example" },
    });
    expect(res).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
  });
});
