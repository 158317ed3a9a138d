-- Issue 20: people on events (cast, crew, artists, teams, speakers), accent-folded search over
-- titles, people and venues, and a vocabulary that corrects every one-edit typo.
-- 1. marquee_fold: lower-case and strip accents. The two strings are FOLD_FROM / FOLD_TO in
--    lib/catalog/fold.ts (a test holds them equal). translate() is immutable, so generated
--    columns may use it.
CREATE FUNCTION "marquee_fold"(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT translate(lower($1), 'àáâãäåāăąçćčďèéêëēėęěğìíîïīįıľłñńňòóôõöøōőŕřśšşţťùúûüūůűųýÿźżžđ', 'aaaaaaaaacccdeeeeeeeegiiiiiiillnnnoooooooorrsssttuuuuuuuuyyzzzd')
$$;--> statement-breakpoint
-- 2. People and their credits on events. A person may be a group (a band, a team): kind says which.
CREATE TYPE "credit_role" AS ENUM ('CAST', 'CREW', 'ARTIST', 'TEAM', 'SPEAKER');--> statement-breakpoint
CREATE TABLE "people" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "slug" text NOT NULL,
  "name" text NOT NULL,
  "kind" text NOT NULL DEFAULT 'PERSON',
  "bio" text NOT NULL DEFAULT '',
  "image_url" text,
  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('simple', marquee_fold("name"))) STORED NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "people_slug_key" UNIQUE ("slug"),
  CONSTRAINT "people_kind" CHECK ("kind" IN ('PERSON', 'GROUP')),
  CONSTRAINT "people_name_length" CHECK (length("name") BETWEEN 1 AND 120)
);--> statement-breakpoint
CREATE INDEX "people_search_idx" ON "people" USING gin ("search_vector");--> statement-breakpoint
CREATE TABLE "event_credits" (
  "event_id" uuid NOT NULL REFERENCES "public"."events"("id") ON DELETE CASCADE,
  "person_id" uuid NOT NULL REFERENCES "public"."people"("id") ON DELETE CASCADE,
  "role" "credit_role" NOT NULL,
  -- "Director", "as Vikram", "Lead vocals", "Captain"; empty when the role says it all.
  "credit" text NOT NULL DEFAULT '',
  -- Billing order within the event (0 first).
  "position" smallint NOT NULL DEFAULT 0,
  CONSTRAINT "event_credits_pk" PRIMARY KEY ("event_id", "person_id", "role"),
  CONSTRAINT "event_credits_credit_length" CHECK (length("credit") <= 120)
);--> statement-breakpoint
CREATE INDEX "event_credits_person_idx" ON "event_credits" ("person_id", "event_id");--> statement-breakpoint
-- 3. events.credits: the credited names, kept by triggers below, so an event's own search vector
--    finds it by person ("kantara rishab" matches title and cast together).
ALTER TABLE "events" ADD COLUMN "credits" text NOT NULL DEFAULT '';--> statement-breakpoint
DROP INDEX IF EXISTS "events_search_idx";--> statement-breakpoint
ALTER TABLE "events" DROP COLUMN "search_vector";--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('simple', marquee_fold("title")), 'A')
  || setweight(to_tsvector('simple', marquee_fold("credits")), 'B')
  || setweight(to_tsvector('simple', marquee_fold("description")), 'C')) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "events_search_idx" ON "events" USING gin ("search_vector");--> statement-breakpoint
-- Title and people alone: a word common in descriptions ("film") must not bury the titles.
ALTER TABLE "events" ADD COLUMN "name_vector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('simple', marquee_fold("title")), 'A')
  || setweight(to_tsvector('simple', marquee_fold("credits")), 'B')) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "events_name_search_idx" ON "events" USING gin ("name_vector");--> statement-breakpoint
