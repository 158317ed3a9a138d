// The webhook events partners can subscribe to, and the exact shape of each payload, as zod
// schemas. Pure (no server imports): the OpenAPI document's `webhooks` section is generated from
// these, and lib/webhooks/emit.ts parses every payload it writes with them, so the document and
// what is sent cannot drift apart.
//
// Ordering is not guaranteed: a retried delivery can arrive after a later event's. Each payload
// carries the object's whole state at the time (with `version` for bookings) and `created`, so a
// receiver keeps the newest state it has seen, or fetches the object from the API.
import { z } from "zod";

export const WEBHOOK_API_VERSION = "v1";

const isoTime = z.iso.datetime({ offset: true });
const minor = z.number().int().min(0).describe("Amount in minor units (paise, cents) of `currency`");

export const webhookBookingSchema = z
  .object({
    id: z.uuid(),
    reference: z.string().describe("The code printed on the ticket"),
    status: z.enum(["CONFIRMED", "CANCELLED", "REFUNDED"]),
    /** Goes up by one at every status change: the higher version is the later state. */
    version: z.number().int().min(0),
    showId: z.uuid(),
    eventId: z.uuid(),
    venueId: z.uuid(),
    showStartsAt: isoTime,
    currency: z.string().length(3),
    subtotalMinor: minor,
    feesMinor: minor,
    taxMinor: minor,
    discountMinor: minor,
    totalMinor: minor,
    seats: z.array(z.string()).describe("One label per admitted person: a seat label (\"H12\") or a standing zone's name"),
    confirmedAt: isoTime.nullable(),
    cancelledAt: isoTime.nullable(),
    updatedAt: isoTime,
  })
  .describe("The booking's state when the event happened");

export const webhookRefundSchema = z.object({
  id: z.uuid(),
  status: z.enum(["SUCCEEDED"]),
  amountMinor: minor,
  currency: z.string().length(3),
  reason: z.enum(["customer_cancelled", "late_payment", "show_cancelled", "staff"]),
});

export const webhookShowSchema = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  venueId: z.uuid(),
  status: z.enum(["SCHEDULED", "CANCELLED", "COMPLETED"]),
  startsAt: isoTime,
  endsAt: isoTime,
  reason: z.string().nullable().describe("Why staff cancelled it, as they wrote it"),
  confirmedBookings: z.number().int().min(0).describe("Confirmed bookings when it was cancelled: each gets its own booking.cancelled and booking.refunded"),
});

export const webhookCheckinSchema = z.object({
  bookingId: z.uuid(),
  bookingReference: z.string(),
  showId: z.uuid(),
  venueId: z.uuid(),
  seats: z.array(z.string()).describe("Places admitted by this scan"),
  admittedNow: z.number().int().min(1),
  admittedSoFar: z.number().int().min(1),
  total: z.number().int().min(1),
  deviceId: z.string(),
  scannedAt: isoTime,
  offline: z.boolean(),
});

/** The envelope every event shares; `data` differs by type. */
function envelope<T extends string, D extends z.ZodType>(type: T, data: D) {
  return z.object({
    id: z.string().regex(/^evt_[A-Za-z0-9]+$/),
    type: z.literal(type),
    created: isoTime.describe("When the change happened (ISO 8601): order by this, not by arrival"),
    apiVersion: z.literal(WEBHOOK_API_VERSION),
    data,
  });
}

export const WEBHOOK_EVENTS = {
  "booking.confirmed": {
    summary: "A booking was paid and confirmed",
    description: "The payment succeeded and the seats are the holder's: the ticket is valid. Sent once per booking, however often the payment's notification is replayed.",
    schema: envelope("booking.confirmed", z.object({ booking: webhookBookingSchema })),
  },
  "booking.cancelled": {
    summary: "A confirmed booking was cancelled",
    description: "By its holder, by venue staff, or because its show was cancelled. The seats are back on sale; a refund follows (booking.refunded) when anything was paid.",
    schema: envelope("booking.cancelled", z.object({ booking: webhookBookingSchema })),
  },
  "booking.refunded": {
    summary: "A cancelled booking's money went back",
    description: "The payment gateway accepted the refund. A free booking is refunded at once, with no refund object.",
    schema: envelope("booking.refunded", z.object({ booking: webhookBookingSchema, refund: webhookRefundSchema.nullable() })),
  },
  "show.cancelled": {
    summary: "A show was cancelled",
    description: "No more sales; each of its confirmed bookings is then cancelled and refunded, with events of its own.",
    schema: envelope("show.cancelled", z.object({ show: webhookShowSchema })),
  },
  "checkin.admitted": {
    summary: "The door admitted people on a ticket",
    description: "One event per scan that admitted someone: a ticket for four admitted as 2 + 2 sends two events.",
    schema: envelope("checkin.admitted", z.object({ checkin: webhookCheckinSchema })),
  },
} as const satisfies Record<string, { summary: string; description: string; schema: z.ZodType }>;

export type WebhookEventType = keyof typeof WEBHOOK_EVENTS;
export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENTS) as WebhookEventType[];

/** The "Send test event" payload: sent to one endpoint whatever it subscribes to. */
export const webhookPingSchema = envelope("ping", z.object({ endpointId: z.uuid(), message: z.string() }));

/** An event's envelope with its keys in the documented order (jsonb stores them its own way): what is sent and shown. */
export function envelopeInOrder(p: { id: string; type: string; created: string; apiVersion: string; data: unknown }) {
  return { id: p.id, type: p.type, created: p.created, apiVersion: p.apiVersion, data: p.data };
}

export type WebhookPayload<T extends WebhookEventType> = z.output<(typeof WEBHOOK_EVENTS)[T]["schema"]>;
export type WebhookData<T extends WebhookEventType> = WebhookPayload<T>["data"];
