-- listing_shows_fill(since): copies every SCHEDULED show starting from `since` that listing_shows
-- lacks, set-based.
-- Bulk loads (the --large seed) insert shows with the per-row listing trigger disabled and call
-- this once: the same rows the trigger would write, minutes faster. Safe to call at any time.
CREATE FUNCTION "listing_shows_fill"(since timestamptz) RETURNS bigint LANGUAGE sql AS $$
  WITH added AS (
    INSERT INTO "listing_shows" ("show_id", "event_id", "city_id", "local_day", "starts_at", "language", "min_price_minor", "max_price_minor", "currency", "category", "popularity", "published")
    SELECT s."id", s."event_id", s."city_id", (s."starts_at" AT TIME ZONE c."time_zone")::date, s."starts_at", lower(s."language"),
           s."min_price_minor", s."max_price_minor", s."currency", e."category", e."popularity", e."status" = 'PUBLISHED'
    FROM "shows" s JOIN "events" e ON e."id" = s."event_id" JOIN "cities" c ON c."id" = s."city_id"
    WHERE s."status" = 'SCHEDULED' AND s."starts_at" >= since
      AND NOT EXISTS (SELECT 1 FROM "listing_shows" l WHERE l."show_id" = s."id")
    ORDER BY s."city_id", e."popularity" DESC, s."event_id" DESC
    ON CONFLICT ("show_id") DO NOTHING
    RETURNING 1
  )
  SELECT count(*) FROM added
$$;