CREATE FUNCTION "events_refresh_credits"(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  UPDATE "events" e SET "credits" = coalesce((
    SELECT string_agg(p."name", ' ' ORDER BY c."position", p."name")
    FROM "event_credits" c JOIN "people" p ON p."id" = c."person_id"
    WHERE c."event_id" = e."id"), '')
  WHERE e."id" = ANY(ids)
$$;--> statement-breakpoint
CREATE FUNCTION "event_credits_changed_new"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM events_refresh_credits(ARRAY(SELECT DISTINCT event_id FROM changed));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "event_credits_insert" AFTER INSERT ON "event_credits"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "event_credits_changed_new"();--> statement-breakpoint
CREATE TRIGGER "event_credits_update" AFTER UPDATE ON "event_credits"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "event_credits_changed_new"();--> statement-breakpoint
CREATE TRIGGER "event_credits_delete" AFTER DELETE ON "event_credits"
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "event_credits_changed_new"();--> statement-breakpoint
CREATE FUNCTION "people_renamed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM events_refresh_credits(ARRAY(
    SELECT DISTINCT c.event_id FROM renamed r JOIN "event_credits" c ON c.person_id = r.id));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "people_rename" AFTER UPDATE ON "people"
  REFERENCING NEW TABLE AS renamed FOR EACH STATEMENT EXECUTE FUNCTION "people_renamed"();--> statement-breakpoint
-- 4. Venues are searched by name.
ALTER TABLE "venues" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('simple', marquee_fold("name"))) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "venues_search_idx" ON "venues" USING gin ("search_vector");--> statement-breakpoint
-- 5. The vocabulary: every word of titles, people's and venues' names, folded and split as
--    lib/catalog/search.ts splits queries. search_term_deletes holds each term's one-letter
--    deletions (and two-letter ones for terms of eight letters or more): a query word and a term
--    one edit apart (dropped, doubled, replaced or swapped letters) share a deletion, or one is
--    the other's, so candidates come from btree lookups; two edits likewise with two deletions.
CREATE INDEX "search_terms_prefix_idx" ON "search_terms" ("term" text_pattern_ops);--> statement-breakpoint
CREATE TABLE "search_term_deletes" (
  "variant" text NOT NULL,
  "term" text NOT NULL REFERENCES "public"."search_terms"("term") ON DELETE CASCADE,
  CONSTRAINT "search_term_deletes_pk" PRIMARY KEY ("variant", "term")
);--> statement-breakpoint
CREATE FUNCTION "search_terms_add_deletes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "search_term_deletes" ("variant", "term")
  WITH d1 AS (
    SELECT DISTINCT t.term, left(t.term, i - 1) || substr(t.term, i + 1) AS v
    FROM added t, generate_series(1, length(t.term)) AS i
    WHERE length(t.term) >= 3
  )
  SELECT v, term FROM d1
  UNION
  -- Long terms also get their two-letter deletions: two edits are corrected from eight letters.
  SELECT left(d1.v, j - 1) || substr(d1.v, j + 1), d1.term
  FROM d1, generate_series(1, length(d1.v)) AS j
  WHERE length(d1.term) >= 8
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "search_terms_deletes" AFTER INSERT ON "search_terms"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "search_terms_add_deletes"();--> statement-breakpoint
CREATE FUNCTION "search_terms_collect"(texts text[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "search_terms" ("term")
  SELECT DISTINCT w FROM unnest(texts) AS t(x), regexp_split_to_table(marquee_fold(t.x), '[^[:alnum:]]+') AS w
  WHERE length(w) >= 2 AND length(w) <= 40
  ON CONFLICT ("term") DO NOTHING
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "events_collect_search_terms"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_terms_collect(ARRAY(SELECT title FROM new_events));
  RETURN NULL;
END
$$;--> statement-breakpoint
-- People and venues: both tables name the column "name".
CREATE FUNCTION "names_collect_search_terms"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_terms_collect(ARRAY(SELECT name FROM changed));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "people_search_terms_insert" AFTER INSERT ON "people"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "names_collect_search_terms"();--> statement-breakpoint
CREATE TRIGGER "people_search_terms_update" AFTER UPDATE ON "people"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "names_collect_search_terms"();--> statement-breakpoint
CREATE TRIGGER "venues_search_terms_insert" AFTER INSERT ON "venues"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "names_collect_search_terms"();--> statement-breakpoint
CREATE TRIGGER "venues_search_terms_update" AFTER UPDATE ON "venues"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "names_collect_search_terms"();--> statement-breakpoint
-- Existing terms were lower-cased but not folded: rebuild from what is there now.
DELETE FROM "search_terms";--> statement-breakpoint
SELECT search_terms_collect(ARRAY(SELECT title FROM "events" UNION ALL SELECT name FROM "venues"));
