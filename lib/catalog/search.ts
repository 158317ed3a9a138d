import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { Category } from "@/lib/catalog/filters";
import { memo } from "@/lib/catalog/memo";
import { fold } from "./fold";
import { acceptable, deletions, editDistance, prefixDistance, splits } from "./typos";

// Search in three steps, each a bounded amount of work whatever the catalog's size:
// 1. Words. The query is folded ("Café" → "cafe") and split; each word is looked up in the
//    vocabulary (search_terms: every word of titles, people's and venues' names). A word that
//    is not there is matched to the terms one edit away (two for long words), found through the
//    terms' stored deletions (search_term_deletes); a word
//    that is two words run together ("kaalchakra") is split, two that are one ("kaal chakra"
//    for "Kaalchakra") are joined. Edit distances are decided here, not in SQL.
// 2. Events. The resolved words make one full-text query (every word, any order) over the
//    events' search vectors (title, people, description). Matches in a title or a person's name
//    rank above matches in a description; events playing in the chosen city come next; then
//    text rank and popularity. Events at a venue the query names are found too.
// 3. People and venues matching the query, as results of their own.

export const citySlug = z.string().trim().toLowerCase().regex(/^[a-z0-9-]{1,64}$/, "must be a city id like 'mumbai'");

export const searchQuerySchema = z.object({
  query: z.string().trim().min(1, "type something to search for").max(100).describe("What to look for: titles, people, venues; typos are forgiven."),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  city: citySlug.optional().describe("A city id: its events first, each marked inCity."),
});

export const autocompleteQuerySchema = z.object({
  prefix: z.string().trim().min(1, "prefix is required").max(60).describe("What has been typed so far; the last word is a prefix."),
  limit: z.coerce.number().int().min(1).max(20).default(8),
  city: citySlug.optional().describe("A city id (see GET /cities)."),
});

/** Events ranked per query: the most popular text matches (a common word matches thousands). */
const CANDIDATES = 100;
/** …and the most popular of those matching anywhere, descriptions included. */
const DESCRIPTION_CANDIDATES = 50;
/** Corrections kept per word: the closest terms, near-ties included. */
const MAX_FIXES = 4;

// Words that match a large share of titles and say little; dropped unless nothing else is typed.
const STOP_WORDS = new Set(["the", "a", "an", "of", "and", "in", "on", "at", "to", "for", "with", "vs", "live", "show"]);

export function significant(words: string[]): string[] {
  const kept = words.filter((w) => !STOP_WORDS.has(w));
  return kept.length ? kept : words;
}

/** Words of a query, folded the way the index folds (letters with their marks, and digits; at most 8). */
export function lexemes(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
}

// ---- step 1: words -------------------------------------------------------------------------

/** One position of the query: the tsquery alternatives it may match, and how it was read. */
export type Slot = {
  words: string[];
  /** tsquery fragments, ORed; a fragment is a lexeme, a prefix (`x:*`) or a phrase (`a <-> b`). */
  alternatives: string[];
  /** What the words were read as, when not as typed ("mubmai" → "mumbai"). */
  readAs?: string;
};

type VocabularyRow = { term: string };

const SAFE = /^[\p{L}\p{M}\p{N}]+$/u;
const likeEscape = (s: string) => s.replace(/[\\%_]/g, "\\$&");

/**
 * The vocabulary lookup for a set of words: every term that could be one of them, one edit
 * from one of them, half of one split in two, or two of them joined. One round trip.
 */
export function vocabularySql(words: string[], opts: { prefixOf?: string } = {}): SQL {
  // A term within the allowed edits shares a deletion-variant with the word: the word's own
  // deletions (one, or two for long words) against the term and its stored deletions.
  const variants = new Set<string>();
  const halves = new Set<string>();
  words.forEach((w, i) => {
    variants.add(w);
    const n = [...w].length;
    if (n >= 3) {
      for (const d of deletions(w)) {
        variants.add(d);
        if (n >= 8) for (const dd of deletions(d)) variants.add(dd);
      }
    }
    for (const half of splits(w).flat()) halves.add(half);
    if (i + 1 < words.length) halves.add(w + words[i + 1]);
  });
  const arr = (xs: Iterable<string>) => sql`ARRAY[${sql.join([...xs].map((x) => sql`${x}`), sql`, `)}]::text[]`;
  const parts = [
    sql`SELECT term FROM search_terms WHERE term = ANY(${arr([...variants, ...halves])})`,
    sql`SELECT term FROM search_term_deletes WHERE variant = ANY(${arr(variants)})`,
  ];
  const last = words[words.length - 1];
  if (last && !opts.prefixOf) {
    // The last word may be cut short ("avata"): a term it starts, if any, keeps its prefix reading.
    parts.push(sql`(SELECT term FROM search_terms WHERE term LIKE ${`${likeEscape(last)}_%`} LIMIT 1)`);
  }
  const p = opts.prefixOf ? [...opts.prefixOf] : [];
  if (p.length >= 3) {
    // A word still being typed: terms starting with its first letter, or its second (a slip
    // on the first key), for prefixDistance to judge. Bounded: a letter's share of the vocabulary.
    const starts = [...new Set([p[0]!, p[1]!])];
    parts.push(
      sql`(SELECT term FROM search_terms WHERE ${sql.join(
        starts.map((c) => sql`term LIKE ${`${likeEscape(c)}%`}`),
        sql` OR `,
      )} LIMIT 5000)`,
    );
  }
  return sql.join(parts, sql` UNION `);
}

