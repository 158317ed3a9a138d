// Scheduling shows, cancelling them, and blocking seats — venue staff's side of the catalog.
// Every change is checked against the actor's venues and written to the audit log in the same
// transaction.
import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { isoDay } from "@/lib/http/validation";
import { db, type Executor } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { User } from "@/lib/auth/accounts";
import { requireVenueAccess } from "@/lib/auth/authorize";
import { cancelAndRefund } from "@/lib/payments/cancellation";
import { executePendingRefunds } from "@/lib/payments/refunds";
import { releaseHoldsOfShow } from "@/lib/booking/release";
import { AppError, notFound } from "@/lib/errors";
import { dynamicConfigSchema } from "@/lib/pricing/strategy";
import { clearSeatingCaches, getSeatMapLayout } from "@/lib/seating/availability";
import { createShowSeats, setBlocked } from "@/lib/seating/seat-state";
import { zonedTimeToInstant } from "@/lib/time/zone";
import { closeWaitlist } from "@/lib/waitlist/entries";
import { offerFreedPlacesSafely } from "@/lib/waitlist/matcher";
import { audit } from "./audit";
import { emitShowCancelled } from "@/lib/webhooks/emit";
import { kickWebhooks } from "@/lib/webhooks/dispatch";
import { uuidArray } from "@/db/sql";
import { log } from "@/lib/telemetry/log.mjs";

const logger = log("admin");

const SEAT_TYPES = ["REGULAR", "PREMIUM", "VIP", "RECLINER", "ACCESSIBLE", "COMPANION"] as const;
const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "times are HH:MM");
/** At most this many shows in one scheduling, and this many places across them (each a show_seats row). */
export const MAX_SHOWS_PER_SCHEDULE = 500;
export const MAX_PLACES_PER_SCHEDULE = 1_000_000;

export const scheduleSchema = z
  .object({
    eventId: z.uuid(),
    sectionId: z.uuid(),
    /** Local dates in the venue's time zone, and local start times: every date × every time. */
    dates: z.array(isoDay("dates are YYYY-MM-DD")).min(1).max(62),
    times: z.array(HHMM).min(1).max(8).optional(),
    /** Instead of times: timed-entry slots, first to last start every `everyMinutes` (each slot a show lasting one interval at most). */
    series: z.object({ first: HHMM, last: HHMM, everyMinutes: z.number().int().min(5).max(720) }).refine((v) => v.first <= v.last, { message: "The last slot starts before the first", path: ["last"] }).optional(),
    prices: z.partialRecord(z.enum(SEAT_TYPES), z.number().int().min(0).max(10_000_000)).default({}),
    /** Zone id → price; a zone left out is not on sale at these shows. */
    zonePrices: z.record(z.uuid(), z.number().int().min(0).max(10_000_000)).default({}),
    pricingStrategy: z.enum(["STATIC", "DYNAMIC"]).default("STATIC"),
    pricingConfig: dynamicConfigSchema.optional(),
    language: z.string().trim().max(40).optional(),
    format: z.string().trim().max(40).optional(),
    refundCutoffHours: z.number().int().min(0).max(720).default(24),
    /** Minutes kept free after each show for cleaning and changeover. */
    gapMinutes: z.number().int().min(0).max(240).default(15),
  })
  .refine((v) => !v.times || new Set(v.times).size === v.times.length, { message: "Each time once", path: ["times"] })
  .refine((v) => Boolean(v.times) !== Boolean(v.series), { message: "Give start times or a slot series, not both", path: ["times"] })
  .refine((v) => Object.keys(v.prices).length + Object.keys(v.zonePrices).length > 0, { message: "Set at least one seat type's or zone's price", path: ["prices"] });
export type ScheduleInput = z.output<typeof scheduleSchema>;

type SectionRow = { id: string; venueId: string; cityId: string; timeZone: string };

async function sectionFor(user: User, sectionId: string, ex: Executor): Promise<SectionRow> {
  const [s] = await queryRows<SectionRow>(
    ex,
    sql`SELECT sec.id, sec.venue_id AS "venueId", v.city_id AS "cityId", v.time_zone AS "timeZone" FROM sections sec JOIN venues v ON v.id = sec.venue_id WHERE sec.id = ${sectionId}::uuid`,
  );
  if (!s) throw notFound("Hall");
  await requireVenueAccess(user, s.venueId, ex);
  return s;
}

