// Field schemas the booking, payment, queue, check-in and staff contracts share. Enums come from
// the database's own enum definitions, so a value added there is in the document at once.
import { z } from "zod";
import { bookingStatus, paymentStatus, seatType, showStatus } from "@/db/schema";
import { Currency, DateTime, MinorUnits } from "./shared";

export const uuid = (what: string) => z.uuid(`must be ${what} (UUID)`);

/** An instant as the API writes it: ISO 8601 in UTC (`Date.toISOString()`). */
export const dateTime = () => DateTime;

/** Integer minor units (paise, cents): money is never a float (DESIGN invariant 6). */
export const minor = () => MinorUnits;

/** ISO 4217 code. */
export const currency = () => Currency;

export const count = () => z.number().int().min(0);

export const BookingStatus = z.enum(bookingStatus.enumValues);
export const PaymentStatus = z.enum(paymentStatus.enumValues);
export const ShowStatus = z.enum(showStatus.enumValues);
/** A place's type: a reserved seat's type, or GA for a general admission (zone) place. */
export const PlaceType = z.enum([...seatType.enumValues, "GA"]);

export { showIdParams } from "@/lib/catalog/shows";
export const bookingIdParams = z.object({ bookingId: uuid("a booking id") });

// route() implies some codes, and the generator adds them (lib/api/openapi.ts errorCodesOf):
// UNAUTHORIZED where the caller is identified, FORBIDDEN with roles, NOT_FOUND with path params,
// INVALID_JSON / UNSUPPORTED_MEDIA_TYPE / PAYLOAD_TOO_LARGE with a body. Contracts list the rest.

/** A waiting room's refusals: the pass is missing, not this account's or show's, or ran out. */
export const QUEUE_PASS_ERRORS = ["QUEUE_PASS_REQUIRED", "QUEUE_PASS_INVALID", "QUEUE_PASS_EXPIRED"] as const;
