DROP INDEX "events_category_popularity_idx";--> statement-breakpoint
DROP INDEX "events_popularity_idx";--> statement-breakpoint
CREATE INDEX "shows_listing_idx" ON "shows" USING btree ("event_id","city_id","starts_at","min_price_minor") WHERE "shows"."status" = 'SCHEDULED';--> statement-breakpoint
CREATE INDEX "events_category_popularity_idx" ON "events" USING btree ("category","popularity" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "events_popularity_idx" ON "events" USING btree ("popularity" DESC NULLS LAST,"id" DESC NULLS LAST);