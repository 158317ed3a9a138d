CREATE TABLE "search_terms" (
	"term" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE INDEX "search_terms_trgm_idx" ON "search_terms" USING gin ("term" gin_trgm_ops);--> statement-breakpoint
-- Words of titles, split the way lib/search splits queries. Statement-level with transition
-- tables so bulk inserts (the large seed) add each word once, not once per row.
CREATE FUNCTION "events_collect_search_terms"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "search_terms" ("term")
  SELECT DISTINCT w FROM new_events, regexp_split_to_table(lower(new_events.title), '[^[:alnum:]]+') AS w
  WHERE length(w) >= 2
  ON CONFLICT ("term") DO NOTHING;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "events_search_terms_insert" AFTER INSERT ON "events"
  REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION "events_collect_search_terms"();--> statement-breakpoint
CREATE TRIGGER "events_search_terms_update" AFTER UPDATE ON "events"
  REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION "events_collect_search_terms"();--> statement-breakpoint
INSERT INTO "search_terms" ("term")
SELECT DISTINCT w FROM "events", regexp_split_to_table(lower("events"."title"), '[^[:alnum:]]+') AS w
WHERE length(w) >= 2
ON CONFLICT ("term") DO NOTHING;
