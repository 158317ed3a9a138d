// The waitlist (issue 18) on both databases: who may join, the line's order, offers made as holds
// that only their holder may take, offers lapsing to the next in line, claims on payment. On real
// Postgres: cancellations, releases and matcher runs all at once still give every freed seat to
// exactly one offer and every entry at most one.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, databaseKind } from "@/db/client";
import { queryRows } from "@/db/rows";
import { holdSeats } from "@/lib/booking/hold";
import { initiateBooking } from "@/lib/booking/initiate";
import { cancelOrRelease } from "@/lib/payments/cancellation";
import { deliverDueEvents } from "@/lib/payments/gateways/local";
import { processPayment, processSchema } from "@/lib/payments/process";
import { clearSeatingCaches, getAvailability, getSeatMapLayout } from "@/lib/seating/availability";
import { forgetWaitingScopes } from "@/lib/seating/waitlist-guard";
import { addZone } from "@/lib/seating/zones";
import { errorCode } from "@/lib/testing/errors";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { CARD_OK, deliverWebhooksInProcess } from "@/lib/testing/payments";
import { createUser } from "@/lib/testing/users";
import { closeWaitlist, joinWaitlist, leaveWaitlist, myWaitlistEntries } from "./entries";
import { OFFER_MINUTES, offerFreedPlaces, offerWaitlists, pickSeats } from "./matcher";

const onPostgres = databaseKind() === "postgres";

type U = Awaited<ReturnType<typeof createUser>>;
let venue: { id: string; cityId: string };
let sectionId: string;
let eventId: string;
let pit: { id: string };
let restoreGateway: () => void;

beforeAll(async () => {
  restoreGateway = deliverWebhooksInProcess();
  const city = await createCity();
  // 2 rows × 4: A1..A4 REGULAR, B1..B4 PREMIUM; and a standing zone of 5.
  const v = await createVenue(city.id, { rows: 2, cols: 4 });
  venue = v.venue;
  sectionId = v.section.id;
  eventId = (await createEvent({ category: "CONCERT" })).id;
  pit = await addZone(db, { sectionId, name: "Pit", capacity: 5, sortOrder: 1 });
});
afterAll(() => restoreGateway());

async function newShow() {
  const show = await createShow({ eventId, venue, sectionId, startsAt: hoursFromNow(72), zonePrices: { [pit.id]: 90_000 } });
  const layout = await getSeatMapLayout(show.id);
  return { showId: show.id, seats: layout.seats.map((s) => s.id), labels: new Map(layout.seats.map((s) => [s.id, s.label])) };
}

/** A buyer holding these places (seat ids and zone quantities) of the show. */
async function holder(showId: string, seatIds: string[], zones: { zoneId: string; quantity: number }[] = []) {
  const user = await createUser();
  const booking = await initiateBooking(user.id, showId);
  await holdSeats(user.id, booking.id, seatIds, zones);
  return { user, bookingId: booking.id };
}

async function pay(user: U, bookingId: string) {
  await processPayment(user, processSchema.parse({ method: "CARD", card: CARD_OK, bookingId }), randomUUID());
  await deliverDueEvents();
}

const entry = (id: string) =>
  queryRows<{ status: string; bookingId: string | null; offerExpiresAt: Date | null }>(
    db,
    sql`SELECT status, booking_id AS "bookingId", offer_expires_at AS "offerExpiresAt" FROM waitlist_entries WHERE id = ${id}::uuid`,
  ).then((r) => r[0]!);

const bookingOf = (id: string) =>
  queryRows<{ status: string; userId: string; expiresAt: Date | null; seats: string[] | null }>(
    db,
    sql`SELECT b.status, b.user_id AS "userId", b.expires_at AS "expiresAt",
               (SELECT array_agg(seat_id::text ORDER BY seat_id) FROM booking_seats WHERE booking_id = b.id) AS seats
        FROM bookings b WHERE b.id = ${id}::uuid`,
  ).then((r) => ({ ...r[0]!, expiresAt: r[0]!.expiresAt ? new Date(r[0]!.expiresAt) : null }));

