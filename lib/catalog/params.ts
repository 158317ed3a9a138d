import { z } from "zod";
import { isoDay } from "@/lib/http/validation";

/** A path segment naming a record by UUID or slug. */
const idOrSlug = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,120}$/, `must be ${what} id or slug`);

/** `?city=`: a city's id, which is a slug. */
export const citySlug = z.string().trim().toLowerCase().regex(/^[a-z0-9-]{1,64}$/, "must be a slug like 'mumbai'");

/** `{eventId}` in a path: a UUID or a slug. */
export const eventIdParams = z.object({ eventId: idOrSlug("an event") });

/** `{personId}` in a path: a UUID or a slug. */
export const personIdParams = z.object({ personId: idOrSlug("a person") });

export const showtimesQuerySchema = z.object({
  city: citySlug.optional().describe("A city id: only shows there."),
  date: isoDay("must be YYYY-MM-DD").optional().describe("A local date (YYYY-MM-DD); default the first date with shows."),
  /** A show language as the shows spell it, any case: "Hindi", "hindi". */
  language: z.string().trim().regex(/^[\p{L}\p{M}][\p{L}\p{M} -]{0,31}$/u, "must be a language like 'Hindi'").optional(),
  /** A show format, any case: "2D", "IMAX 3D", "4DX". */
  format: z.string().trim().regex(/^[\p{L}\p{N}][\p{L}\p{N} .+-]{0,23}$/u, "must be a format like '2D' or 'IMAX 3D'").optional(),
});

export const personQuerySchema = z.object({ city: citySlug.optional().describe("A city id: events playing there first.") });
