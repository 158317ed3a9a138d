import type { eventCategory } from "../schema";

export type Category = (typeof eventCategory.enumValues)[number];
export type MovieFormat = "3D" | "IMAX" | "4DX";

/** A hand-written catalog entry; everything random (ratings, popularity, schedule) is added later. */
export type EventSeed = {
  title: string;
  category: Category;
  languages: string[];
  genres: string[];
  durationMinutes: number;
  certificate: string;
  description: string;
  /** Headliners: drawn from the top of the popularity curve. */
  star?: boolean;
  /** Where it plays: home grounds, regional-language theatre, touring exhibitions. */
  cities?: string[];
  /** Movies: premium formats it is released in (2D is always available). */
  formats?: MovieFormat[];
  /** Movies: release Friday relative to this week's (negative: already out; 1: next Friday). */
  releaseWeek?: number;
  /** Exhibitions: length of the run in days. */
  runDays?: number;
  /** Live events and sports: how many performances or match days. */
  dates?: number;
};

type Extra = Partial<Pick<EventSeed, "star" | "cities" | "formats" | "releaseWeek" | "runDays" | "dates">>;

/** Compact constructor so the data files read as one entry per line or two. */
export function entry(category: Category) {
  return (
    title: string,
    languages: string[],
    genres: string[],
    durationMinutes: number,
    certificate: string,
    description: string,
    extra: Extra = {},
  ): EventSeed => ({ title, category, languages, genres, durationMinutes, certificate, description, ...extra });
}