/** Makes a hold look as if its time ran out (rows only: what the clock would do). */
async function lapse(bookingId: string) {
  await db.execute(sql`UPDATE bookings SET expires_at = now() - interval '1 second' WHERE id = ${bookingId}::uuid`);
  await db.execute(sql`UPDATE show_seats SET lock_expiry = now() - interval '1 second' WHERE locked_by_booking_id = ${bookingId}::uuid AND status = 'LOCKED'`);
  clearSeatingCaches();
}

describe("joining the waitlist", () => {
  it("is for sold-out scopes only, counts places in line, answers the same entry twice and checks the quantity", async () => {
    const { showId, seats } = await newShow();
    const alice = await createUser();
    // Reserved seats on sale: no waitlist, the answer says how many are left.
    const notYet = await joinWaitlist(alice.id, showId, { quantity: 2 }).catch((e: unknown) => e);
    expect(notYet).toMatchObject({ code: "NOT_SOLD_OUT", details: { available: 8 } });

    await holder(showId, seats.slice(0, 7));
    // One seat left, but Alice wants two: sold out for her.
    const a = await joinWaitlist(alice.id, showId, { quantity: 2 });
    expect(a).toMatchObject({ status: "WAITING", quantity: 2, zoneId: null, position: 1 });
    // One left and Bob wants one: not sold out for him… except that the line has the seat now.
    const bob = await createUser();
    const b = await joinWaitlist(bob.id, showId, { quantity: 1 });
    // Bob fits the free seat: the matcher offers it to him at once, ahead of Alice who wants two.
    expect(b.status).toBe("OFFERED");
    expect(b.places).toEqual(["B4"]);
    expect((await myWaitlistEntries(alice.id, showId))[0]).toMatchObject({ id: a.id, position: 1 });

    const carol = await createUser();
    const c = await joinWaitlist(carol.id, showId, { quantity: 3 });
    expect(c.position).toBe(2);
    // Again: the same entry; a new quantity while waiting keeps the place in line.
    const again = await joinWaitlist(carol.id, showId, { quantity: 1 });
    expect(again).toMatchObject({ id: c.id, quantity: 1, position: 2 });
    expect(await queryRows(db, sql`SELECT id FROM waitlist_entries WHERE show_id = ${showId}::uuid AND user_id = ${carol.id}::uuid`)).toHaveLength(1);

    expect(await errorCode(joinWaitlist(carol.id, showId, { quantity: 0 }))).toBe("INVALID_QUANTITY");
    expect(await errorCode(joinWaitlist(carol.id, showId, { quantity: 11 }))).toBe("INVALID_QUANTITY");
    expect(await errorCode(joinWaitlist(carol.id, showId, { quantity: 1.5 }))).toBe("INVALID_QUANTITY");
    // The zone is not sold out; an unknown zone is not the show's.
    expect(await errorCode(joinWaitlist(carol.id, showId, { zoneId: pit.id, quantity: 1 }))).toBe("NOT_SOLD_OUT");
    expect(await errorCode(joinWaitlist(carol.id, showId, { zoneId: randomUUID(), quantity: 1 }))).toBe("UNKNOWN_ZONE");
    expect(await errorCode(joinWaitlist(carol.id, randomUUID(), { quantity: 1 }))).toBe("NOT_FOUND");

    // Leaving: the entry is LEFT, the one behind moves up; leaving twice answers the same.
    expect((await leaveWaitlist(alice.id, a.id)).status).toBe("LEFT");
    expect((await myWaitlistEntries(carol.id, showId))[0]!.position).toBe(1);
    expect((await leaveWaitlist(alice.id, a.id)).status).toBe("LEFT");
    expect(await errorCode(leaveWaitlist(bob.id, c.id))).toBe("NOT_FOUND");
  });

  it("waits per zone, and not for a show that is no longer on sale", async () => {
    const { showId } = await newShow();
    const alice = await createUser();
    await holder(showId, [], [{ zoneId: pit.id, quantity: 5 }]);
    const z = await joinWaitlist(alice.id, showId, { zoneId: pit.id, quantity: 2 });
    expect(z).toMatchObject({ status: "WAITING", zoneId: pit.id, zoneName: "Pit", position: 1 });
    // The reserved seats are still on sale: a separate scope.
    expect(await errorCode(joinWaitlist(alice.id, showId, { quantity: 1 }))).toBe("NOT_SOLD_OUT");

    const past = await createShow({ eventId, venue, sectionId, startsAt: hoursFromNow(-1) });
    expect(await errorCode(joinWaitlist(alice.id, past.id, { quantity: 1 }))).toBe("SHOW_NOT_ON_SALE");
  });
});

