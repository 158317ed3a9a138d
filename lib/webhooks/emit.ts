// Writing webhook events: in the transaction that makes the change, so an event exists exactly when
// its change committed (rolled back: nothing is sent), and one delivery per matching endpoint is
// queued with it. The dispatcher (dispatch.ts) sends them later. A dedupe key per change makes a
// replayed cause (a gateway notification sent twice, a resumed job) emit nothing new.
import "server-only";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { queryRows } from "@/db/rows";
import { PLACE_NAME, PLACE_ORDER, seatLabelsOf, uuidArray } from "@/db/sql";
import { log } from "@/lib/telemetry/log.mjs";
import { WEBHOOK_API_VERSION, WEBHOOK_EVENTS, webhookPingSchema, type WebhookData, type WebhookEventType } from "./events";

const logger = log("webhooks");

export const newEventId = () => `evt_${randomBytes(12).toString("hex")}`;

/**
 * Records event `type` about `venueId`'s business with `data`, and queues a delivery to every
 * active endpoint subscribed to it (all-venue endpoints and that venue's). Answers the event id,
 * or null when `dedupeKey` was emitted before or no endpoint takes it (then nothing is written).
 */
export async function emitWebhookEvent<T extends WebhookEventType>(
  tx: Executor,
  type: T,
  venueId: string | null,
  data: WebhookData<T>,
  opts: { dedupeKey: string },
): Promise<string | null> {
  const payload = { id: newEventId(), type, created: new Date().toISOString(), apiVersion: WEBHOOK_API_VERSION, data };
  // A payload off its published schema is a bug to fix, not a reason to undo a booking: logged, still sent.
  const checked = WEBHOOK_EVENTS[type].schema.safeParse(payload);
  if (!checked.success) logger.error({ type, issues: checked.error.issues }, `webhook ${type} payload does not match its schema`);
  // One statement: the endpoints it goes to, the event (only if it goes anywhere: a change nobody
  // subscribes to leaves no row), and one delivery per endpoint.
  const [event] = await queryRows<{ id: string }>(
    tx,
    sql`WITH targets AS (
          SELECT e.id FROM webhook_endpoints e
          WHERE e.status = 'active' AND ${type} = ANY(e.event_types) AND (e.venue_id IS NULL OR e.venue_id = ${venueId}::uuid)),
        ev AS (
          INSERT INTO webhook_events (id, type, venue_id, dedupe_key, payload, created_at)
          SELECT ${payload.id}, ${type}, ${venueId}::uuid, ${opts.dedupeKey}, ${JSON.stringify(payload)}::jsonb, ${payload.created}::timestamptz
          WHERE EXISTS (SELECT 1 FROM targets)
          ON CONFLICT (dedupe_key) DO NOTHING RETURNING id),
        sent AS (INSERT INTO webhook_deliveries (event_id, endpoint_id) SELECT ev.id, t.id FROM ev CROSS JOIN targets t RETURNING 1)
        SELECT id FROM ev`,
  );
  return event?.id ?? null;
}

/**
 * Whether any active endpoint takes `type` events (at any venue). Most changes at an install with
 * no partner endpoints then cost the causing transaction this one read of a small table, instead
 * of reading the object's state and writing an event nobody will receive.
 */
async function anyoneListens(tx: Executor, type: WebhookEventType): Promise<boolean> {
  const [r] = await queryRows<{ yes: boolean }>(tx, sql`SELECT EXISTS (SELECT 1 FROM webhook_endpoints WHERE status = 'active' AND ${type} = ANY(event_types)) AS yes`);
  return Boolean(r?.yes);
}

/** A `ping` to one endpoint (its "Send test event"), whatever it subscribes to. Answers the delivery id. */
export async function emitPing(tx: Executor, endpointId: string): Promise<string> {
  const payload = webhookPingSchema.parse({
    id: newEventId(),
    type: "ping",
    created: new Date().toISOString(),
    apiVersion: WEBHOOK_API_VERSION,
    data: { endpointId, message: "A test event from Marquee: answer 2xx to acknowledge it." },
  });
  await tx.execute(
    sql`INSERT INTO webhook_events (id, type, venue_id, payload, created_at)
        SELECT ${payload.id}, 'ping', venue_id, ${JSON.stringify(payload)}::jsonb, ${payload.created}::timestamptz FROM webhook_endpoints WHERE id = ${endpointId}::uuid`,
  );
  const [d] = await queryRows<{ id: string }>(tx, sql`INSERT INTO webhook_deliveries (event_id, endpoint_id) VALUES (${payload.id}, ${endpointId}::uuid) RETURNING id`);
  return d!.id;
}

type BookingSnapshot = WebhookData<"booking.confirmed">["booking"];

