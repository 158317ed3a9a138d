import { z } from "zod";
import { eventCategory } from "@/db/schema";
import { isWhen } from "./when";

export const CATEGORIES = eventCategory.enumValues;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
  MOVIE: "Movies",
  CONCERT: "Concerts",
  SPORTS: "Sports",
  PLAY: "Plays",
  COMEDY: "Comedy",
  EXHIBITION: "Exhibitions",
};

export const CATEGORY_SLUGS: Record<Category, string> = {
  MOVIE: "movies",
  CONCERT: "concerts",
  SPORTS: "sports",
  PLAY: "plays",
  COMEDY: "comedy",
  EXHIBITION: "exhibitions",
};

const slug = z.string().trim().toLowerCase().regex(/^[a-z0-9-]{1,64}$/, "must be a slug like 'mumbai'");
const money = z.coerce.number().int("must be whole minor units (paise)").min(0).max(100_000_000);

/** Category accepted as "MOVIE", "movie" or "movies". */
const category = z
  .string()
  .trim()
  .transform((v) => {
    const upper = v.toUpperCase();
    return (CATEGORIES as readonly string[]).includes(upper)
      ? upper
      : (Object.entries(CATEGORY_SLUGS).find(([, s]) => s === v.toLowerCase())?.[0] ?? v);
  })
  .pipe(z.enum(CATEGORIES, { error: `must be one of ${CATEGORIES.join(", ")}` }));

/** Listing filters, shared by `GET /api/v1/events` and the /events page (the URL holds them). */
export const eventFiltersSchema = z
  .object({
    city: slug.optional().describe("A city id (see GET /cities): only shows there."),
    category: z
      .union([category, z.array(category).max(6)])
      .optional()
      .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]))
      .describe("MOVIE, CONCERT… (any case, or the plural slug: movies); repeat for several."),
    date: z
      .string()
      .trim()
      .refine(isWhen, "must be YYYY-MM-DD, today, tomorrow or weekend")
      .optional()
      .describe("YYYY-MM-DD, today, tomorrow or weekend, in the city's time zone."),
    language: z.string().trim().min(2).max(32).optional().describe("A show language: Hindi, English…"),
    q: z.string().trim().min(1).max(100).optional().describe("Text: narrows to the best matches, still most popular first."),
    minPrice: money.optional().describe("Lowest ticket price, in minor units (paise)."),
    maxPrice: money.optional().describe("Highest ticket price, in minor units (paise)."),
    cursor: z.string().max(200).optional().describe("`nextCursor` of the previous page."),
    limit: z.coerce.number().int().min(1).max(50).default(24),
  })
  .refine((f) => f.minPrice === undefined || f.maxPrice === undefined || f.minPrice <= f.maxPrice, {
    message: "minPrice must not exceed maxPrice",
    path: ["minPrice"],
  });

export type EventFilters = z.output<typeof eventFiltersSchema>;