/** The local start times of a slot series: first, first + every, … up to last. */
export function slotTimes(series: { first: string; last: string; everyMinutes: number }): string[] {
  const mins = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  const out: string[] = [];
  for (let m = mins(series.first); m <= mins(series.last); m += series.everyMinutes) out.push(`${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`);
  return out;
}

/**
 * Schedules every date × time as a show in the hall, with prices per seat type and per zone
 * (a zone without a price is not on sale). No two scheduled shows may overlap in one hall (each
 * show plus its changeover gap): the hall's row is locked while checking, so two staff scheduling
 * at once cannot both take the same slot. A slot series (timed entry: 10:00–17:30 every 30
 * minutes) makes each slot a show lasting one interval (or the event, if shorter) with no
 * changeover between slots. All or nothing: one clash and nothing is created, with the clashes named.
 */
export async function scheduleShows(user: User, input: ScheduleInput): Promise<{ showIds: string[] }> {
  return db.transaction(async (tx) => {
    const section = await sectionFor(user, input.sectionId, tx);
    await tx.execute(sql`SELECT id FROM sections WHERE id = ${section.id}::uuid FOR UPDATE`);
    const [event] = await queryRows<{ id: string; durationMinutes: number; title: string }>(
      tx,
      sql`SELECT id, duration_minutes AS "durationMinutes", title FROM events WHERE id = ${input.eventId}::uuid`,
    );
    if (!event) throw notFound("Event");
    const seatTypes = await queryRows<{ type: string }>(tx, sql`SELECT DISTINCT type FROM seats WHERE section_id = ${section.id}::uuid AND zone_id IS NULL`);
    // A companion seat is sold with a wheelchair space at the regular price unless staff say otherwise.
    const prices =
      input.prices.COMPANION === undefined && input.prices.REGULAR !== undefined && seatTypes.some((t) => t.type === "COMPANION")
        ? { ...input.prices, COMPANION: input.prices.REGULAR }
        : input.prices;
    const unpriced = seatTypes.map((t) => t.type).filter((t) => !(t in prices));
    if (unpriced.length) {
      throw new AppError("VALIDATION_FAILED", `Set a price for every seat type in this hall (${unpriced.join(", ").toLowerCase()}).`, { details: { fieldErrors: { prices: [`missing: ${unpriced.join(", ")}`] } } });
    }
    const zones = await queryRows<{ id: string; capacity: number }>(tx, sql`SELECT id, capacity FROM zones WHERE section_id = ${section.id}::uuid`);
    const zoneIds = Object.keys(input.zonePrices);
    const foreign = zoneIds.filter((id) => !zones.some((z) => z.id === id));
    if (foreign.length) throw new AppError("UNKNOWN_ZONE", "Some priced zones are not in this hall.", { details: { zoneIds: foreign } });
    if (seatTypes.length === 0 && zoneIds.length === 0) {
      throw new AppError("VALIDATION_FAILED", "This hall has only zones: price at least one of them.", { details: { fieldErrors: { zonePrices: ["Price at least one zone"] } } });
    }
    const times = input.series ? slotTimes(input.series) : input.times!;
    const minutes = input.series ? Math.min(Number(event.durationMinutes), input.series.everyMinutes) : Number(event.durationMinutes);
    const gapMinutes = input.series ? 0 : input.gapMinutes;
    const count = input.dates.length * times.length;
    if (count > MAX_SHOWS_PER_SCHEDULE) {
      throw new AppError("VALIDATION_FAILED", `That is ${count} shows; schedule at most ${MAX_SHOWS_PER_SCHEDULE} at a time.`, { details: { fieldErrors: { times: [`At most ${MAX_SHOWS_PER_SCHEDULE} shows`] } } });
    }
    const [{ seats } = { seats: 0 }] = await queryRows<{ seats: number }>(tx, sql`SELECT count(*)::int AS seats FROM seats WHERE section_id = ${section.id}::uuid AND zone_id IS NULL`);
    const places = Number(seats) + zones.filter((z) => z.id in input.zonePrices).reduce((n, z) => n + Number(z.capacity), 0);
    if (count * places > MAX_PLACES_PER_SCHEDULE) {
      throw new AppError("VALIDATION_FAILED", `${count} shows of ${places} places each is too many at once; schedule fewer days.`, { details: { fieldErrors: { to: ["Fewer days at a time"] } } });
    }
    const slots = input.dates
      .flatMap((d) => times.map((t) => zonedTimeToInstant(d, Number(t.slice(0, 2)), Number(t.slice(3, 5)), section.timeZone)))
      .sort((a, b) => a.getTime() - b.getTime())
      .map((startsAt) => ({ startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000) }));
    if (slots.some((s) => s.startsAt.getTime() <= Date.now())) throw new AppError("VALIDATION_FAILED", "Shows can only be scheduled in the future.");
    const gap = gapMinutes * 60_000;
    for (let i = 1; i < slots.length; i++) {
      if (slots[i]!.startsAt.getTime() < slots[i - 1]!.endsAt.getTime() + gap) {
        throw new AppError("CONFLICT", `The shows at ${slots[i - 1]!.startsAt.toISOString()} and ${slots[i]!.startsAt.toISOString()} would overlap.`);
      }
    }
    const clashes = await queryRows<{ id: string; startsAt: Date; title: string }>(
      tx,
      sql`SELECT s.id, s.starts_at AS "startsAt", e.title FROM shows s JOIN events e ON e.id = s.event_id
          WHERE s.section_id = ${section.id}::uuid AND s.status = 'SCHEDULED'
            AND EXISTS (SELECT 1 FROM jsonb_to_recordset(${JSON.stringify(slots)}::jsonb) AS n("startsAt" timestamptz, "endsAt" timestamptz)
                        WHERE n."startsAt" < s.ends_at + make_interval(mins => ${gapMinutes}) AND s.starts_at < n."endsAt" + make_interval(mins => ${gapMinutes}))
          ORDER BY s.starts_at LIMIT 5`,
    );
    if (clashes.length) {
      throw new AppError("CONFLICT", `This hall already has ${clashes.map((c) => `${c.title} at ${new Date(c.startsAt).toISOString()}`).join("; ")} in that time.`, {
        details: { showIds: clashes.map((c) => c.id) },
      });
    }
    // The price filters read min/max: the seat types the hall has and the zones on sale.
    const priceValues = [...seatTypes.map((t) => prices[t.type as keyof typeof prices]!), ...Object.values(input.zonePrices)];
    const created = await queryRows<{ id: string }>(
      tx,
      sql`INSERT INTO shows (event_id, section_id, venue_id, city_id, starts_at, ends_at, language, format, min_price_minor, max_price_minor, pricing_strategy, pricing_config, refund_cutoff_hours)
          SELECT ${input.eventId}::uuid, ${section.id}::uuid, ${section.venueId}::uuid, ${section.cityId}, n."startsAt", n."endsAt", ${input.language ?? null}, ${input.format ?? null},
                 ${Math.min(...priceValues)}, ${Math.max(...priceValues)}, ${input.pricingStrategy}, ${input.pricingConfig ? JSON.stringify(input.pricingConfig) : null}::jsonb, ${input.refundCutoffHours}
          FROM jsonb_to_recordset(${JSON.stringify(slots)}::jsonb) AS n("startsAt" timestamptz, "endsAt" timestamptz)
          RETURNING id`,
    );
    const ids = created.map((c) => c.id);
    for (const [type, price] of Object.entries(prices)) {
      await tx.execute(sql`INSERT INTO show_prices (show_id, seat_type, price_minor) SELECT unnest(${uuidArray(ids)}), ${type}, ${price}`);
    }
    for (const [zoneId, price] of Object.entries(input.zonePrices)) {
      await tx.execute(sql`INSERT INTO show_zone_prices (show_id, zone_id, price_minor) SELECT unnest(${uuidArray(ids)}), ${zoneId}::uuid, ${price}`);
    }
    await createShowSeats(tx, sql`s.id = ANY(${uuidArray(ids)})`);
    await audit(tx, user, "shows.schedule", "section", section.id, {
      eventId: input.eventId, showIds: ids, prices, zonePrices: input.zonePrices, strategy: input.pricingStrategy, ...(input.series ? { series: input.series } : {}),
    });
    return { showIds: ids };
  });
}

