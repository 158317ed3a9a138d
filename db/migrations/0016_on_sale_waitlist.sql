-- Issue 18: on-sale times with a waiting room in front of a show's inventory, and a waitlist for
-- sold-out shows.
-- 1. A show's on-sale: before on_sale_at nobody holds seats. With waiting_room on, buyers queue and
--    are admitted at admit_per_minute; `admitted` is how many queue places are through (fractional:
--    the rate carries over between ticks), `ticked_at` when it last moved. The room closes
--    (closed_at, closed_reason) when the show sells out or staff end it.
CREATE TABLE "on_sales" (
  "show_id" uuid PRIMARY KEY NOT NULL REFERENCES "public"."shows"("id") ON DELETE CASCADE,
  "on_sale_at" timestamp with time zone NOT NULL,
  "waiting_room" boolean NOT NULL DEFAULT false,
  "admit_per_minute" integer NOT NULL DEFAULT 200,
  "admitted" double precision NOT NULL DEFAULT 0,
  "ticked_at" timestamp with time zone,
  "paused" boolean NOT NULL DEFAULT false,
  "closed_at" timestamp with time zone,
  "closed_reason" text,
  "updated_by" uuid REFERENCES "public"."users"("id"),
  "created_at" timestamp with time zone NOT NULL DEFAULT now(),
  "updated_at" timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT "on_sales_rate" CHECK ("admit_per_minute" BETWEEN 1 AND 100000),
  CONSTRAINT "on_sales_closed_reason" CHECK ("closed_reason" IS NULL OR "closed_reason" IN ('SOLD_OUT', 'ENDED'))
);--> statement-breakpoint
-- 2. The waiting room's queue when Redis is not configured (with Redis it is a sorted set). One place
--    per account and show. sort_key: a random number in [0, 1) for those who joined before the
--    on-sale (a random order among them), 1 + a sequence number after it (first come, first served).
--    position: fixed once the early order can no longer change.
CREATE SEQUENCE "queue_entries_seq";--> statement-breakpoint
CREATE TABLE "queue_entries" (
  "show_id" uuid NOT NULL REFERENCES "public"."shows"("id") ON DELETE CASCADE,
  "user_id" uuid NOT NULL REFERENCES "public"."users"("id"),
  "sort_key" double precision NOT NULL,
  "position" integer,
  "joined_at" timestamp with time zone NOT NULL DEFAULT now(),
  PRIMARY KEY ("show_id", "user_id")
);--> statement-breakpoint
CREATE INDEX "queue_entries_order_idx" ON "queue_entries" USING btree ("show_id", "sort_key");--> statement-breakpoint
-- 3. The waitlist: a signed-in user waits for `quantity` places of a sold-out show, reserved seats
--    (zone_id NULL) or one general admission zone. When places come back the first in line that
--    they can serve gets them held (booking_id, until offer_expires_at) and an offer.
CREATE TABLE "waitlist_entries" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "show_id" uuid NOT NULL REFERENCES "public"."shows"("id") ON DELETE CASCADE,
  "zone_id" uuid REFERENCES "public"."zones"("id"),
  "user_id" uuid NOT NULL REFERENCES "public"."users"("id"),
  "quantity" smallint NOT NULL,
  "status" text NOT NULL DEFAULT 'WAITING',
  "booking_id" uuid REFERENCES "public"."bookings"("id"),
  "offered_at" timestamp with time zone,
  "offer_expires_at" timestamp with time zone,
  "closed_at" timestamp with time zone,
  "created_at" timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT "waitlist_quantity" CHECK ("quantity" BETWEEN 1 AND 10),
  CONSTRAINT "waitlist_status" CHECK ("status" IN ('WAITING', 'OFFERED', 'CLAIMED', 'LAPSED', 'LEFT', 'CLOSED'))
);--> statement-breakpoint
-- One live entry per user, show and zone.
CREATE UNIQUE INDEX "waitlist_one_live_key" ON "waitlist_entries" USING btree ("show_id", "user_id", coalesce("zone_id", '00000000-0000-0000-0000-000000000000'::uuid)) WHERE "status" IN ('WAITING', 'OFFERED');--> statement-breakpoint
CREATE INDEX "waitlist_line_idx" ON "waitlist_entries" USING btree ("show_id", "created_at") WHERE "status" = 'WAITING';--> statement-breakpoint
CREATE INDEX "waitlist_offered_idx" ON "waitlist_entries" USING btree ("offer_expires_at") WHERE "status" = 'OFFERED';--> statement-breakpoint
CREATE INDEX "waitlist_user_idx" ON "waitlist_entries" USING btree ("user_id", "created_at");
