-- General admission zones (issue 17): a standing area or a timed-entry allowance with a capacity,
-- inside a section next to (or instead of) its seated blocks. A zone's capacity is held as that
-- many unit rows in seats (zone_id set, row_index -1, col_index the unit's number), so every
-- show has one show_seats row per unit and a quantity is taken with the same two-phase, fenced,
-- versioned protocol as reserved seats (lib/seating/acquire.ts, marquee_hold_seats): no counter
-- row that every buyer of a 10,000-place zone would queue on; buyers take disjoint unit rows
-- with FOR UPDATE SKIP LOCKED (lib/seating/zones.ts).
CREATE TYPE "public"."zone_kind" AS ENUM('STANDING', 'TIMED_ENTRY');--> statement-breakpoint
CREATE TABLE "zones" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "section_id" uuid NOT NULL REFERENCES "public"."sections"("id"),
  "name" text NOT NULL,
  "kind" "zone_kind" DEFAULT 'STANDING' NOT NULL,
  "capacity" integer NOT NULL,
  "sort_order" smallint DEFAULT 0 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "zones_capacity_range" CHECK ("capacity" BETWEEN 1 AND 30000)
);--> statement-breakpoint
CREATE UNIQUE INDEX "zones_section_name_key" ON "zones" USING btree ("section_id", lower("name"));--> statement-breakpoint
ALTER TABLE "seats" ADD COLUMN "zone_id" uuid REFERENCES "public"."zones"("id");--> statement-breakpoint
DROP INDEX IF EXISTS "seats_section_position_key";--> statement-breakpoint
CREATE UNIQUE INDEX "seats_section_position_key" ON "seats" USING btree ("section_id", "row_index", "col_index") WHERE "zone_id" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "seats_zone_unit_key" ON "seats" USING btree ("zone_id", "col_index") WHERE "zone_id" IS NOT NULL;--> statement-breakpoint
-- Denormalised from seats so a quantity request finds a zone's free units of a show by index.
ALTER TABLE "show_seats" ADD COLUMN "zone_id" uuid REFERENCES "public"."zones"("id");--> statement-breakpoint
CREATE INDEX "show_seats_zone_status_idx" ON "show_seats" USING btree ("show_id", "zone_id", "status") WHERE "zone_id" IS NOT NULL;--> statement-breakpoint
CREATE TABLE "show_zone_prices" (
  "show_id" uuid NOT NULL REFERENCES "public"."shows"("id") ON DELETE cascade,
  "zone_id" uuid NOT NULL REFERENCES "public"."zones"("id"),
  "price_minor" integer NOT NULL,
  CONSTRAINT "show_zone_prices_pkey" PRIMARY KEY ("show_id", "zone_id"),
  CONSTRAINT "show_zone_prices_nonneg" CHECK ("price_minor" >= 0)
);
