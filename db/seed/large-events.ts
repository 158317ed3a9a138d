// The SELECT that generates large-mode events: titles combined from word lists per category,
// plausible languages, genres, durations and a heavy-tailed popularity (low n = popular).
import * as W from "./data-words";
import { index, lit, pick } from "./sqlgen";

const n = "n";
const name = `${pick(n, 11, W.FIRST_NAMES)} || ' ' || ${pick(n, 12, W.LAST_NAMES)}`;
const adj = pick(n, 13, W.ADJECTIVES);
const noun = pick(n, 14, W.NOUNS);
const place = pick(n, 15, W.PLACES);
const hindi = `${pick(n, 16, W.HINDI_FIRST)} || ' ' || ${pick(n, 17, W.HINDI_SECOND)}`;
const team = (salt: number) => `${pick(n, salt, W.TEAM_CITIES)} || ' ' || ${pick(n, salt + 1, W.MASCOTS)}`;
const variant = (k: number) => index(n, 18, k);

const TITLE = `CASE category
  WHEN 'MOVIE' THEN CASE ${variant(5)}
    WHEN 0 THEN ${adj} || ' ' || ${noun}
    WHEN 1 THEN ${hindi}
    WHEN 2 THEN 'The ' || ${noun} || ' of ' || ${place}
    WHEN 3 THEN ${noun} || ' ' || (2 + ${index(n, 19, 3)})::text
    ELSE ${place} || ' ' || ${noun} END
  WHEN 'CONCERT' THEN CASE ${variant(4)}
    WHEN 0 THEN ${name} || ' Live in ' || ${pick(n, 20, W.TEAM_CITIES)}
    WHEN 1 THEN ${name} || ': The ' || ${pick(n, 21, W.TOUR_WORDS)} || ' Tour'
    WHEN 2 THEN ${pick(n, 22, W.MUSIC_GENRES)} || ' Nights with ' || ${name}
    ELSE 'The ' || ${adj} || ' ' || ${noun} || 's: Unplugged' END
  WHEN 'SPORTS' THEN CASE ${variant(3)}
    WHEN 0 THEN ${pick(n, 45, W.SPORT_LEAGUES)} || ': ' || ${pick(n, 24, W.TEAM_CITIES)} || ' Leg'
    ELSE ${team(25)} || ' vs ' || ${team(27)} END
  WHEN 'PLAY' THEN CASE ${variant(4)}
    WHEN 0 THEN 'The ' || ${noun} || ' of ' || ${pick(n, 11, W.FIRST_NAMES)}
    WHEN 1 THEN ${pick(n, 11, W.FIRST_NAMES)} || '''s ' || ${noun}
    WHEN 2 THEN ${adj} || ' ' || ${noun} || ': A Play'
    ELSE ${hindi} END
  WHEN 'COMEDY' THEN CASE ${variant(3)}
    WHEN 0 THEN ${pick(n, 30, W.COMEDY_BITS)} || ' Live'
    ELSE ${name} || ': ' || ${pick(n, 30, W.COMEDY_BITS)} END
  ELSE CASE ${variant(2)}
    WHEN 0 THEN ${adj} || ' ' || ${noun} || ': ' || ${pick(n, 31, W.ART_MEDIA)} || ' from ' || ${place}
    ELSE ${pick(n, 31, W.ART_MEDIA)} || ' of ' || ${place} END
END`;

const MOVIE_LANGS = ["Hindi", "Hindi", "Hindi", "Hindi", "English", "English", "Tamil", "Tamil", "Telugu", "Telugu", "Malayalam", "Kannada", "Bengali", "Marathi"];
const LANGUAGES = `CASE category
  WHEN 'MOVIE' THEN CASE
    WHEN ${index(n, 41, 10)} < 4 AND lang <> 'Hindi' THEN ARRAY[lang, 'Hindi']
    WHEN ${index(n, 41, 10)} < 6 AND lang NOT IN ('Tamil', 'Telugu') THEN ARRAY[lang, 'Tamil', 'Telugu']
    ELSE ARRAY[lang] END
  WHEN 'CONCERT' THEN ARRAY[${pick(n, 42, ["Hindi", "Hindi", "English", "Punjabi", "Tamil", "Telugu", "Bengali", "Kannada", "Malayalam", "Marathi", "Instrumental"])}]
  WHEN 'SPORTS' THEN ARRAY['English', 'Hindi']
  WHEN 'PLAY' THEN ARRAY[${pick(n, 43, ["Hindi", "English", "English", "Marathi", "Bengali", "Kannada", "Tamil", "Gujarati"])}]
  WHEN 'COMEDY' THEN CASE ${index(n, 44, 4)} WHEN 0 THEN ARRAY['Hindi', 'English'] WHEN 1 THEN ARRAY['English', 'Hindi']
    WHEN 2 THEN ARRAY['English'] ELSE ARRAY['Hindi'] END
  ELSE ARRAY['English'] END`;

