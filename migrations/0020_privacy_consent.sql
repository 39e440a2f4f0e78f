ALTER TABLE "users" ADD COLUMN "privacy_consent_version" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "privacy_consent_at" timestamp with time zone;