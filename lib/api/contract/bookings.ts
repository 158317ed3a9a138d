// Bookings: open one for a show, hold seats, price it, confirm it once paid, cancel it. The
// answers are app/api/v1/_serializers/bookings.ts's shapes, field for field.
import { z } from "zod";
import { op } from "./op";
import { BookingStatus, PlaceType, QUEUE_PASS_ERRORS, bookingIdParams, count, currency, dateTime, minor, uuid } from "./fields";

const TAG = "Bookings";

const QUEUE_PASS_HEADER = {
  "X-Queue-Pass": {
    description:
      "The show's waiting-room pass (`queue.pass.token` from `POST /shows/{showId}/queue` once admitted). Needed only while the show's waiting room is open; a browser sends its pass cookie instead.",
  },
};

/** A place of a booking: a reserved seat, or a general admission place naming its zone. */
export const BookingSeat = z.object({
  id: uuid("a seat id"),
  /** A seat's label ("F12"), or a zone place's zone name ("Fan Pit"). */
  label: z.string(),
  type: PlaceType,
  priceMinor: minor(),
  zoneId: uuid("a zone id").nullable(),
});

/** A booking as the API shows it: bookingJson(). */
export const Booking = z
  .object({
    id: uuid("a booking id"),
    reference: z.string().meta({ description: "What the holder and the door read: MQ followed by letters and digits." }),
    showId: uuid("a show id"),
    status: BookingStatus,
    currency: currency(),
    subtotalMinor: minor(),
    totalMinor: minor(),
    expiresAt: dateTime().nullable().meta({ description: "When the hold on the seats ends (LOCKED); null before seats are held." }),
    createdAt: dateTime(),
    seats: z.array(BookingSeat),
  })
  .meta({ id: "Booking" });

/** GET /bookings/{id}: the booking plus the show, event and venue it is for. */
export const BookingDetail = Booking.extend({
  seatCount: count(),
  seatLabels: z.array(z.string()),
  show: z.object({ id: uuid("a show id"), startsAt: dateTime(), format: z.string().nullable(), language: z.string().nullable() }),
  event: z.object({ id: uuid("an event id"), slug: z.string(), title: z.string(), posterUrl: z.string().nullable() }),
  venue: z.object({ name: z.string(), timeZone: z.string(), sectionName: z.string() }),
}).meta({ id: "BookingDetail" });

export const PROMO_REASONS = ["UNKNOWN", "INACTIVE", "NOT_STARTED", "EXPIRED", "MIN_ORDER", "NOT_APPLICABLE", "FIRST_BOOKING_ONLY", "USED_UP", "USER_LIMIT"] as const;

export const Quote = z
  .object({
    subtotalMinor: minor(),
    discountMinor: minor(),
    feesMinor: minor(),
    taxMinor: minor(),
    totalMinor: minor(),
    currency: currency(),
    seatCount: count(),
    promo: z
      .discriminatedUnion("applied", [
        z.object({ code: z.string(), applied: z.literal(true), description: z.string() }),
        z.object({ code: z.string(), applied: z.literal(false), reason: z.enum(PROMO_REASONS), message: z.string() }),
      ])
      .nullable(),
  })
  .meta({ id: "Quote" });

/** The ticket of a confirmed booking (lib/tickets/ticket.ts). */
export const Ticket = z
  .object({
    bookingId: uuid("a booking id"),
    reference: z.string(),
    status: z.literal("CONFIRMED"),
    token: z.string().meta({ description: "The QR code's content: an Ed25519-signed token the door verifies offline (GET /checkin/keys)." }),
    event: z.object({ title: z.string(), slug: z.string(), posterUrl: z.string().nullable(), durationMinutes: z.number().int(), certificate: z.string().nullable() }),
    show: z.object({
      id: uuid("a show id"),
      startsAt: dateTime(),
      endsAt: dateTime(),
      format: z.string().nullable(),
      language: z.string().nullable(),
      refundCutoffHours: z.number().int(),
    }),
    venue: z.object({ name: z.string(), address: z.string(), timeZone: z.string(), sectionName: z.string() }),
    seats: z.array(z.object({ label: z.string(), type: PlaceType, priceMinor: minor() })),
    amounts: z.object({ subtotalMinor: minor(), discountMinor: minor(), feesMinor: minor(), taxMinor: minor(), totalMinor: minor(), currency: currency() }),
    confirmedAt: dateTime().nullable(),
    cancelledAt: dateTime().nullable(),
    upcoming: z.boolean(),
  })
  .meta({ id: "Ticket" });

