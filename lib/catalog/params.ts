import { z } from "zod";

/** `{eventId}` in a path: a UUID or a slug. */
export const eventIdParams = z.object({
  eventId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,120}$/, "must be an event id or slug"),
});

export const showtimesQuerySchema = z.object({
  city: z.string().trim().toLowerCase().regex(/^[a-z0-9-]{1,64}$/, "must be a slug like 'mumbai'").optional(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD")
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "must be a real date")
    .optional(),
});
