-- Search no longer matches by trigram (issue 20: candidates come from search_term_deletes and
-- edit distances), so these two GIN indexes only cost writes: every event insert or title
-- change, and every new vocabulary term, maintained them for no reader.
DROP INDEX IF EXISTS "events_title_trgm_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "search_terms_trgm_idx";
