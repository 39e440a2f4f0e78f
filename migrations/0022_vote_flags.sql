CREATE TABLE "vote_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"submission_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"votes_last_hour" integer NOT NULL,
	"hourly_baseline" double precision NOT NULL,
	"voters_last_day" integer NOT NULL,
	"new_account_share" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "vote_flags" ADD CONSTRAINT "vote_flags_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_flags" ADD CONSTRAINT "vote_flags_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "vote_flags_open_idx" ON "vote_flags" USING btree ("submission_id") WHERE resolved_at IS NULL;--> statement-breakpoint
CREATE INDEX "vote_flags_campaign_idx" ON "vote_flags" USING btree ("campaign_id","created_at");--> statement-breakpoint
CREATE INDEX "vote_flags_submission_idx" ON "vote_flags" USING btree ("submission_id","created_at");