describe("offers", () => {
  it("go to the first in line the freed seats can serve, as a 30-minute hold shown as held, with an email and an SMS", async () => {
    const { showId, seats, labels } = await newShow();
    const h1 = await holder(showId, seats.slice(0, 2)); // A1, A2
    await holder(showId, seats.slice(2)); // the rest
    const [four, one, two] = [await createUser(), await createUser(), await createUser()];
    const eFour = await joinWaitlist(four.id, showId, { quantity: 4 });
    const eOne = await joinWaitlist(one.id, showId, { quantity: 1 });
    const eTwo = await joinWaitlist(two.id, showId, { quantity: 2 });

    // Two seats come back: the party of four cannot use them, the one can (and takes the better
    // one of the two); the party of two behind cannot use the one left.
    const before = Date.now();
    await cancelOrRelease(h1.user.id, h1.bookingId);
    const offered = await entry(eOne.id);
    expect(offered.status).toBe("OFFERED");
    expect((await entry(eFour.id)).status).toBe("WAITING");
    expect((await entry(eTwo.id)).status).toBe("WAITING");
    const offer = await bookingOf(offered.bookingId!);
    expect(offer).toMatchObject({ status: "LOCKED", userId: one.id });
    expect(offer.seats).toHaveLength(1);
    expect(offer.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + (OFFER_MINUTES - 1) * 60_000);
    expect(offer.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + OFFER_MINUTES * 60_000 + 5_000);
    expect(new Date(offered.offerExpiresAt!).getTime()).toBe(offer.expiresAt!.getTime());

    // The seat map shows it held at once, by the offer's booking.
    const layout = await getSeatMapLayout(showId);
    const snap = await getAvailability(showId);
    const i = layout.seats.findIndex((s) => s.id === offer.seats![0]);
    expect(snap.status[i]).toBe("H");
    expect(snap.lockedBy.get(offer.seats![0]!)).toBe(offered.bookingId);

    const mail = await queryRows<{ channel: string; bodyText: string; recipient: string }>(
      db,
      sql`SELECT channel, body_text AS "bodyText", recipient FROM outbox WHERE dedupe_key LIKE ${`waitlist_offer:%${eOne.id}`} ORDER BY channel`,
    );
    expect(mail.map((m) => m.channel)).toEqual(["EMAIL", "SMS"]);
    for (const m of mail) {
      expect(m.bodyText).toContain(`/checkout/${offered.bookingId}`);
      expect(m.bodyText).toContain(labels.get(offer.seats![0]!)!);
      expect(m.bodyText).toContain("₹200");
    }
    expect(mail[0]!.recipient).toBe(one.email);

    // The other freed seat is kept for the line: a buyer is refused, the offer's holder is not.
    const free = seats.slice(0, 2).find((s) => s !== offer.seats![0])!;
    const stranger = await createUser();
    const sb = await initiateBooking(stranger.id, showId);
    const refused = await holdSeats(stranger.id, sb.id, [free]).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "WAITLIST_FIRST" });
    expect(await errorCode(holdSeats(one.id, offered.bookingId!, offer.seats!))).toBe("OK");
    expect(await errorCode(holdSeats(one.id, offered.bookingId!, [free]))).toBe("WAITLIST_FIRST");
    // Running the matcher again offers nothing twice.
    expect((await offerFreedPlaces(showId)).offered).toEqual([]);
    expect(await queryRows(db, sql`SELECT id FROM outbox WHERE dedupe_key LIKE 'waitlist_offer:%' AND payload->>'entryId' = ${eOne.id}`)).toHaveLength(2);
  });

  it("lapse to the next in line who fits, and an offer paid for is claimed", async () => {
    const { showId, seats } = await newShow();
    const h1 = await holder(showId, seats.slice(0, 2));
    await holder(showId, seats.slice(2));
    const [first, second] = [await createUser(), await createUser()];
    const e1 = await joinWaitlist(first.id, showId, { quantity: 2 });
    const e2 = await joinWaitlist(second.id, showId, { quantity: 2 });
    await cancelOrRelease(h1.user.id, h1.bookingId);
    const o1 = await entry(e1.id);
    expect(o1.status).toBe("OFFERED");
    expect((await bookingOf(o1.bookingId!)).seats!.sort()).toEqual(seats.slice(0, 2).sort());

    // The first lets the clock run out: the cron notices, the hold expires, the second gets the seats.
    await lapse(o1.bookingId!);
    forgetWaitingScopes();
    const run = await offerWaitlists();
    expect(run).toMatchObject({ lapsed: 1, offered: 1 });
    expect(await entry(e1.id)).toMatchObject({ status: "LAPSED" });
    expect((await bookingOf(o1.bookingId!)).status).toBe("EXPIRED");
    const o2 = await entry(e2.id);
    expect(o2.status).toBe("OFFERED");
    expect((await bookingOf(o2.bookingId!)).seats!.sort()).toEqual(seats.slice(0, 2).sort());

    // The second pays: the entry is CLAIMED in the payment's transaction.
    await pay(second, o2.bookingId!);
    expect((await bookingOf(o2.bookingId!)).status).toBe("CONFIRMED");
    expect((await entry(e2.id)).status).toBe("CLAIMED");
    // Joining again after a lapse is a new place at the back of the line.
    const again = await joinWaitlist(first.id, showId, { quantity: 2 });
    expect(again.id).not.toBe(e1.id);
  });

  it("leaving an offer releases it to the next; an open booking of the user gives way; zones are offered by quantity", async () => {
    const { showId } = await newShow();
    const h = await holder(showId, [], [{ zoneId: pit.id, quantity: 5 }]);
    const [a, b] = [await createUser(), await createUser()];
    const ea = await joinWaitlist(a.id, showId, { zoneId: pit.id, quantity: 3 });
    // b has an open (INITIATED) booking of the show: it is expired to make room for the offer.
    const open = await initiateBooking(b.id, showId);
    const eb = await joinWaitlist(b.id, showId, { zoneId: pit.id, quantity: 2 });
    await cancelOrRelease(h.user.id, h.bookingId);
    const oa = await entry(ea.id);
    const ob = await entry(eb.id);
    expect([oa.status, ob.status]).toEqual(["OFFERED", "OFFERED"]);
    expect((await bookingOf(oa.bookingId!)).seats).toHaveLength(3);
    expect((await bookingOf(ob.bookingId!)).seats).toHaveLength(2);
    expect((await bookingOf(open.id)).status).toBe("EXPIRED");

    // c waits; a leaves the offer: its three places go to c (who wants two) at once.
    const c = await createUser();
    const ec = await joinWaitlist(c.id, showId, { zoneId: pit.id, quantity: 2 });
    expect(ec.status).toBe("WAITING");
    expect((await leaveWaitlist(a.id, ea.id)).status).toBe("LEFT");
    expect((await bookingOf(oa.bookingId!)).status).toBe("EXPIRED");
    expect((await entry(ec.id)).status).toBe("OFFERED");
    // One place is left and nobody waits: it is on sale to anyone again.
    const d = await createUser();
    const db2 = await initiateBooking(d.id, showId);
    expect(await errorCode(holdSeats(d.id, db2.id, [], [{ zoneId: pit.id, quantity: 1 }]))).toBe("OK");
  });

  it("close when the show is cancelled", async () => {
    const { showId, seats } = await newShow();
    await holder(showId, seats);
    const a = await createUser();
    const e = await joinWaitlist(a.id, showId, { quantity: 1 });
    await db.transaction((tx) => closeWaitlist(tx, showId));
    expect((await entry(e.id)).status).toBe("CLOSED");
  });
});