/** The booking as a webhook shows it, read inside the transaction that changed it (its new state). */
export async function bookingSnapshot(tx: Executor, bookingId: string): Promise<BookingSnapshot & { venueId: string }> {
  const [b] = await queryRows<Omit<BookingSnapshot, "showStartsAt" | "confirmedAt" | "cancelledAt" | "updatedAt" | "seats"> & { showStartsAt: Date; confirmedAt: Date | null; cancelledAt: Date | null; updatedAt: Date; seats: string[] | null }>(
    tx,
    sql`SELECT b.id, b.reference, b.status, b.version, b.show_id AS "showId", s.event_id AS "eventId", s.venue_id AS "venueId", s.starts_at AS "showStartsAt",
               b.currency, b.subtotal_minor AS "subtotalMinor", b.fees_minor AS "feesMinor", b.tax_minor AS "taxMinor", b.discount_minor AS "discountMinor",
               b.total_minor AS "totalMinor", ${seatLabelsOf(sql`b.id`)} AS seats, b.confirmed_at AS "confirmedAt", b.cancelled_at AS "cancelledAt", b.updated_at AS "updatedAt"
        FROM bookings b JOIN shows s ON s.id = b.show_id WHERE b.id = ${bookingId}::uuid`,
  );
  if (!b) throw new Error(`bookingSnapshot: no booking ${bookingId}`);
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    ...b,
    version: Number(b.version),
    seats: b.seats ?? [],
    showStartsAt: new Date(b.showStartsAt).toISOString(),
    confirmedAt: iso(b.confirmedAt),
    cancelledAt: iso(b.cancelledAt),
    updatedAt: new Date(b.updatedAt).toISOString(),
  };
}

/** booking.confirmed / booking.cancelled: the booking's state now, once per booking and type. */
export async function emitBookingEvent(tx: Executor, type: "booking.confirmed" | "booking.cancelled", bookingId: string): Promise<string | null> {
  if (!(await anyoneListens(tx, type))) return null;
  const booking = await bookingSnapshot(tx, bookingId);
  return emitWebhookEvent(tx, type, booking.venueId, { booking }, { dedupeKey: `${type}:${bookingId}` });
}

/** booking.refunded: once per booking (a booking is refunded once; free ones have no refund row). */
export async function emitBookingRefunded(tx: Executor, bookingId: string, refundId: string | null): Promise<string | null> {
  if (!(await anyoneListens(tx, "booking.refunded"))) return null;
  const booking = await bookingSnapshot(tx, bookingId);
  let refund: WebhookData<"booking.refunded">["refund"] = null;
  if (refundId) {
    const [r] = await queryRows<NonNullable<typeof refund>>(
      tx,
      sql`SELECT id, status, amount_minor AS "amountMinor", currency, reason FROM refunds WHERE id = ${refundId}::uuid`,
    );
    refund = r ?? null;
  }
  return emitWebhookEvent(tx, "booking.refunded", booking.venueId, { booking, refund }, { dedupeKey: `booking.refunded:${bookingId}` });
}

/** show.cancelled: once per show. */
export async function emitShowCancelled(tx: Executor, showId: string, reason: string | null): Promise<string | null> {
  if (!(await anyoneListens(tx, "show.cancelled"))) return null;
  const [s] = await queryRows<{ id: string; eventId: string; venueId: string; status: "CANCELLED"; startsAt: Date; endsAt: Date; confirmedBookings: number }>(
    tx,
    sql`SELECT id, event_id AS "eventId", venue_id AS "venueId", status, starts_at AS "startsAt", ends_at AS "endsAt",
               (SELECT count(*) FROM bookings WHERE show_id = ${showId}::uuid AND status = 'CONFIRMED')::int AS "confirmedBookings"
        FROM shows WHERE id = ${showId}::uuid`,
  );
  if (!s) throw new Error(`emitShowCancelled: no show ${showId}`);
  const show = { ...s, startsAt: new Date(s.startsAt).toISOString(), endsAt: new Date(s.endsAt).toISOString(), reason };
  return emitWebhookEvent(tx, "show.cancelled", s.venueId, { show }, { dedupeKey: `show.cancelled:${showId}` });
}

/** checkin.admitted: once per admission (each admitted place is a unique row, so its first seat keys it). */
export async function emitCheckinAdmitted(
  tx: Executor,
  a: { bookingId: string; showId: string; seatIds: string[]; total: number; deviceId: string; scannedAt: Date; offline: boolean },
): Promise<string | null> {
  if (a.seatIds.length === 0 || !(await anyoneListens(tx, "checkin.admitted"))) return null;
  const [row] = await queryRows<{ reference: string; venueId: string; seats: string[]; admittedSoFar: number }>(
    tx,
    sql`SELECT b.reference, s.venue_id AS "venueId",
               (SELECT array_agg(${PLACE_NAME} ORDER BY ${PLACE_ORDER}) FROM seats st LEFT JOIN zones z ON z.id = st.zone_id WHERE st.id = ANY(${uuidArray(a.seatIds)})) AS seats,
               (SELECT count(*) FROM checkins WHERE booking_id = b.id)::int AS "admittedSoFar"
        FROM bookings b JOIN shows s ON s.id = b.show_id WHERE b.id = ${a.bookingId}::uuid`,
  );
  if (!row) return null;
  const checkin = {
    bookingId: a.bookingId,
    bookingReference: row.reference,
    showId: a.showId,
    venueId: row.venueId,
    seats: row.seats ?? [],
    admittedNow: a.seatIds.length,
    admittedSoFar: row.admittedSoFar,
    total: a.total,
    deviceId: a.deviceId,
    scannedAt: a.scannedAt.toISOString(),
    offline: a.offline,
  };
  const first = [...a.seatIds].sort()[0];
  return emitWebhookEvent(tx, "checkin.admitted", row.venueId, { checkin }, { dedupeKey: `checkin.admitted:${a.bookingId}:${first}` });
}
