-- The filtered listing (lib/catalog/events.ts) ranks events by popularity but filters on their
-- shows (city, day, language, price), so no index of either table serves a filter and the order
-- at once: it walked events by popularity probing each one's shows, and a rare filter
-- (language "Urdu", an empty day) probed all 100k events (~1 s on the large catalog).
-- listing_shows is one row per SCHEDULED show carrying what the listing filters and sorts on,
-- the event's popularity, category and publication included, kept by the triggers below. Each
-- filter shape then has an index whose prefix is its equality filters (city, language, the
-- city's local day) followed by (popularity, event_id): an index range walked in listing order
-- that stops after a page. They INCLUDE every other column the walk reads: a filter that
-- matches little scans its whole range, and without heap visits that is ~7x faster (measured:
-- PLAY in Delhi from 5,000 rupees, no match, 35 ms → 5 ms).
CREATE TABLE "listing_shows" (
  "show_id" uuid PRIMARY KEY NOT NULL,
  "event_id" uuid NOT NULL,
  "city_id" text NOT NULL,
  -- starts_at's date in the city's time zone: the "today / tomorrow / weekend / date" filters.
  "local_day" date NOT NULL,
  "starts_at" timestamp with time zone NOT NULL,
  -- lower(shows.language): the filter is case-insensitive.
  "language" text,
  "min_price_minor" integer NOT NULL,
  "max_price_minor" integer NOT NULL,
  "currency" text NOT NULL,
  "category" "event_category" NOT NULL,
  "popularity" integer NOT NULL,
  "published" boolean NOT NULL
);--> statement-breakpoint
-- Index-only walks need the visibility map current: vacuum after 2% of rows changed, not 20%.
ALTER TABLE "listing_shows" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05);--> statement-breakpoint
CREATE FUNCTION "listing_shows_upsert"(s "shows") RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF s."status" <> 'SCHEDULED' THEN
    DELETE FROM "listing_shows" WHERE "show_id" = s."id";
    RETURN;
  END IF;
  -- FOR SHARE: an update of the event's popularity/category/status waits for this transaction
  -- (and then sees this row), or this waits for it (and reads the updated event), so neither
  -- write is lost to the other.
  INSERT INTO "listing_shows" AS l ("show_id", "event_id", "city_id", "local_day", "starts_at", "language", "min_price_minor", "max_price_minor", "currency", "category", "popularity", "published")
  SELECT s."id", s."event_id", s."city_id", (s."starts_at" AT TIME ZONE c."time_zone")::date, s."starts_at", lower(s."language"),
         s."min_price_minor", s."max_price_minor", s."currency", e."category", e."popularity", e."status" = 'PUBLISHED'
  FROM (SELECT "category", "popularity", "status" FROM "events" WHERE "id" = s."event_id" FOR SHARE) e
  CROSS JOIN (SELECT "time_zone" FROM "cities" WHERE "id" = s."city_id") c
  ON CONFLICT ("show_id") DO UPDATE SET
    "event_id" = excluded."event_id", "city_id" = excluded."city_id", "local_day" = excluded."local_day",
    "starts_at" = excluded."starts_at", "language" = excluded."language", "min_price_minor" = excluded."min_price_minor",
    "max_price_minor" = excluded."max_price_minor", "currency" = excluded."currency", "category" = excluded."category",
    "popularity" = excluded."popularity", "published" = excluded."published";
END
$$;--> statement-breakpoint
CREATE FUNCTION "shows_sync_listing"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM "listing_shows" WHERE "show_id" = OLD."id";
    RETURN NULL;
  END IF;
  PERFORM listing_shows_upsert(NEW);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "shows_sync_listing_insert_delete" AFTER INSERT OR DELETE ON "shows"
  FOR EACH ROW EXECUTE FUNCTION shows_sync_listing();--> statement-breakpoint
-- Only the columns the listing reads: pricing config or refund cutoff edits do not touch it.
CREATE TRIGGER "shows_sync_listing_update" AFTER UPDATE OF "event_id", "city_id", "starts_at", "status", "language", "min_price_minor", "max_price_minor", "currency" ON "shows"
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION shows_sync_listing();--> statement-breakpoint
CREATE FUNCTION "events_sync_listing"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "listing_shows" SET "category" = NEW."category", "popularity" = NEW."popularity", "published" = NEW."status" = 'PUBLISHED'
  WHERE "event_id" = NEW."id";
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "events_sync_listing" AFTER UPDATE OF "category", "popularity", "status" ON "events"
  FOR EACH ROW
  WHEN (OLD."category" IS DISTINCT FROM NEW."category" OR OLD."popularity" IS DISTINCT FROM NEW."popularity" OR OLD."status" IS DISTINCT FROM NEW."status")
  EXECUTE FUNCTION events_sync_listing();--> statement-breakpoint