/** Reads each word against the vocabulary (see vocabularySql). */
export async function resolveWords(
  words: string[],
  ex: Executor,
  opts: { typing?: boolean } = {},
): Promise<Slot[]> {
  if (!words.length) return [];
  const last = words[words.length - 1]!;
  const typingWord = opts.typing && [...last].length >= 3 ? last : undefined;
  const rows = await queryRows<VocabularyRow>(ex, vocabularySql(words, { prefixOf: typingWord }));
  return readWords(words, new Set(rows.map((r) => r.term)), { typing: opts.typing });
}

/** The pure half of resolveWords: given the terms found, decide what each word means. */
export function readWords(words: string[], terms: Set<string>, opts: { typing?: boolean } = {}): Slot[] {
  const slots: Slot[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const isLast = i === words.length - 1;
    const next = words[i + 1];
    // Two words typed for one ("kaal chakra" for "kaalchakra"): either reading matches.
    if (next !== undefined && terms.has(w + next) && !(isLast && opts.typing)) {
      const a = readWord(w, terms, false, false);
      const b = readWord(next, terms, i + 1 === words.length - 1, !!opts.typing);
      const both = a.alternatives.length && b.alternatives.length ? [`(${group(a.alternatives)} & ${group(b.alternatives)})`] : [];
      slots.push({ words: [w, next], alternatives: [...both, w + next] });
      i++;
      continue;
    }
    slots.push(readWord(w, terms, isLast, !!opts.typing));
  }
  return slots;
}

function readWord(w: string, terms: Set<string>, isLast: boolean, typing: boolean): Slot {
  const alternatives: string[] = [];
  let readAs: string | undefined;
  // Read as a prefix too when it starts some longer term.
  const prefix = isLast && SAFE.test(w) && [...terms].some((t) => t.length > w.length && t.startsWith(w)) ? `${w}:*` : undefined;
  if (terms.has(w)) {
    alternatives.push(w);
  } else {
    const scored: { term: string; d: number }[] = [];
    for (const t of terms) {
      if (!SAFE.test(t)) continue;
      const d = editDistance(w, t, 2);
      if (acceptable(w, t, d)) scored.push({ term: t, d });
    }
    const best = Math.min(...scored.map((s) => s.d));
    const fixes = scored
      .filter((s) => s.d === best)
      .sort((a, b) => a.term.localeCompare(b.term))
      .slice(0, MAX_FIXES)
      .map((s) => s.term);
    alternatives.push(...fixes);
    for (const [a, b] of splits(w)) if (terms.has(a) && terms.has(b)) alternatives.push(`(${a} <-> ${b})`);
    if (typing && isLast && ![...terms].some((t) => t.startsWith(w))) {
      // The word being typed, when no term starts with it: terms it could be the start of,
      // allowing one slip. (While some term does, "kab" means kabir or kabaddi, not kaur.)
      const starts = [...terms]
        .filter((t) => SAFE.test(t) && !t.startsWith(w) && prefixDistance(w, t, 1) <= 1)
        .sort((a, b) => a.length - b.length || a.localeCompare(b))
        .slice(0, MAX_FIXES);
      alternatives.push(...starts.filter((t) => !alternatives.includes(t)));
    }
    if (alternatives.length) readAs = alternatives[0]!.replace(/[()]/g, "").replace(" <-> ", " ");
  }
  if (prefix) alternatives.push(prefix);
  return { words: [w], alternatives, readAs };
}

const group = (alts: string[]) => (alts.length === 1 ? alts[0]! : `(${alts.join(" | ")})`);

