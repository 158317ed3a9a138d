import { COMEDY } from "./data-comedy";
import { CONCERTS } from "./data-concerts";
import { EXHIBITIONS } from "./data-exhibitions";
import { MOVIES } from "./data-movies";
import { PLAYS } from "./data-plays";
import { SPORTS } from "./data-sports";
import type { EventSeed } from "./data-types";

export type { Category, EventSeed, MovieFormat } from "./data-types";

export const EVENT_SEEDS: readonly EventSeed[] = [...MOVIES, ...CONCERTS, ...SPORTS, ...PLAYS, ...COMEDY, ...EXHIBITIONS];
