import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { Category } from "@/lib/catalog/filters";

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

const WORD_SIMILARITY = 0.4;

/** Words of a query as safe tsquery lexemes (letters and digits only). */
function lexemes(text: string): string[] {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
}

/**
 * Typo-tolerant event search: full-text matches (every word, prefix on the last) and trigram
 * word-similarity matches ("avangers" finds "Avengers: Endgame"), ranked by the better of the
 * two and then by popularity. Both predicates are served by GIN indexes.
 */
export async function searchEvents(q: { query: string; limit?: number }, ex: Executor = db): Promise<SearchHit[]> {
  const words = lexemes(q.query);
  if (!words.length) return [];
  const tsquery = words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(" & ");
  const text = words.join(" ");
  const rows = await ex.transaction(async (tx) => {
    // pg_trgm's default word-similarity threshold (0.6) misses one-letter typos in short words.
    await tx.execute(sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY)}, true)`);
    return queryRows<SearchHit>(
      tx,
      sql`
      SELECT e.id, e.slug, e.title, e.category, e.languages, e.poster_url AS "posterUrl", e.popularity,
             greatest(ts_rank(e.search_vector, tq) * 2, word_similarity(${text}, e.title)) AS score
      FROM events e, to_tsquery('simple', ${tsquery}) tq
      WHERE e.status = 'PUBLISHED'
        AND (e.search_vector @@ tq OR ${text} <% e.title)
      ORDER BY score DESC, e.popularity DESC, e.id
      LIMIT ${q.limit ?? 20}`,
    );
  });
  return rows.map((r) => ({ ...r, score: Math.round(Number(r.score) * 1000) / 1000 }));
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