/**
 * The full-text query: every slot that can match something, ANDed. Words nothing resembles
 * ("tickets", "bookmyshow") are left out rather than failing the whole query.
 * With `weights`, each lexeme is restricted to those weights (AB: title and people).
 */
export function tsqueryText(slots: Slot[], weights?: string): string | null {
  const parts = slots.filter((s) => s.alternatives.length).map((s) => group(s.alternatives));
  if (!parts.length) return null;
  const text = parts.join(" & ");
  if (!weights) return text;
  // Lexemes are letters and digits; prefixes end in ":*". Add the weight to each.
  return text.replace(/([\p{L}\p{M}\p{N}]+)(:\*)?/gu, (_, lex: string, star?: string) => `${lex}:${star ? "*" : ""}${weights}`);
}

/** How the query was read, when a word was corrected: "Showing results for …". */
export function readingOf(slots: Slot[]): string | null {
  if (!slots.some((s) => s.readAs)) return null;
  return slots.map((s) => s.readAs ?? s.words.join(" ")).join(" ");
}

// ---- step 2: events ------------------------------------------------------------------------

export type SearchHit = {
  id: string;
  slug: string;
  title: string;
  category: Category;
  languages: string[];
  posterUrl: string | null;
  popularity: number;
  score: number;
  /** Cities with upcoming shows, the chosen one first; empty when nothing is scheduled. */
  cities: string[];
  /** Whether it plays in the chosen city (null when no city was given). */
  inCity: boolean | null;
  /** Set when the event was found through a person ("Rishab Shetty") or a venue. */
  matchedVia: "title" | "people" | "venue" | "description";
};

export type PersonHit = { id: string; slug: string; name: string; kind: "PERSON" | "GROUP"; events: number };
export type VenueHit = { id: string; slug: string; name: string; cityId: string; address: string };

export type SearchResults = {
  events: SearchHit[];
  people: PersonHit[];
  venues: VenueHit[];
  /** The query as it was read, when words were corrected. */
  readAs: string | null;
};

type EventRow = Omit<SearchHit, "matchedVia" | "inCity"> & { inCity: boolean | null; titleMatch: boolean; nameMatch: boolean; viaVenue: boolean };

const CARD = sql.raw(`e.id, e.slug, e.title, e.category, e.languages, e.poster_url AS "posterUrl", e.popularity, e.name_vector`);

