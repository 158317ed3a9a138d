-- Issue 22: partner API keys. A key is `mqk_<public_id>_<secret>`; only the public id (to find the
-- row) and a SHA-256 of the secret are kept, never the key. A high-entropy random secret needs no
-- slow hash: nobody can guess their way to a preimage, so a fast one is as safe and costs nothing
-- per request.
CREATE TABLE "api_keys" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "name" text NOT NULL,
  "public_id" text NOT NULL,
  "secret_hash" text NOT NULL,
  "scopes" text[] NOT NULL,
  "venue_ids" uuid[] NOT NULL DEFAULT '{}',
  "created_by" uuid NOT NULL REFERENCES "public"."users"("id"),
  "created_at" timestamp with time zone NOT NULL DEFAULT now(),
  "expires_at" timestamp with time zone,
  "revoked_at" timestamp with time zone,
  "revoked_by" uuid REFERENCES "public"."users"("id"),
  "last_used_at" timestamp with time zone,
  "rate_limit_per_minute" integer NOT NULL DEFAULT 600,
  CONSTRAINT "api_keys_public_id_key" UNIQUE ("public_id"),
  CONSTRAINT "api_keys_name_len" CHECK (char_length("name") BETWEEN 1 AND 80),
  CONSTRAINT "api_keys_secret_hash_hex" CHECK ("secret_hash" ~ '^[0-9a-f]{64}$'),
  CONSTRAINT "api_keys_scopes_known" CHECK (cardinality("scopes") > 0 AND "scopes" <@ ARRAY['catalog:read', 'bookings:write', 'venue:manage']::text[]),
  -- Venues are what venue:manage is limited to: required with it, meaningless without it.
  CONSTRAINT "api_keys_venues_iff_manage" CHECK (('venue:manage' = ANY ("scopes")) = (cardinality("venue_ids") > 0)),
  CONSTRAINT "api_keys_rate_limit" CHECK ("rate_limit_per_minute" BETWEEN 1 AND 100000),
  CONSTRAINT "api_keys_revoked_by" CHECK (("revoked_at" IS NULL) = ("revoked_by" IS NULL))
);--> statement-breakpoint
CREATE INDEX "api_keys_created_idx" ON "api_keys" USING btree ("created_at" DESC);--> statement-breakpoint
-- Bookings a partner made with a key (shown to staff as "via <key name>").
ALTER TABLE "bookings" ADD COLUMN "api_key_id" uuid REFERENCES "public"."api_keys"("id");--> statement-breakpoint
-- Customer accounts a partner key opened for an On-Behalf-Of email (no password yet).
ALTER TABLE "users" ADD COLUMN "created_by_api_key_id" uuid REFERENCES "public"."api_keys"("id");--> statement-breakpoint
-- Waitlist places a partner took for a customer: the partner sees them, and the booking an offer opens is the partner's too.
ALTER TABLE "waitlist_entries" ADD COLUMN "api_key_id" uuid REFERENCES "public"."api_keys"("id");
