// Every admin server action and page against every role: a customer, staff of another venue,
// staff of the venue, an admin. The session is the one thing faked (the Auth.js cookie needs a
// request); each action and page then runs for real, so removing any role or scope check fails here.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { User } from "@/lib/auth/accounts";
import { AppError } from "@/lib/errors";
import { getHallLayout } from "@/lib/admin/halls";
import { listEventsForStaff } from "@/lib/admin/events";
import { listPromos, promoRedemptions } from "@/lib/admin/promos";
import { createApiKey, createApiKeySchema } from "@/lib/admin/api-keys";
import { createCity, createEvent, createShow, createVenue, hoursFromNow } from "@/lib/testing/fixtures";
import { createUser } from "@/lib/testing/users";
import { ADMIN_NAV, navFor, staffEntryFor } from "@/lib/admin/nav";
import type { Role } from "@/lib/auth/accounts";

let signedIn: User | null = null;
vi.mock("@/lib/auth/current-user", () => ({ sessionUser: async () => signedIn }));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
  redirect: (url: string) => {
    throw new Error(`NEXT_REDIRECT ${url}`);
  },
  // The action wrapper lets Next's interrupts through: these fakes of them, here.
  unstable_rethrow: (err: unknown) => {
    if (err instanceof Error && /^NEXT_(REDIRECT|NOT_FOUND)/.test(err.message)) throw err;
  },
}));

const admin = await import("@/app/actions/admin");
const catalog = await import("@/app/actions/admin-catalog");
const credits = await import("@/app/actions/admin-credits");
const webhooks = await import("@/app/actions/admin-webhooks");
const apiKeyActions = await import("@/app/actions/admin-api-keys");

type Who = "customer" | "otherStaff" | "staff" | "admin";
const WHO: Who[] = ["customer", "otherStaff", "staff", "admin"];
let users: Record<Who, User>;
const w = {} as Record<string, string>;

/** "denied" when the caller was refused (403/404 or a page's notFound), "allowed" otherwise (even if the input was then refused). */
async function outcome(run: () => Promise<unknown>): Promise<"denied" | "allowed"> {
  try {
    const r = await run();
    if (r && typeof r === "object" && "ok" in r && r.ok === false) return ["FORBIDDEN", "NOT_FOUND", "UNAUTHORIZED"].includes((r as unknown as { code: string }).code) ? "denied" : "allowed";
    return "allowed";
  } catch (err) {
    if (err instanceof AppError) return ["FORBIDDEN", "NOT_FOUND", "UNAUTHORIZED"].includes(err.code) ? "denied" : "allowed";
    if (err instanceof Error && err.message === "NEXT_NOT_FOUND") return "denied";
    if (err instanceof Error && err.message.startsWith("NEXT_REDIRECT")) return "allowed";
    throw err;
  }
}