/** Events for a resolved query (exported so the benchmark runs the same SQL raw). */
export function eventsSql(slots: Slot[], opts: { city?: string; limit: number; now?: Date }): SQL | null {
  const tq = tsqueryText(slots);
  const tqTitle = tsqueryText(slots, "A");
  if (!tq || !tqTitle) return null;
  const now = (opts.now ?? new Date()).toISOString();
  const city = opts.city ?? null;
  const phrase = slots.map((s) => s.readAs ?? s.words.join(" ")).join(" ");
  const upcoming = (cond: SQL) => sql`EXISTS (SELECT 1 FROM shows s WHERE s.event_id = m.id AND s.status = 'SCHEDULED' AND s.starts_at >= ${now}::timestamptz AND ${cond})`;
  return sql`
    WITH q AS (SELECT to_tsquery('simple', ${tq}) AS tq, to_tsquery('simple', ${tqTitle}) AS tq_title),
    venue_ids AS MATERIALIZED (
      SELECT v.id FROM venues v, q WHERE v.search_vector @@ q.tq LIMIT 20
    ),
    -- Events at a venue the query names: driven from the (few) venues, each one's next shows.
    at_venues AS MATERIALIZED (
      SELECT DISTINCT x.event_id FROM venue_ids v
      CROSS JOIN LATERAL (
        SELECT s.event_id FROM shows s
        WHERE s.venue_id = v.id AND s.starts_at >= ${now}::timestamptz AND s.status = 'SCHEDULED'
        ORDER BY s.starts_at LIMIT 500
      ) x
    ),
    -- Candidates are chosen on (id, popularity) alone: reading every match's wide columns to
    -- sort them cost 3-4x as much (measured: "rahul", 2,540 matches, 10.6 ms → 2.9 ms).
    by_name AS MATERIALIZED (
      SELECT e.id, false AS via_venue FROM events e, q
      WHERE e.status = 'PUBLISHED' AND e.name_vector @@ q.tq
      ORDER BY e.popularity DESC LIMIT ${CANDIDATES}
    ),
    hits AS (
      SELECT * FROM by_name
      UNION ALL
      -- Descriptions rank below every title and person match, so they are read only when those
      -- do not fill the page.
      (SELECT e.id, false FROM events e, q
       WHERE e.status = 'PUBLISHED' AND e.search_vector @@ q.tq AND (SELECT count(*) FROM by_name) < ${opts.limit}
       ORDER BY e.popularity DESC LIMIT ${DESCRIPTION_CANDIDATES})
      UNION ALL
      (SELECT e.id, true FROM at_venues a JOIN events e ON e.id = a.event_id AND e.status = 'PUBLISHED'
       ORDER BY e.popularity DESC LIMIT 100)
    ),
    matched AS (
      SELECT ${CARD}, h.via_venue
      FROM (SELECT id, bool_or(via_venue) AS via_venue FROM hits GROUP BY id) h JOIN events e ON e.id = h.id
    ),
    ranked AS (
      SELECT m.id, m.slug, m.title, m.category, m.languages, m."posterUrl", m.popularity,
             m.via_venue AS "viaVenue",
             m.name_vector,
             m.name_vector @@ q.tq AS "nameMatch",
             ts_rank(m.name_vector, q.tq)
               + (SELECT CASE WHEN t = ${phrase} THEN 1 WHEN t LIKE ${`${likeEscape(phrase)}%`} THEN 0.5 ELSE 0 END
                  FROM marquee_fold(m.title) AS t) AS score,
             CASE WHEN ${city}::text IS NULL THEN NULL ELSE ${upcoming(sql`s.city_id = ${city}`)} END AS "inCity",
             ${upcoming(sql`true`)} AS upcoming
      FROM matched m, q
    )
    SELECT r.id, r.slug, r.title, r.category, r.languages, r."posterUrl", r.popularity, r."viaVenue", r."nameMatch",
      r.score, r."inCity", r.upcoming,
      r.name_vector @@ (SELECT tq_title FROM q) AS "titleMatch",
      -- Where it plays: one index probe per city (a blockbuster has thousands of shows).
      coalesce((SELECT array_agg(c.id ORDER BY c.id = ${city} DESC NULLS LAST, c.sort_order, c.name) FROM cities c
                WHERE EXISTS (SELECT 1 FROM shows s WHERE s.event_id = r.id AND s.city_id = c.id
                                AND s.status = 'SCHEDULED' AND s.starts_at >= ${now}::timestamptz)), '{}') AS cities
    FROM (
      SELECT * FROM ranked
      ORDER BY ("nameMatch" OR "viaVenue") DESC, "inCity" DESC NULLS LAST, upcoming DESC,
               score DESC, popularity DESC, id
      LIMIT ${opts.limit}
    ) r
    ORDER BY ("nameMatch" OR "viaVenue") DESC, "inCity" DESC NULLS LAST, upcoming DESC,
             score DESC, popularity DESC, id`;
}

function toHit(r: EventRow): SearchHit {
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    category: r.category,
    languages: r.languages,
    posterUrl: r.posterUrl,
    popularity: r.popularity,
    score: Math.round(Number(r.score) * 1000) / 1000,
    cities: r.cities,
    inCity: r.inCity,
    matchedVia: r.titleMatch ? "title" : r.nameMatch ? "people" : r.viaVenue ? "venue" : "description",
  };
}

// ---- step 3: people and venues -------------------------------------------------------------

export function peopleSql(slots: Slot[], limit: number, now?: Date): SQL | null {
  const tq = tsqueryText(slots);
  if (!tq) return null;
  const at = (now ?? new Date()).toISOString();
  const phrase = slots.map((s) => s.readAs ?? s.words.join(" ")).join(" ");
  // A common name ("rahul") matches hundreds of people: rank them by their name and how often
  // they are credited (an index-only count), and count upcoming events only for those shown.
  return sql`
    SELECT p.id, p.slug, p.name, p.kind,
           (SELECT count(DISTINCT c.event_id)::int FROM event_credits c
            JOIN events e ON e.id = c.event_id AND e.status = 'PUBLISHED'
            WHERE c.person_id = p.id
              AND EXISTS (SELECT 1 FROM shows s WHERE s.event_id = c.event_id AND s.status = 'SCHEDULED' AND s.starts_at >= ${at}::timestamptz)) AS events
    FROM (
      SELECT p.id, p.slug, p.name, p.kind, marquee_fold(p.name) = ${phrase} AS exact,
             (SELECT count(*) FROM event_credits c WHERE c.person_id = p.id) AS credits
      FROM people p
      WHERE p.search_vector @@ to_tsquery('simple', ${tq})
      ORDER BY exact DESC, credits DESC, p.name
      LIMIT ${limit}
    ) p
    ORDER BY p.exact DESC, p.credits DESC, p.name`;
}