/**
 * Cancels a show: holds are released, confirmed bookings cancelled and refunded in full (the
 * venue cancelled, so no cutoff applies), each holder told; a payment still pending is refunded
 * when it succeeds (lib/payments/apply.ts). Safe to run twice, and run again on a cancelled show
 * it resumes: bookings left confirmed are cancelled, refunds the gateway refused are retried.
 * `pending` counts the bookings not settled yet: left confirmed, refund not through, or a payment
 * still in flight (0 once the cancellation is complete).
 */
/** What cancelling a show would do, for the confirm step: confirmed bookings refunded in full (and their places), holds released. */
export type CancelShowPreview = { status: string; bookings: number; places: number; refundMinor: number; currency: string; holds: number };

export async function cancelShowPreview(user: User, showId: string): Promise<CancelShowPreview> {
  const [p] = await queryRows<CancelShowPreview & { venueId: string }>(
    db,
    sql`SELECT s.venue_id AS "venueId", s.status, s.currency,
               (SELECT count(*) FROM bookings b WHERE b.show_id = s.id AND b.status = 'CONFIRMED')::int AS bookings,
               (SELECT count(*) FROM booking_seats bs JOIN bookings b ON b.id = bs.booking_id WHERE b.show_id = s.id AND b.status = 'CONFIRMED')::int AS places,
               -- Each booking's first successful payment, as lib/payments/cancellation.ts refunds it.
               (SELECT coalesce(sum(p.amount_minor), 0) FROM bookings b
                  CROSS JOIN LATERAL (SELECT amount_minor FROM payments WHERE booking_id = b.id AND status = 'SUCCEEDED' ORDER BY created_at LIMIT 1) p
                WHERE b.show_id = s.id AND b.status = 'CONFIRMED')::float8 AS "refundMinor",
               (SELECT count(*) FROM bookings b WHERE b.show_id = s.id AND b.status IN ('INITIATED', 'LOCKED', 'PAYMENT_PENDING'))::int AS holds
        FROM shows s WHERE s.id = ${showId}::uuid`,
  );
  if (!p) throw notFound("Show");
  await requireVenueAccess(user, p.venueId);
  return { status: p.status, bookings: p.bookings, places: p.places, refundMinor: Number(p.refundMinor), currency: p.currency, holds: p.holds };
}

