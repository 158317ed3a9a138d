-- Issue 17, the groundwork two features share.
-- 1. COMPANION seats: the seat beside a wheelchair space, sold only together with it (the rule
--    lives in lib/seating, at hold time). Not used in this migration, so ADD VALUE is safe in
--    the migrator's transaction.
ALTER TYPE "public"."seat_type" ADD VALUE IF NOT EXISTS 'COMPANION';--> statement-breakpoint
-- 2. Check-in by person, not by booking: a general admission ticket admits N people, in parts
--    (2 of 4 now, 2 later). One row per admitted seat or zone unit; the unique (booking, seat)
--    admits each once, however many devices scan at the same moment. Existing check-ins admitted
--    whole bookings, so they become one row per seat of the booking.
ALTER TABLE "checkins" DROP CONSTRAINT "checkins_booking_id_unique";--> statement-breakpoint
ALTER TABLE "checkins" ADD COLUMN "seat_id" uuid REFERENCES "public"."seats"("id");--> statement-breakpoint
INSERT INTO "checkins" (booking_id, show_id, scanned_by, device_id, scanned_at, offline, created_at, seat_id)
  SELECT c.booking_id, c.show_id, c.scanned_by, c.device_id, c.scanned_at, c.offline, c.created_at, bs.seat_id
  FROM "checkins" c JOIN "booking_seats" bs ON bs.booking_id = c.booking_id
  WHERE c.seat_id IS NULL;--> statement-breakpoint
DELETE FROM "checkins" WHERE seat_id IS NULL;--> statement-breakpoint
ALTER TABLE "checkins" ALTER COLUMN "seat_id" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "checkins_booking_seat_key" ON "checkins" USING btree ("booking_id", "seat_id");