export function venuesSql(slots: Slot[], limit: number, city?: string): SQL | null {
  const tq = tsqueryText(slots);
  if (!tq) return null;
  return sql`
    SELECT v.id, v.slug, v.name, v.city_id AS "cityId", v.address
    FROM venues v
    WHERE v.search_vector @@ to_tsquery('simple', ${tq})
    ORDER BY v.city_id = ${city ?? null} DESC NULLS LAST, v.name
    LIMIT ${limit}`;
}

// ---- entry points --------------------------------------------------------------------------

type SearchInput = { query: string; limit?: number; city?: string; now?: Date };

/** Events, people and venues for a query, typo tolerant, favouring the chosen city. */
export async function search(q: SearchInput, ex: Executor = db): Promise<SearchResults> {
  const slots = await resolveWords(significant(lexemes(q.query)), ex);
  const eventsQuery = eventsSql(slots, { city: q.city, limit: q.limit ?? 20, now: q.now });
  if (!eventsQuery) return { events: [], people: [], venues: [], readAs: null };
  const [events, people, venues] = await Promise.all([
    queryRows<EventRow>(ex, eventsQuery),
    queryRows<PersonHit>(ex, peopleSql(slots, 5, q.now)!),
    queryRows<VenueHit>(ex, venuesSql(slots, 5, q.city)!),
  ]);
  return { events: events.map(toHit), people, venues, readAs: readingOf(slots) };
}

/** Just the events (the listing's `q` filter, and the API's `items`). */
export async function searchEvents(q: SearchInput, ex: Executor = db): Promise<SearchHit[]> {
  const slots = await resolveWords(significant(lexemes(q.query)), ex);
  const query = eventsSql(slots, { city: q.city, limit: q.limit ?? 20, now: q.now });
  return query ? (await queryRows<EventRow>(ex, query)).map(toHit) : [];
}

/** Search through the catalog cache (CATALOG_CACHE_SECONDS): popular queries repeat a lot. */
export function searchCached(q: { query: string; limit?: number; city?: string }): Promise<SearchResults> {
  return memo(`search:${q.city ?? ""}:${lexemes(q.query).join(" ")}:${q.limit ?? 20}`, "catalog", () => search(q));
}

export type Suggestion =
  | { kind: "event"; id: string; slug: string; title: string; category: Category; href: string }
  | { kind: "person"; id: string; slug: string; title: string; href: string }
  | { kind: "venue"; id: string; slug: string; title: string; href: string };

/**
 * Suggestions while typing: the last word is a prefix, and a slip in it is forgiven ("mubm" →
 * Mumbai…). Events first (titles and people), then people and venues by name.
 */
export async function autocomplete(q: { prefix: string; limit?: number; city?: string; now?: Date }, ex: Executor = db): Promise<Suggestion[]> {
  const words = lexemes(q.prefix);
  if (!words.length) return [];
  const limit = q.limit ?? 8;
  const slots = await resolveWords(words, ex, { typing: true });
  // More rows than shown: one title playing as several events (a tour, a league) is offered once.
  const eventsQuery = eventsSql(slots, { city: q.city, limit: limit * 3, now: q.now });
  if (!eventsQuery) return [];
  const [events, people, venues] = await Promise.all([
    queryRows<EventRow>(ex, eventsQuery),
    queryRows<PersonHit>(ex, peopleSql(slots, 3, q.now)!),
    queryRows<VenueHit>(ex, venuesSql(slots, 2, q.city)!),
  ]);
  const titles = new Set<string>();
  const out: Suggestion[] = [
    ...events
      .filter((e) => e.nameMatch && !titles.has(e.title) && titles.add(e.title))
      .map((e) => ({ kind: "event" as const, id: e.id, slug: e.slug, title: e.title, category: e.category, href: `/events/${e.slug}` })),
    ...people.map((p) => ({ kind: "person" as const, id: p.id, slug: p.slug, title: p.name, href: `/people/${p.slug}` })),
    ...venues.map((v) => ({ kind: "venue" as const, id: v.id, slug: v.slug, title: v.name, href: `/venues/${v.slug}` })),
  ];
  // Keep room for a person or venue when events would fill the list.
  const others = out.filter((s) => s.kind !== "event").slice(0, Math.max(2, limit - events.length));
  return [...out.filter((s) => s.kind === "event").slice(0, limit - others.length), ...others];
}