/**
 * Cancels a show and refunds every booking. `expectBookings` is the number of confirmed bookings the
 * confirm step showed: if a booking was confirmed or cancelled since, nothing happens and staff
 * review again (checked under the show's row lock, so no confirmation slips in between).
 * `resumeOnly` takes up a show already cancelled (the refunds still outstanding) and refuses a scheduled one.
 */
export async function cancelShow(user: User, showId: string, reason: string, opts: { expectBookings?: number; resumeOnly?: boolean } = {}): Promise<{ refunded: number; released: number; pending: number }> {
  const [show] = await queryRows<{ venueId: string; status: string }>(db, sql`SELECT venue_id AS "venueId", status FROM shows WHERE id = ${showId}::uuid`);
  if (!show) throw notFound("Show");
  await requireVenueAccess(user, show.venueId);
  let released = 0;
  await db.transaction(async (tx) => {
    // FOR UPDATE waits for confirmations in flight (they key-share lock the show) and makes later ones see CANCELLED.
    const [locked] = await queryRows<{ status: string; bookings: number }>(
      tx,
      sql`SELECT status, (SELECT count(*) FROM bookings WHERE show_id = ${showId}::uuid AND status = 'CONFIRMED')::int AS bookings FROM shows WHERE id = ${showId}::uuid FOR UPDATE`,
    );
    if (locked!.status === "SCHEDULED") {
      if (opts.resumeOnly) throw new AppError("INVALID_STATE", "This show is not cancelled: review what cancelling it does, then confirm it.");
      if (opts.expectBookings !== undefined && opts.expectBookings !== locked!.bookings) {
        throw new AppError("CONFLICT", `The show now has ${locked!.bookings} confirmed booking(s), not ${opts.expectBookings}. Review it again.`, { details: { bookings: locked!.bookings, expected: opts.expectBookings } });
      }
    }
    const cancelled = await queryRows<{ id: string }>(tx, sql`UPDATE shows SET status = 'CANCELLED' WHERE id = ${showId}::uuid AND status = 'SCHEDULED' RETURNING id`);
    // A resumed cancellation (the show already CANCELLED) announces nothing again.
    if (cancelled.length) await emitShowCancelled(tx, showId, reason);
    released = await releaseHoldsOfShow(tx, showId);
    await closeWaitlist(tx, showId);
    await audit(tx, user, "shows.cancel", "show", showId, { reason, released });
  });
  kickWebhooks();
  // Confirmed bookings one by one: each is its own cancellation + refund, safe to resume.
  const confirmed = await queryRows<{ id: string }>(db, sql`SELECT id FROM bookings WHERE show_id = ${showId}::uuid AND status = 'CONFIRMED'`);
  let refunded = 0;
  for (const b of confirmed) {
    const r = await cancelAndRefund(b.id, { asStaff: true, reason: "show_cancelled", note: reason }).catch((err: unknown) => {
      logger.error({ err, bookingId: b.id, showId }, "cancelling a booking of a cancelled show failed");
      return null;
    });
    if (r?.status === "REFUNDED") refunded++;
  }
  // Refunds of this show the gateway refused earlier (or in the loop above): again, now.
  const refusedRefunds = await queryRows<{ id: string }>(
    db,
    sql`SELECT r.id FROM refunds r JOIN bookings b ON b.id = r.booking_id WHERE b.show_id = ${showId}::uuid AND r.status = 'PENDING' AND b.status = 'CANCELLED'`,
  );
  if (refusedRefunds.length) refunded += (await executePendingRefunds(refusedRefunds.map((r) => r.id))).succeeded;
  clearSeatingCaches(showId);
  return { refunded, released, pending: await unsettledBookings(showId) };
}

