-- Check-in answers why a ticket does not admit (lib/checkin/checkin.ts): outside the show's door
-- window, or the booking was cancelled / refunded (a refunded ticket is not a WRONG_SHOW).
ALTER TYPE "public"."scan_result" ADD VALUE IF NOT EXISTS 'TOO_EARLY';--> statement-breakpoint
ALTER TYPE "public"."scan_result" ADD VALUE IF NOT EXISTS 'TOO_LATE';--> statement-breakpoint
ALTER TYPE "public"."scan_result" ADD VALUE IF NOT EXISTS 'CANCELLED';--> statement-breakpoint
ALTER TYPE "public"."scan_result" ADD VALUE IF NOT EXISTS 'REFUNDED';--> statement-breakpoint
-- Who created an event: staff may edit and publish events they created, or that have shows at
-- their venues (lib/admin/events.ts). Seeded and older events have none.
ALTER TABLE "events" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