describe("picking seats for an offer", () => {
  it("prefers seats together, and splits a party only when no row has them together", async () => {
    const { showId } = await newShow();
    const layout = await getSeatMapLayout(showId);
    // Free: A1, A3, B2, B3 (A is the front row).
    const free = new Set(["A1", "A3", "B2", "B3"]);
    const status = layout.seats.map((s) => (free.has(s.label) ? "A" : "B")).join("");
    const label = (ids: string[] | null) => ids?.map((id) => layout.seats.find((s) => s.id === id)!.label).sort();
    expect(label(pickSeats(layout, status, 2))).toEqual(["B2", "B3"]);
    expect(label(pickSeats(layout, status, 3))).toHaveLength(3);
    expect(label(pickSeats(layout, status, 4))).toEqual(["A1", "A3", "B2", "B3"]);
    expect(pickSeats(layout, status, 5)).toBeNull();
  });
});

describe.skipIf(!onPostgres)("offers under concurrent cancellations (Postgres)", () => {
  /** Every invariant of the offers of a show, whatever order things happened in. */
  async function audit(showId: string) {
    const offers = await queryRows<{ id: string; bookingId: string; quantity: number; status: string; userId: string }>(
      db,
      sql`SELECT w.id, w.booking_id AS "bookingId", w.quantity, b.status, w.user_id AS "userId" FROM waitlist_entries w JOIN bookings b ON b.id = w.booking_id
          WHERE w.show_id = ${showId}::uuid AND w.status = 'OFFERED'`,
    );
    // Every offer is a live hold of exactly its quantity, every seat locked by it.
    for (const o of offers) {
      expect(o.status).toBe("LOCKED");
      const [n] = await queryRows<{ held: number; rows: number }>(
        db,
        sql`SELECT (SELECT count(*) FROM show_seats WHERE locked_by_booking_id = ${o.bookingId}::uuid AND status = 'LOCKED' AND lock_expiry > now())::int AS held,
                   (SELECT count(*) FROM booking_seats WHERE booking_id = ${o.bookingId}::uuid)::int AS rows`,
      );
      expect(n).toEqual({ held: o.quantity, rows: o.quantity });
    }
    // No seat in two offers; no booking in two entries; one email per offered entry.
    const doubled = await queryRows(
      db,
      sql`SELECT bs.seat_id FROM booking_seats bs JOIN waitlist_entries w ON w.booking_id = bs.booking_id
          WHERE w.show_id = ${showId}::uuid AND w.status = 'OFFERED' GROUP BY bs.seat_id HAVING count(*) > 1`,
    );
    expect(doubled).toEqual([]);
    expect(new Set(offers.map((o) => o.bookingId)).size).toBe(offers.length);
    const [mails] = await queryRows<{ n: number; entries: number }>(
      db,
      sql`SELECT count(*)::int AS n, count(DISTINCT payload->>'entryId')::int AS entries FROM outbox o
          WHERE o.channel = 'EMAIL' AND o.kind = 'waitlist_offer' AND payload->>'entryId' IN (SELECT id::text FROM waitlist_entries WHERE show_id = ${showId}::uuid)`,
    );
    // (Offers that lapsed or were claimed had theirs too: one per entry ever offered.)
    const [ever] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM waitlist_entries WHERE show_id = ${showId}::uuid AND booking_id IS NOT NULL`);
    expect(mails).toEqual({ n: ever!.n, entries: ever!.n });
    // Nobody still waiting could have been served by what is free.
    const [free] = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM show_seats WHERE show_id = ${showId}::uuid AND zone_id IS NULL AND (status = 'AVAILABLE' OR (status = 'LOCKED' AND lock_expiry <= now()))`,
    );
    const waiting = await queryRows<{ quantity: number }>(db, sql`SELECT quantity FROM waitlist_entries WHERE show_id = ${showId}::uuid AND status = 'WAITING'`);
    for (const w of waiting) expect(w.quantity).toBeGreaterThan(free!.n);
    return { offers, free: free!.n, waiting };
  }

  async function bigShow() {
    const city = await createCity();
    const v = await createVenue(city.id, { rows: 6, cols: 10 });
    const show = await createShow({ eventId, venue: v.venue, sectionId: v.section.id, startsAt: hoursFromNow(96) });
    const layout = await getSeatMapLayout(show.id);
    return { showId: show.id, seats: layout.seats.map((s) => s.id) };
  }

  it("gives each freed seat to one offer and each entry at most one, with cancellations, releases and matcher runs racing", async () => {
    const { showId, seats } = await bigShow();
    // 20 holders of 3 seats each sell the show out; half of them pay.
    const holders = [];
    for (let i = 0; i < 20; i++) holders.push(await holder(showId, seats.slice(i * 3, i * 3 + 3)));
    for (const h of holders.slice(0, 10)) await pay(h.user, h.bookingId);
    expect(await queryRows(db, sql`SELECT id FROM bookings WHERE show_id = ${showId}::uuid AND status = 'CONFIRMED'`)).toHaveLength(10);
    // 40 people wait for 1–3 seats each (demand 80 > the 45 seats that come back).
    const waiters = await Promise.all(Array.from({ length: 40 }, () => createUser()));
    for (const [i, w] of waiters.entries()) await joinWaitlist(w.id, showId, { quantity: 1 + (i % 3) });

    // 15 cancellations and releases at once (each triggers the matcher), and 10 more matcher runs.
    const leaving = [...holders.slice(0, 8), ...holders.slice(10, 17)];
    await Promise.all([
      ...leaving.map((h) => cancelOrRelease(h.user.id, h.bookingId)),
      ...Array.from({ length: 10 }, () => offerFreedPlaces(showId)),
    ]);
    await offerFreedPlaces(showId);
    const { offers, free } = await audit(showId);
    const offeredSeats = offers.reduce((n, o) => n + o.quantity, 0);
    expect(offeredSeats + free).toBe(45);
    expect(offeredSeats).toBeGreaterThanOrEqual(43); // the leftovers are fewer than anyone still waiting wants
    // No user offered twice.
    expect(new Set(offers.map((o) => o.userId)).size).toBe(offers.length);
  }, 120_000);

  it("offers exactly min(freed, demand) to single-ticket waiters, and lapses pass on under concurrent runs", async () => {
    const { showId, seats } = await bigShow();
    const holders = [];
    for (let i = 0; i < 30; i++) holders.push(await holder(showId, seats.slice(i * 2, i * 2 + 2)));
    const waiters = await Promise.all(Array.from({ length: 25 }, () => createUser()));
    for (const w of waiters) await joinWaitlist(w.id, showId, { quantity: 1 });
    // 8 releases (16 seats) for 25 singles: 16 offers.
    await Promise.all([...holders.slice(0, 8).map((h) => cancelOrRelease(h.user.id, h.bookingId)), ...Array.from({ length: 6 }, () => offerWaitlists())]);
    let { offers } = await audit(showId);
    expect(offers).toHaveLength(16);
    // Every offer lapses at once, and 5 more seats come back: the 9 still waiting get 9 offers,
    // then the line is empty and 16 - 9 + 10 … seats stay free for anyone.
    for (const o of offers) await lapse(o.bookingId);
    await Promise.all([...holders.slice(8, 13).map((h) => cancelOrRelease(h.user.id, h.bookingId)), ...Array.from({ length: 6 }, () => offerWaitlists())]);
    ({ offers } = await audit(showId));
    expect(offers).toHaveLength(9);
    const [lapsed] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM waitlist_entries WHERE show_id = ${showId}::uuid AND status = 'LAPSED'`);
    expect(lapsed!.n).toBe(16);
    expect(await queryRows(db, sql`SELECT id FROM waitlist_entries WHERE show_id = ${showId}::uuid AND status = 'WAITING'`)).toEqual([]);
  }, 120_000);
});