/** Bookings of a show not settled yet: confirmed, cancelled but not refunded, or with a payment in flight. */
export async function unsettledBookings(showId: string): Promise<number> {
  const [left] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM bookings WHERE show_id = ${showId}::uuid AND status IN ('PAYMENT_PENDING', 'CONFIRMED', 'CANCELLED')`);
  return left!.n;
}

export const blockSchema = z.object({ seatIds: z.array(z.uuid()).min(1).max(500), blocked: z.boolean(), note: z.string().trim().max(200).optional() });

/**
 * Blocks (house seats, broken seats) or unblocks seats of one show. Never touches a sold or held
 * seat: all the requested seats must be free (or blocked, to unblock), or nothing changes and
 * the error names the ones that are not.
 */
export async function setSeatsBlocked(user: User, showId: string, input: z.output<typeof blockSchema>): Promise<{ changed: number }> {
  const [show] = await queryRows<{ venueId: string }>(db, sql`SELECT venue_id AS "venueId" FROM shows WHERE id = ${showId}::uuid`);
  if (!show) throw notFound("Show");
  await requireVenueAccess(user, show.venueId);
  const changed = await db.transaction(async (tx) => {
    const changedIds = await setBlocked(tx, showId, input.seatIds, input.blocked);
    if (changedIds.length !== input.seatIds.length) {
      const done = new Set(changedIds);
      const refused = input.seatIds.filter((id) => !done.has(id));
      const labels = await queryRows<{ label: string }>(tx, sql`SELECT label FROM seats WHERE id = ANY(${uuidArray(refused)}) ORDER BY row_index, col_index`);
      throw new AppError(
        "CONFLICT",
        input.blocked
          ? `These seats are sold or held and cannot be blocked: ${labels.map((l) => l.label).join(", ") || "unknown seats"}.`
          : `These seats are not blocked: ${labels.map((l) => l.label).join(", ") || "unknown seats"}.`,
        { details: { seatIds: refused } },
      );
    }
    await audit(tx, user, input.blocked ? "seats.block" : "seats.unblock", "show", showId, { seatIds: input.seatIds, note: input.note ?? null });
    return changedIds.length;
  });
  clearSeatingCaches(showId);
  if (!input.blocked) await offerFreedPlacesSafely(showId);
  return { changed };
}

/** Seat labels typed by staff ("A1, a2 H14") → this show's seat ids; unknown labels are a 400 naming them. */
export async function seatIdsByLabel(showId: string, labels: string): Promise<string[]> {
  const layout = await getSeatMapLayout(showId);
  const wanted = labels.split(/[\s,]+/).map((l) => l.toUpperCase()).filter(Boolean);
  const byLabel = new Map(layout.seats.map((s) => [s.label.toUpperCase(), s.id]));
  const unknown = wanted.filter((l) => !byLabel.has(l));
  if (unknown.length) throw new AppError("VALIDATION_FAILED", `No such seats: ${unknown.join(", ")}`, { details: { fieldErrors: { labels: [`Unknown: ${unknown.join(", ")}`] } } });
  return wanted.map((l) => byLabel.get(l)!);
}