const bookingAnswer = z.object({ booking: Booking });

export const initiateBooking = op({
  method: "POST",
  path: "/bookings/initiate",
  operationId: "initiateBooking",
  summary: "Open a booking for a show",
  description: [
    "Opens a booking (INITIATED, no seats yet); hold seats with `POST /bookings/{bookingId}/lock-seats`.",
    "A user has at most one open booking per show: while one is open (INITIATED, or LOCKED and not lapsed) it is answered again, with its seats, instead of a new one (still 201); one whose hold lapsed is expired and a new one opened.",
    "Before the show's on-sale: 409 `NOT_ON_SALE_YET` (`details.onSaleAt`). While its waiting room is open the request carries the pass (`X-Queue-Pass`), else 403 `QUEUE_PASS_*`.",
    "With a partner API key, the customer's open booking is answered only if the key made it; one they opened elsewhere (on the site, or through another partner) is a 409 `CONFLICT` until it is completed or lapses. A key only ever reaches the bookings and payments it made: any other answers 404.",
  ].join("\n\n"),
  tag: TAG,
  body: z.object({ showId: uuid("a show id").describe("The show to book.") }),
  headers: QUEUE_PASS_HEADER,
  auth: "required",
  scope: "bookings:write",
  rateLimit: "holdSeats",
  responses: { 201: { description: "The open booking.", schema: bookingAnswer } },
  errors: ["NOT_FOUND", "SHOW_NOT_ON_SALE", "NOT_ON_SALE_YET", ...QUEUE_PASS_ERRORS, "CONFLICT"],
});

export const getBooking = op({
  method: "GET",
  path: "/bookings/{bookingId}",
  operationId: "getBooking",
  summary: "Get a booking",
  description:
    "The booking with its seats, amounts and status, the show, event and venue, and (while held) when the hold ends. The ticket itself is `POST /bookings/{bookingId}/confirm`'s answer. Someone else's booking answers 404.",
  tag: TAG,
  params: bookingIdParams,
  auth: "required",
  scope: "bookings:write",
  responses: { 200: { description: "The booking.", schema: z.object({ booking: BookingDetail }) } },
  errors: ["NOT_FOUND"],
});

// Counts and duplicates are the domain's to judge (TOO_MANY_SEATS, DUPLICATE_SEATS); this only
// keeps absurd bodies out.
const lockSeatsBody = z
  .object({
    seatIds: z.array(z.uuid("must be seat ids (UUIDs)")).max(100).default([]).describe("Reserved seats (`seats[].id` of GET /shows/{showId}/seats): the booking's whole set, not an addition."),
    zones: z
      .array(z.object({ zoneId: z.uuid("must be a zone id (UUID)"), quantity: z.number().int("must be a whole number").min(1, "at least 1").max(100) }))
      .max(20)
      .default([])
      .describe("General admission places: how many of each zone (`zones[].id` of the seat map)."),
  })
  .refine((b) => b.seatIds.length + b.zones.length > 0, { message: "pick at least one seat or zone", path: ["seatIds"] });

