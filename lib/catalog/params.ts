import { z } from "zod";
import { isoDay } from "@/lib/http/validation";

/** `{eventId}` in a path: a UUID or a slug. */
export const eventIdParams = z.object({
  eventId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,120}$/, "must be an event id or slug"),
});

export const showtimesQuerySchema = z.object({
  city: z.string().trim().toLowerCase().regex(/^[a-z0-9-]{1,64}$/, "must be a slug like 'mumbai'").optional(),
  date: isoDay("must be YYYY-MM-DD").optional(),
});