-- Shows that already began are never listed again (whenRange starts at now at the earliest), so
-- they are not copied; ordered by the main index so its walks read the heap in order.
INSERT INTO "listing_shows" ("show_id", "event_id", "city_id", "local_day", "starts_at", "language", "min_price_minor", "max_price_minor", "currency", "category", "popularity", "published")
SELECT s."id", s."event_id", s."city_id", (s."starts_at" AT TIME ZONE c."time_zone")::date, s."starts_at", lower(s."language"),
       s."min_price_minor", s."max_price_minor", s."currency", e."category", e."popularity", e."status" = 'PUBLISHED'
FROM "shows" s JOIN "events" e ON e."id" = s."event_id" JOIN "cities" c ON c."id" = s."city_id"
WHERE s."status" = 'SCHEDULED' AND s."starts_at" >= now()
ORDER BY s."city_id", e."popularity" DESC, s."event_id" DESC;--> statement-breakpoint
CREATE INDEX "listing_shows_city_idx" ON "listing_shows" USING btree ("city_id","popularity" DESC NULLS LAST,"event_id" DESC NULLS LAST) INCLUDE ("starts_at","min_price_minor","max_price_minor","currency","category","language") WHERE "published";--> statement-breakpoint
CREATE INDEX "listing_shows_city_day_idx" ON "listing_shows" USING btree ("city_id","local_day","popularity" DESC NULLS LAST,"event_id" DESC NULLS LAST) INCLUDE ("starts_at","min_price_minor","max_price_minor","currency","category","language") WHERE "published";--> statement-breakpoint
CREATE INDEX "listing_shows_city_category_idx" ON "listing_shows" USING btree ("city_id","category","popularity" DESC NULLS LAST,"event_id" DESC NULLS LAST) INCLUDE ("starts_at","min_price_minor","max_price_minor","currency","language") WHERE "published";--> statement-breakpoint
CREATE INDEX "listing_shows_city_category_day_idx" ON "listing_shows" USING btree ("city_id","category","local_day","popularity" DESC NULLS LAST,"event_id" DESC NULLS LAST) INCLUDE ("starts_at","min_price_minor","max_price_minor","currency","language") WHERE "published";--> statement-breakpoint
CREATE INDEX "listing_shows_city_language_idx" ON "listing_shows" USING btree ("city_id","language","popularity" DESC NULLS LAST,"event_id" DESC NULLS LAST) INCLUDE ("starts_at","min_price_minor","max_price_minor","currency","category") WHERE "published";--> statement-breakpoint
CREATE INDEX "listing_shows_city_language_day_idx" ON "listing_shows" USING btree ("city_id","language","local_day","popularity" DESC NULLS LAST,"event_id" DESC NULLS LAST) INCLUDE ("starts_at","min_price_minor","max_price_minor","currency","category") WHERE "published";--> statement-breakpoint
-- Without a city (the API allows it): the same walks over every city.
CREATE INDEX "listing_shows_popularity_idx" ON "listing_shows" USING btree ("popularity" DESC NULLS LAST,"event_id" DESC NULLS LAST) INCLUDE ("starts_at","min_price_minor","max_price_minor","currency","category","language") WHERE "published";--> statement-breakpoint
CREATE INDEX "listing_shows_day_idx" ON "listing_shows" USING btree ("local_day","popularity" DESC NULLS LAST,"event_id" DESC NULLS LAST) INCLUDE ("starts_at","min_price_minor","max_price_minor","currency","category","language") WHERE "published";--> statement-breakpoint
CREATE INDEX "listing_shows_language_idx" ON "listing_shows" USING btree ("language","popularity" DESC NULLS LAST,"event_id" DESC NULLS LAST) INCLUDE ("starts_at","min_price_minor","max_price_minor","currency","category") WHERE "published";--> statement-breakpoint
CREATE INDEX "listing_shows_event_idx" ON "listing_shows" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "listing_shows_starts_idx" ON "listing_shows" USING btree ("starts_at");--> statement-breakpoint
ANALYZE "listing_shows";