export const lockSeats = op({
  method: "POST",
  path: "/bookings/{bookingId}/lock-seats",
  operationId: "lockSeats",
  summary: "Hold seats for a booking",
  description: [
    "Holds exactly these seats and general admission places for the booking, **all or none**. Seats the booking held before and no longer lists are released. The first hold lasts **10 minutes** (`expiresAt`; HOLD_MINUTES on the server); changing the seats later keeps that expiry, it does not extend it. Pay before it with `POST /payments/process`.",
    "At most 10 places per booking (`TOO_MANY_SEATS`), and a per-show limit per account across bookings (`SEAT_LIMIT_REACHED`, `details.max`, `details.elsewhere`).",
    "**409 `SEATS_UNAVAILABLE`**: someone else holds or bought some of the seats; `details.seatIds` lists them and `details.labels` their labels; nothing was held. **409 `ZONE_SOLD_OUT`**: `details.zones` lists the zones short of places. **409 `WAITLIST_FIRST`**: the places sold out and returned ones go to the waitlist first (`details.seatIds`, `details.zoneIds`). **410 `HOLD_EXPIRED`**: the booking's hold lapsed; open a new booking.",
    "While the show's waiting room is open the request carries its pass (`X-Queue-Pass`), else 403 `QUEUE_PASS_*`.",
  ].join("\n\n"),
  tag: TAG,
  params: bookingIdParams,
  body: lockSeatsBody,
  headers: QUEUE_PASS_HEADER,
  auth: "required",
  scope: "bookings:write",
  rateLimit: "holdSeats",
  responses: { 200: { description: "The booking, LOCKED, with its seats and `expiresAt`.", schema: bookingAnswer } },
  errors: [
    
    
    "NOT_FOUND",
    "HOLD_EXPIRED",
    "INVALID_STATE",
    "SHOW_NOT_ON_SALE",
    "NOT_ON_SALE_YET",
    ...QUEUE_PASS_ERRORS,
    "TOO_MANY_SEATS",
    "DUPLICATE_SEATS",
    "INVALID_QUANTITY",
    "UNKNOWN_SEATS",
    "UNKNOWN_ZONE",
    "COMPANION_SEAT_ALONE",
    "COMPANION_SEAT_NOT_ADJACENT",
    "TOO_MANY_COMPANION_SEATS",
    "SEATS_UNAVAILABLE",
    "ZONE_SOLD_OUT",
    "WAITLIST_FIRST",
    "SEAT_LIMIT_REACHED",
  ],
});

export const quoteBooking = op({
  method: "GET",
  path: "/bookings/{bookingId}/quote",
  operationId: "quoteBooking",
  summary: "Price a booking",
  description:
    "The booking's price line by line (tickets, discount, convenience fee and its GST), with `promoCode` applied, or `promo.applied: false` and the reason it does not apply (never an error). `POST /payments/process` charges exactly this. A promo code counts against a stricter rate limit (10 per 10 minutes).",
  tag: TAG,
  params: bookingIdParams,
  query: z.object({ promoCode: z.string().trim().max(40).optional().describe("A promo code to try (case does not matter).") }),
  auth: "required",
  scope: "bookings:write",
  responses: { 200: { description: "The price.", schema: z.object({ quote: Quote }) } },
  errors: ["NOT_FOUND"],
});

export const confirmBooking = op({
  method: "POST",
  path: "/bookings/{bookingId}/confirm",
  operationId: "confirmBooking",
  summary: "Get the confirmed booking's ticket",
  description:
    "The ticket once the booking is paid; nothing is confirmed by this call (the payment gateway's answer is). A payment still pending is first checked with the gateway, in case its webhook is late. **402 `PAYMENT_REQUIRED`** until then (`details.status` is the booking's status: PAYMENT_PENDING means wait and ask again).",
  tag: TAG,
  params: bookingIdParams,
  auth: "required",
  scope: "bookings:write",
  responses: { 200: { description: "The CONFIRMED booking's ticket.", schema: z.object({ booking: Ticket }) } },
  errors: ["NOT_FOUND", "PAYMENT_REQUIRED"],
});

export const cancelBooking = op({
  method: "POST",
  path: "/bookings/{bookingId}/cancel",
  operationId: "cancelBooking",
  summary: "Release a hold, or cancel and refund a booking",
  description:
    "An open booking's hold is released: it becomes EXPIRED and its seats are on sale again at once (asking twice answers the same); a PAYMENT_PENDING booking whose payment was declined becomes FAILED. A CONFIRMED booking is cancelled and refunded in full, if the show's policy still allows it: 409 `CANCELLATION_CLOSED` after the cutoff (`details.cutoff`). Any other state is 409 `INVALID_STATE`. The answer is the booking as it stands after (EXPIRED, FAILED, CANCELLED or REFUNDED).",
  tag: TAG,
  params: bookingIdParams,
  auth: "required",
  scope: "bookings:write",
  responses: { 200: { description: "The booking after the cancellation.", schema: bookingAnswer } },
  errors: ["NOT_FOUND", "INVALID_STATE", "CANCELLATION_CLOSED"],
});