const form = (fields: Record<string, string | Blob>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};
const props = (params: Record<string, string> = {}, searchParams: Record<string, string> = {}) => ({ params: Promise.resolve(params), searchParams: Promise.resolve(searchParams) });
const PNG = new Blob([Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex")], { type: "image/png" });

beforeAll(async () => {
  process.env.MEDIA_DIR = (await import("node:fs")).mkdtempSync((await import("node:path")).join((await import("node:os")).tmpdir(), "marquee-media-"));
  (await import("@/lib/env.js")).resetEnvCache();
  const city = await createCity();
  const v1 = await createVenue(city.id);
  const v2 = await createVenue(city.id);
  w.cityId = city.id;
  w.venueId = v1.venue.id;
  w.sectionId = v1.section.id;
  users = { customer: await createUser("customer"), otherStaff: await createUser("staff", [v2.venue.id]), staff: await createUser("staff", [v1.venue.id]), admin: await createUser("admin") };
  const event = await createEvent({ title: "Scoped" });
  w.eventId = event.id;
  w.unshownEventId = (await createEvent({ title: "No shows anywhere" })).id;
  const show = async () => (await createShow({ eventId: event.id, venue: v1.venue, sectionId: v1.section.id, startsAt: hoursFromNow(72) })).id;
  w.showId = await show();
  for (const who of WHO) w[`cancel-${who}`] = await show();
  const [b] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO bookings (reference, user_id, show_id, status, currency, total_minor, confirmed_at) VALUES (${`MQ${Date.now()}`}, ${users.customer.id}::uuid, ${w.showId}::uuid, 'CONFIRMED', 'INR', 1000, now()) RETURNING id`,
  );
  w.bookingId = b!.id;
  const [p] = await queryRows<{ id: string }>(db, sql`INSERT INTO promo_codes (code, kind, value) VALUES ('SCOPE10', 'PERCENT', 1000) RETURNING id`);
  w.promoId = p!.id;
  await db.execute(sql`INSERT INTO promo_redemptions (promo_code_id, booking_id, user_id, discount_minor) VALUES (${w.promoId}::uuid, ${w.bookingId}::uuid, ${users.customer.id}::uuid, 100)`);
  w.layout = JSON.stringify(await getHallLayout(users.admin, w.sectionId));
  // A webhook endpoint of the venue, with one delivery (its receiver need not exist: refused connections are retried).
  process.env.WEBHOOK_ALLOW_HTTP = "true";
  const { createWebhookEndpoint } = await import("@/lib/admin/webhooks");
  w.webhookId = (await createWebhookEndpoint(users.admin, { url: "http://127.0.0.1:9/hooks", description: "", eventTypes: ["booking.confirmed"], venueId: w.venueId })).id;
  const { emitPing } = await import("@/lib/webhooks/emit");
  w.deliveryId = await db.transaction((tx) => emitPing(tx, w.webhookId!));
  w.apiKeyId = (await createApiKey(users.admin, createApiKeySchema.parse({ name: "Matrix key", scopes: "venue:manage", venueIds: w.venueId }))).id;
  const [person] = await queryRows<{ id: string }>(db, sql`INSERT INTO people (slug, name) VALUES ('matrix-person', 'Matrix Person') RETURNING id`);
  w.personId = person!.id;
  await db.execute(sql`INSERT INTO event_credits (event_id, person_id, role) VALUES (${w.eventId}::uuid, ${w.personId}::uuid, 'CAST')`);
  for (const who of WHO) {
    const [p] = await queryRows<{ id: string }>(db, sql`INSERT INTO people (slug, name) VALUES (${`removable-${who}`}, ${`Removable ${who}`}) RETURNING id`);
    w[`remove-${who}`] = p!.id;
    await db.execute(sql`INSERT INTO event_credits (event_id, person_id, role) VALUES (${w.eventId}::uuid, ${p!.id}::uuid, 'CREW')`);
  }
});

const ALL_BUT_CUSTOMER = { customer: "denied", otherStaff: "allowed", staff: "allowed", admin: "allowed" } as const;
const VENUE_SCOPED = { customer: "denied", otherStaff: "denied", staff: "allowed", admin: "allowed" } as const;
const ADMIN_ONLY = { customer: "denied", otherStaff: "denied", staff: "denied", admin: "allowed" } as const;

const ACTIONS: [string, Record<Who, "denied" | "allowed">, (who: Who) => Promise<unknown>][] = [
  ["saveEventAction (create)", ALL_BUT_CUSTOMER, (who) => catalog.saveEventAction(null, form({ title: `New by ${who}`, category: "PLAY", durationMinutes: "90" }))],
  ["saveEventAction (edit)", VENUE_SCOPED, (who) => catalog.saveEventAction(null, form({ eventId: w.eventId!, title: `Scoped, edited by ${who}`, category: "MOVIE", durationMinutes: "120" }))],
  ["saveEventAction (edit an event with no shows)", ADMIN_ONLY, () => catalog.saveEventAction(null, form({ eventId: w.unshownEventId!, title: "Hijacked", category: "MOVIE", durationMinutes: "120" }))],
  ["publishEventAction", VENUE_SCOPED, () => catalog.publishEventAction(form({ eventId: w.eventId!, publish: "true" }))],
  ["publishEventAction (an event with no shows)", ADMIN_ONLY, () => catalog.publishEventAction(form({ eventId: w.unshownEventId!, publish: "false" }))],
  ["uploadPosterAction", VENUE_SCOPED, () => catalog.uploadPosterAction(null, form({ eventId: w.eventId!, poster: new File([PNG], "p.png", { type: "image/png" }) }))],
  ["savePromoAction (create)", ADMIN_ONLY, (who) => catalog.savePromoAction(null, form({ code: `NEW${who.toUpperCase()}`, kind: "FLAT", amount: "50" }))],
  ["savePromoAction (edit)", ADMIN_ONLY, () => catalog.savePromoAction(null, form({ promoId: w.promoId!, code: "SCOPE10", kind: "PERCENT", amount: "10" }))],
  ["pausePromoAction", ADMIN_ONLY, () => catalog.pausePromoAction(form({ promoId: w.promoId!, active: "true" }))],
  ["saveVenueAction (edit)", VENUE_SCOPED, (who) => catalog.saveVenueAction(null, form({ venueId: w.venueId!, name: `Venue kept by ${who}` }))],
  ["saveVenueAction (create)", ADMIN_ONLY, (who) => catalog.saveVenueAction(null, form({ cityId: w.cityId!, name: `Opened by ${who}`, address: "2 Test Road", lat: "19.1", lng: "72.9", timeZone: "Asia/Kolkata" }))],
  ["addCreditAction", VENUE_SCOPED, (who) => credits.addCreditAction(null, form({ eventId: w.eventId!, newName: `Added by ${who}`, role: "CAST" }))],
  ["editCreditAction", VENUE_SCOPED, (who) => credits.editCreditAction(null, form({ eventId: w.eventId!, personId: w.personId!, role: "CAST", credit: `as ${who}` }))],
  ["removeCreditAction", VENUE_SCOPED, (who) => credits.removeCreditAction(form({ eventId: w.eventId!, personId: w[`remove-${who}`]!, role: "CREW" }))],
  ["searchPeopleAction", ALL_BUT_CUSTOMER, () => credits.searchPeopleAction({ q: "matrix" })],
  ["savePersonAction", ADMIN_ONLY, () => credits.savePersonAction(null, form({ personId: w.personId!, name: "Matrix Person", kind: "PERSON", bio: "" }))],
  ["scheduleShowsAction", VENUE_SCOPED, () => admin.scheduleShowsAction(null, form({ eventId: w.eventId!, sectionId: w.sectionId!, from: "2031-01-05", to: "2031-01-05", times: "19:00", REGULAR: "200", PREMIUM: "300" }))],
  ["cancelShowFormAction", VENUE_SCOPED, (who) => admin.cancelShowFormAction(null, form({ showId: w[`cancel-${who}`]!, reason: "Matrix test", confirm: "yes", expectBookings: "0" }))],
  ["blockSeatsFormAction", VENUE_SCOPED, () => admin.blockSeatsFormAction(null, form({ showId: w.showId!, labels: "A1", blocked: "true" }))],
  ["refundBookingFormAction", VENUE_SCOPED, () => admin.refundBookingFormAction(null, form({ bookingId: w.bookingId!, reason: "Matrix test", confirm: "yes", expectRefundMinor: "0" }))],
  ["createApiKeyAction (venue:manage)", VENUE_SCOPED, (who) => apiKeyActions.createApiKeyAction(null, form({ name: `Key by ${who}`, scopes: "venue:manage", venueIds: w.venueId! }))],
  ["createApiKeyAction (bookings:write)", ADMIN_ONLY, (who) => apiKeyActions.createApiKeyAction(null, form({ name: `Booking key by ${who}`, scopes: "bookings:write" }))],
  ["rollApiKeyAction", VENUE_SCOPED, () => apiKeyActions.rollApiKeyAction(null, form({ keyId: w.apiKeyId!, overlapHours: "24" }))],
  ["revokeApiKeyAction", VENUE_SCOPED, () => apiKeyActions.revokeApiKeyAction(null, form({ keyId: w.apiKeyId! }))],
  ["saveHallAction (edit)", VENUE_SCOPED, () => admin.saveHallAction(null, form({ sectionId: w.sectionId!, layout: w.layout! }))],
  ["createWebhookEndpointAction", VENUE_SCOPED, () => webhooks.createWebhookEndpointAction(null, form({ url: "http://127.0.0.1:9/other", venueId: w.venueId!, eventTypes: "show.cancelled" }))],
  ["updateWebhookEventsAction", VENUE_SCOPED, () => webhooks.updateWebhookEventsAction(null, form({ endpointId: w.webhookId!, eventTypes: "booking.confirmed" }))],
  ["setWebhookEnabledAction", VENUE_SCOPED, () => webhooks.setWebhookEnabledAction(null, form({ endpointId: w.webhookId!, enabled: "true" }))],
  ["revealWebhookSecretAction", VENUE_SCOPED, () => webhooks.revealWebhookSecretAction(null, form({ endpointId: w.webhookId! }))],
  ["rotateWebhookSecretAction", VENUE_SCOPED, () => webhooks.rotateWebhookSecretAction(null, form({ endpointId: w.webhookId! }))],
  ["sendTestWebhookAction", VENUE_SCOPED, () => webhooks.sendTestWebhookAction(null, form({ endpointId: w.webhookId! }))],
  ["redeliverWebhookAction", VENUE_SCOPED, () => webhooks.redeliverWebhookAction(null, form({ deliveryId: w.deliveryId! }))],
  ["saveHallAction (create)", VENUE_SCOPED, (who) => admin.saveHallAction(null, form({ venueId: w.venueId!, layout: JSON.stringify({ ...JSON.parse(w.layout!), name: `Hall ${who}` }) }))],
];

type Page = (p: ReturnType<typeof props>) => Promise<unknown>;
const page = async (load: () => Promise<{ default: unknown }>) => (await load()).default as Page;
const STAFF_PAGES: [string, Record<Who, "denied" | "allowed">, () => Promise<unknown>][] = [
  ["/admin", ALL_BUT_CUSTOMER, async () => (await page(() => import("./page")))(props())],
  ["/admin/api-keys", ALL_BUT_CUSTOMER, async () => (await page(() => import("./api-keys/page")))(props())],
  ["/admin/audit", ADMIN_ONLY, async () => (await page(() => import("./audit/page")))(props())],
  ["/admin/bookings", ALL_BUT_CUSTOMER, async () => (await page(() => import("./bookings/page")))(props({}, { q: "example.test" }))],
  ["/admin/bookings/[bookingId]", VENUE_SCOPED, async () => (await page(() => import("./bookings/[bookingId]/page")))(props({ bookingId: w.bookingId! }))],
  ["/admin/events", ALL_BUT_CUSTOMER, async () => (await page(() => import("./events/page")))(props())],
  ["/admin/events/[eventId]", VENUE_SCOPED, async () => (await page(() => import("./events/[eventId]/page")))(props({ eventId: w.eventId! }))],
  ["/admin/halls", ALL_BUT_CUSTOMER, async () => (await page(() => import("./halls/page")))(props())],
  ["/admin/halls/[sectionId]", VENUE_SCOPED, async () => (await page(() => import("./halls/[sectionId]/page")))(props({ sectionId: w.sectionId! }))],
  ["/admin/people/[personId]", ADMIN_ONLY, async () => (await page(() => import("./people/[personId]/page")))(props({ personId: w.personId! }))],
  ["/admin/promos", ALL_BUT_CUSTOMER, async () => (await page(() => import("./promos/page")))(props())],
  ["/admin/promos/[promoId]", ALL_BUT_CUSTOMER, async () => (await page(() => import("./promos/[promoId]/page")))(props({ promoId: w.promoId! }))],
  ["/admin/shows/new", ALL_BUT_CUSTOMER, async () => (await page(() => import("./shows/new/page")))(props())],
  ["/admin/shows/[showId]", VENUE_SCOPED, async () => (await page(() => import("./shows/[showId]/page")))(props({ showId: w.showId! }))],
  ["/admin/webhooks", ALL_BUT_CUSTOMER, async () => (await page(() => import("./webhooks/page")))(props())],
  ["/admin/webhooks/[endpointId]", VENUE_SCOPED, async () => (await page(() => import("./webhooks/[endpointId]/page")))(props({ endpointId: w.webhookId! }))],
  ["/admin/venues", ALL_BUT_CUSTOMER, async () => (await page(() => import("./venues/page")))(props())],
  ["/admin/venues/[venueId]", VENUE_SCOPED, async () => (await page(() => import("./venues/[venueId]/page")))(props({ venueId: w.venueId! }))],
];

describe("admin authorisation matrix", () => {
  it("refuses every admin action and page without a session", async () => {
    signedIn = null;
    expect(await outcome(() => catalog.publishEventAction(form({ eventId: w.eventId!, publish: "true" })))).toBe("denied");
    await expect((await page(() => import("./page")))(props())).rejects.toThrow(/NEXT_REDIRECT \/signin/);
  });

  it.each(ACTIONS)("server action %s", async (_name, expected, run) => {
    const got: Record<string, string> = {};
    for (const who of WHO) {
      signedIn = users[who];
      got[who] = await outcome(() => run(who));
    }
    expect(got).toEqual(expected);
  });

  it.each(STAFF_PAGES)("page %s", async (_name, expected, run) => {
    const got: Record<string, string> = {};
    for (const who of WHO) {
      signedIn = users[who];
      got[who] = await outcome(run);
    }
    expect(got).toEqual(expected);
  });

  it("shows staff only their scope in lists: events with shows at their venues or that they created, their venues' promo redemptions", async () => {
    const [mine] = await queryRows<{ id: string }>(db, sql`SELECT id FROM events WHERE title = 'New by otherStaff'`);
    expect(mine, "otherStaff created an event above").toBeTruthy();
    const ids = async (who: Who) => (await listEventsForStaff(users[who])).map((e) => e.id);
    expect(await ids("staff")).toContain(w.eventId);
    expect(await ids("staff")).not.toContain(mine!.id);
    expect(await ids("otherStaff")).toEqual(expect.arrayContaining([mine!.id]));
    expect(await ids("otherStaff")).not.toContain(w.eventId);
    expect(await ids("admin")).toEqual(expect.arrayContaining([w.eventId, w.unshownEventId, mine!.id]));
    // And the creator may edit and publish their own event before it has any shows.
    signedIn = users.otherStaff;
    expect(await outcome(() => catalog.publishEventAction(form({ eventId: mine!.id, publish: "true" })))).toBe("allowed");

    expect((await promoRedemptions(users.staff, w.promoId!)).length).toBe(1);
    expect(await promoRedemptions(users.otherStaff, w.promoId!)).toEqual([]);
    expect((await listPromos(users.otherStaff)).find((p) => p.id === w.promoId)).toMatchObject({ redemptions: 0, discountMinor: 0 });
    expect((await listPromos(users.staff)).find((p) => p.id === w.promoId)).toMatchObject({ redemptions: 1, discountMinor: 100 });
  });
});

describe("links each role is shown", () => {
  const open = async (href: string) => {
    if (href === "/checkin") return (await page(() => import("@/app/checkin/page")))(props());
    const entry = STAFF_PAGES.find(([name]) => name === href);
    if (!entry) throw new Error(`${href} is linked but not in the matrix above`);
    return entry[2]();
  };

  it.each(["customer", "scanner", "staff", "admin"] as Role[])("%s: every nav and header link opens, and every admin page left out would refuse", async (role) => {
    signedIn = role === "scanner" ? await createUser("scanner") : role === "customer" ? users.customer : role === "staff" ? users.staff : users.admin;
    const entry = staffEntryFor(role);
    const shown = [...new Set([...navFor(role).map((l) => l.href), ...(entry ? [entry.href] : [])])];
    for (const href of shown) expect(`${role} ${href}: ${await outcome(() => open(href))}`).toBe(`${role} ${href}: allowed`);
    for (const l of ADMIN_NAV.filter((l) => l.href.startsWith("/admin") && !shown.includes(l.href))) {
      expect(`${role} ${l.href}: ${await outcome(() => open(l.href))}`).toBe(`${role} ${l.href}: denied`);
    }
    // What each role is given, spelled out: door staff only the check-in page, staff no audit log.
    const expected: Record<string, string[]> = {
      customer: [],
      scanner: ["/checkin"],
      staff: ["/admin", "/admin/bookings", "/admin/venues", "/admin/events", "/admin/shows/new", "/admin/halls", "/admin/promos", "/admin/api-keys", "/admin/webhooks", "/checkin"],
      admin: ["/admin", "/admin/bookings", "/admin/venues", "/admin/events", "/admin/shows/new", "/admin/halls", "/admin/promos", "/admin/api-keys", "/admin/webhooks", "/admin/audit", "/checkin"],
    };
    expect(shown).toEqual(expected[role]);
  });
});

describe("destructive actions need their confirm step", () => {
  it("refuses to cancel a show without a reviewed count, or with a count that changed, and cancels with the right one", async () => {
    signedIn = users.staff;
    const showId = (await createShow({ eventId: w.eventId!, venue: { id: w.venueId!, cityId: w.cityId! }, sectionId: w.sectionId!, startsAt: hoursFromNow(96) })).id;
    const status = async () => (await queryRows<{ status: string }>(db, sql`SELECT status FROM shows WHERE id = ${showId}::uuid`))[0]!.status;
    const noConfirm = await admin.cancelShowFormAction(null, form({ showId, reason: "Storm warning" }));
    expect(noConfirm).toMatchObject({ ok: false, code: "VALIDATION_FAILED" });
    const resumeScheduled = await admin.cancelShowFormAction(null, form({ showId, reason: "Storm warning", confirm: "resume" }));
    expect(resumeScheduled).toMatchObject({ ok: false, code: "INVALID_STATE" });
    await db.execute(sql`INSERT INTO bookings (reference, user_id, show_id, status, currency, total_minor, confirmed_at) VALUES (${`MQ${Date.now()}C`}, ${users.customer.id}::uuid, ${showId}::uuid, 'CONFIRMED', 'INR', 1000, now())`);
    const stale = await admin.cancelShowFormAction(null, form({ showId, reason: "Storm warning", confirm: "yes", expectBookings: "0" }));
    expect(stale).toMatchObject({ ok: false, code: "CONFLICT", details: { bookings: 1, expected: 0 } });
    expect(await status()).toBe("SCHEDULED");
    await expect(admin.cancelShowFormAction(null, form({ showId, reason: "Storm warning", confirm: "yes", expectBookings: "1" }))).rejects.toThrow(`NEXT_REDIRECT /admin/shows/${showId}?cancelled=`);
    expect(await status()).toBe("CANCELLED");
  });

  it("refuses a refund without the confirm step or for an amount other than the one reviewed", async () => {
    signedIn = users.staff;
    const showId = (await createShow({ eventId: w.eventId!, venue: { id: w.venueId!, cityId: w.cityId! }, sectionId: w.sectionId!, startsAt: hoursFromNow(100) })).id;
    const [b] = await queryRows<{ id: string }>(
      db,
      sql`INSERT INTO bookings (reference, user_id, show_id, status, currency, total_minor, confirmed_at) VALUES (${`MQ${Date.now()}R`}, ${users.customer.id}::uuid, ${showId}::uuid, 'CONFIRMED', 'INR', 1000, now()) RETURNING id`,
    );
    expect(await admin.refundBookingFormAction(null, form({ bookingId: b!.id, reason: "Asked to" }))).toMatchObject({ ok: false, code: "VALIDATION_FAILED" });
    expect(await admin.refundBookingFormAction(null, form({ bookingId: b!.id, reason: "Asked to", confirm: "yes", expectRefundMinor: "1000" }))).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await admin.refundBookingFormAction(null, form({ bookingId: b!.id, reason: "Asked to", confirm: "yes", expectRefundMinor: "-5" }))).toMatchObject({ ok: false, code: "VALIDATION_FAILED" });
    const [still] = await queryRows<{ status: string }>(db, sql`SELECT status FROM bookings WHERE id = ${b!.id}::uuid`);
    expect(still!.status).toBe("CONFIRMED");
  });
});
