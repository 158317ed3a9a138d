// Schemas every contract shares: the error body, money, times, pages. Response schemas describe
// the JSON on the wire (a Date goes out as an ISO string), so the drift check can hold an answer
// against them after serialisation. A schema with `.meta({ id })` becomes a named component in
// the OpenAPI document; everything else is inlined where it is used.
import { z } from "zod";
import { ERROR_CODES } from "@/lib/errors";

/** The error body every failure answers with (see lib/http/route.ts errorResponse). */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).describe("Stable, machine-readable: branch on this, not on the message."),
      message: z.string().describe("Safe to show a person; may change wording."),
      details: z
        .record(z.string(), z.unknown())
        .optional()
        .describe("Depends on the code: `fieldErrors` (field path → messages) for VALIDATION_FAILED, `seatIds` for SEATS_UNAVAILABLE…"),
    }),
  })
  .meta({ id: "Error", description: "Every error answers `{error: {code, message, details?}}`." });

/** A moment, as JSON sends it: ISO 8601 in UTC ("2026-12-06T14:30:00.000Z"). */
export const DateTime = z.iso.datetime({ offset: true });

/** A calendar day in the venue's time zone: "2026-12-06". */
export const Day = z.iso.date();

export const Uuid = z.uuid();

/** Money is integer minor units (paise, cents) with the currency beside it, never a float. */
export const MinorUnits = z.int().describe("Integer minor units (paise for INR).");
export const Currency = z.string().length(3).describe("ISO 4217 code, e.g. INR.");

/** A page of a cursor-paginated list: pass `nextCursor` back as `?cursor=` for the next; null at the end. */
export function cursorPage<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe("Opaque; pass as `?cursor=` for the next page. Null on the last page."),
  });
}

/** `{ items }`: a whole (short) list. */
export function list<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}