const byCategory = (values: Record<string, string>) =>
  `CASE category ${Object.entries(values)
    .map(([cat, expr]) => `WHEN ${lit(cat)} THEN ${expr}`)
    .join(" ")} END`;

// Sports genres share salt 45 with SPORT_LEAGUES so a league title and its genre agree.
const GENRE = byCategory(Object.fromEntries(Object.entries(W.GENRES).map(([cat, list]) => [cat, pick(n, 45, list)])));

const DURATION = byCategory({
  MOVIE: `95 + ${index(n, 46, 80)}`,
  CONCERT: `120 + 30 * ${index(n, 46, 5)}`,
  SPORTS: pick(n, 46, [120, 150, 180, 210]),
  PLAY: `75 + ${index(n, 46, 76)}`,
  COMEDY: `60 + 15 * ${index(n, 46, 5)}`,
  EXHIBITION: pick(n, 46, [480, 540, 600]),
});

/** Regular-seat price in rupees; seat types scale it (see PRICE_MULTIPLIERS in large.ts). */
const BASE_PRICE = byCategory({
  MOVIE: `150 + 10 * ${index(n, 47, 21)}`,
  CONCERT: pick(n, 47, [999, 1499, 1999, 2499]),
  SPORTS: pick(n, 47, [500, 750, 1000, 1500]),
  PLAY: pick(n, 47, [300, 400, 500, 600, 800]),
  COMEDY: pick(n, 47, [499, 599, 799, 999]),
  EXHIBITION: pick(n, 47, [199, 299, 399, 499]),
});

const KIND = `(CASE category WHEN 'MOVIE' THEN 'SCREEN' WHEN 'SPORTS' THEN 'STADIUM' WHEN 'EXHIBITION' THEN 'HALL' ELSE 'AUDITORIUM' END)::section_kind`;

// Same shares as the normal catalog: 10/30 movies, 5 concerts, 4 sports, 4 plays, 4 comedy, 3 exhibitions.
const CATEGORY = `CASE WHEN n % 30 < 10 THEN 'MOVIE' WHEN n % 30 < 15 THEN 'CONCERT' WHEN n % 30 < 19 THEN 'SPORTS'
  WHEN n % 30 < 23 THEN 'PLAY' WHEN n % 30 < 27 THEN 'COMEDY' ELSE 'EXHIBITION' END`;

/** Columns: n, category, kind, title, languages, genres, duration, certificate, popularity, rating, base_price. */
export function largeEventsSelect(count: number): string {
  return `
    SELECT n, category::event_category AS category, ${KIND} AS kind, ${TITLE} AS title,
      ${LANGUAGES} AS languages, ARRAY[${GENRE}] AS genres,
      (${DURATION})::smallint AS duration,
      CASE category WHEN 'MOVIE' THEN ${pick(n, 48, ["U", "UA", "UA", "A"])} WHEN 'EXHIBITION' THEN 'All ages'
        ELSE ${pick(n, 48, ["All ages", "All ages", "12+", "16+"])} END AS certificate,
      (floor(90000 * exp(-n / 4000.0)) + ${index(n, 49, 300)})::int AS popularity,
      (60 + ${index(n, 50, 36)})::smallint AS rating,
      (${BASE_PRICE})::int AS base_price,
      ${pick(n, 51, ["thrilling", "moving", "joyful", "gripping", "memorable", "spectacular", "rousing", "charming"])} AS mood,
      ${adj} AS adj, ${noun} AS noun
    FROM (
      SELECT n, ${CATEGORY} AS category, ${pick(n, 40, MOVIE_LANGS)} AS lang
      FROM generate_series(1, ${count}) AS n
    ) base`;
}
