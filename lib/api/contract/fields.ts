// Field schemas the booking, payment, queue, check-in and staff contracts share. Enums come from
// the database's own enum definitions, so a value added there is in the document at once.
import { z } from "zod";
import { bookingStatus, paymentStatus, seatType, showStatus } from "@/db/schema";

export const uuid = (what: string) => z.uuid(`must be ${what} (UUID)`);

/** An instant as the API writes it: ISO 8601 in UTC (`Date.toISOString()`). */
export const dateTime = () => z.iso.datetime();

/** Integer minor units (paise, cents): money is never a float (DESIGN invariant 6). */
export const minor = () => z.number().int();

/** ISO 4217 code, upper case. */
export const currency = () => z.string().regex(/^[A-Z]{3}$/);

export const count = () => z.number().int().min(0);

export const BookingStatus = z.enum(bookingStatus.enumValues);
export const PaymentStatus = z.enum(paymentStatus.enumValues);
export const ShowStatus = z.enum(showStatus.enumValues);
/** A place's type: a reserved seat's type, or GA for a general admission (zone) place. */
export const PlaceType = z.enum([...seatType.enumValues, "GA"]);

export const showIdParams = z.object({ showId: uuid("a show id") });
export const bookingIdParams = z.object({ bookingId: uuid("a booking id") });

/** Errors of a route that reads a JSON body, besides VALIDATION_FAILED. */
export const BODY_ERRORS = ["INVALID_JSON", "UNSUPPORTED_MEDIA_TYPE", "PAYLOAD_TOO_LARGE"] as const;
/** Errors of a route that needs a signed-in caller. */
export const AUTH_ERRORS = ["UNAUTHORIZED"] as const;
/** Errors of a route limited to some roles (and to browser sessions from other sites: FORBIDDEN too). */
export const ROLE_ERRORS = ["UNAUTHORIZED", "FORBIDDEN"] as const;
/** A waiting room's refusals: the pass is missing, not this account's or show's, or ran out. */
export const QUEUE_PASS_ERRORS = ["QUEUE_PASS_REQUIRED", "QUEUE_PASS_INVALID", "QUEUE_PASS_EXPIRED"] as const;
