import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { Category } from "@/lib/catalog/filters";
import { memo } from "@/lib/catalog/memo";

export type SearchHit = {
  id: string;
  slug: string;
  title: string;
  category: Category;
  languages: string[];
  posterUrl: string | null;
  popularity: number;
  score: number;
};

export const searchQuerySchema = z.object({
  query: z.string().trim().min(1, "type something to search for").max(100),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const autocompleteQuerySchema = z.object({
  prefix: z.string().trim().min(1, "prefix is required").max(60),
  limit: z.coerce.number().int().min(1).max(20).default(8),
});

export const WORD_SIMILARITY = 0.5;
export const TERM_SIMILARITY = 0.3;

// Words that match a large share of titles and say little; dropped unless nothing else is typed.
const STOP_WORDS = new Set(["the", "a", "an", "of", "and", "in", "on", "at", "to", "for", "with", "vs", "live", "show"]);

export function significant(words: string[]): string[] {
  const kept = words.filter((w) => !STOP_WORDS.has(w));
  return kept.length ? kept : words;
}

/** Words of a query as safe tsquery lexemes (letters and digits only). */
export function lexemes(text: string): string[] {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
}

/**
 * Typo-tolerant event search. Each query word is matched as typed and, when no title contains
 * it, as its closest title words by trigram similarity ("avangers" → "avengers"); the last
 * word also matches as a prefix. Full-text matches rank first (ts_rank, then popularity);
 * titles that are only similar as a whole follow.
 */
export async function searchEvents(q: { query: string; limit?: number }, ex: Executor = db): Promise<SearchHit[]> {
  const words = significant(lexemes(q.query));
  if (!words.length) return [];
  const rows = await ex.transaction(async (tx) => {
    await tx.execute(searchSettingsSql());
    const corrections = await queryRows<Correction>(tx, correctionsSql(words));
    return queryRows<SearchHit>(tx, searchSql(words, corrections, q.limit ?? 20));
  });
  return rows.map((r) => ({ ...r, score: Math.round(Number(r.score) * 1000) / 1000 }));
}

/** Search through the catalog cache (CATALOG_CACHE_SECONDS): popular queries repeat a lot. */
export function searchEventsCached(q: { query: string; limit?: number }): Promise<SearchHit[]> {
  return memo(`search:${lexemes(q.query).join(" ")}:${q.limit ?? 20}`, "catalog", () => searchEvents(q));
}

type Correction = { word: string; terms: string[] };

/** pg_trgm's default thresholds miss one-letter typos in short words; set ours for this transaction. */
export function searchSettingsSql(): SQL {
  return sql`SELECT set_config('pg_trgm.similarity_threshold', ${String(TERM_SIMILARITY)}, true),
                    set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY)}, true)`;
}

/** For each word no title contains, the closest title words (best first, near-ties kept). */
export function correctionsSql(words: string[]): SQL {
  return sql`
    SELECT q.word, coalesce(array_agg(c.term ORDER BY c.sim DESC) FILTER (WHERE c.term IS NOT NULL), '{}') AS terms
    FROM unnest(ARRAY[${sql.join(words.map((w) => sql`${w}`), sql`, `)}]::text[]) WITH ORDINALITY AS q(word, i)
    LEFT JOIN LATERAL (
      SELECT t.term, t.sim FROM (
        SELECT term, similarity(term, q.word) AS sim, max(similarity(term, q.word)) OVER () AS best
        FROM search_terms
        WHERE term % q.word AND NOT EXISTS (SELECT 1 FROM search_terms x WHERE x.term = q.word)
      ) t
      WHERE t.sim >= t.best - 0.05
      ORDER BY t.sim DESC
      LIMIT 3
    ) c ON true
    GROUP BY q.word, q.i
    ORDER BY q.i`;
}

const CANDIDATES = 500;
const SAFE_TERM = /^[\p{L}\p{N}]+$/u;

/** Search SQL for split words and their corrections (exported so the benchmark runs it raw). */
export function searchSql(words: string[], corrections: Correction[], limit: number): SQL {
  const alternatives = words.map((w, i) => {
    const last = i === words.length - 1;
    const fixes = (corrections.find((c) => c.word === w)?.terms ?? []).filter((t) => SAFE_TERM.test(t) && t !== w);
    return `(${[last ? `${w}:*` : w, ...fixes].join(" | ")})`;
  });
  const text = words.join(" ");
  // Ranking is computed on at most CANDIDATES matches (the most popular), so a query that
  // matches half the catalog costs a bounded amount.
  return sql`
      SELECT e.id, e.slug, e.title, e.category, e.languages, e.poster_url AS "posterUrl", e.popularity,
             (CASE WHEN e.search_vector @@ tq THEN 1 + ts_rank(e.search_vector, tq) ELSE 0 END)
               + word_similarity(${text}, e.title) / 2 AS score
      FROM (
        SELECT e.* FROM events e, to_tsquery('simple', ${alternatives.join(" & ")}) tq
        WHERE e.status = 'PUBLISHED' AND (e.search_vector @@ tq OR ${text} <% e.title)
        ORDER BY e.popularity DESC
        LIMIT ${CANDIDATES}
      ) e, to_tsquery('simple', ${alternatives.join(" & ")}) tq
      ORDER BY score DESC, e.popularity DESC, e.id
      LIMIT ${limit}`;
}

export type Suggestion = { id: string; slug: string; title: string; category: Category };

/** Titles whose words start with what was typed so far, most popular first. */
export async function autocomplete(q: { prefix: string; limit?: number }, ex: Executor = db): Promise<Suggestion[]> {
  const words = lexemes(q.prefix);
  if (!words.length) return [];
  // Weight A is the title: suggestions complete titles, not descriptions.
  const tsquery = words.map((w, i) => (i === words.length - 1 ? `${w}:*A` : `${w}:A`)).join(" & ");
  return queryRows<Suggestion>(
    ex,
    sql`
      SELECT e.id, e.slug, e.title, e.category
      FROM events e
      WHERE e.status = 'PUBLISHED' AND e.search_vector @@ to_tsquery('simple', ${tsquery})
      ORDER BY (lower(e.title) LIKE ${`${words.join(" ")}%`}) DESC, e.popularity DESC, e.id
      LIMIT ${q.limit ?? 8}`,
  );
}
