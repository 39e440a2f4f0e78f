CREATE TABLE "similar_pairs" (
	"campaign_id" uuid NOT NULL,
	"low_id" uuid NOT NULL,
	"high_id" uuid NOT NULL,
	"similarity" double precision NOT NULL,
	CONSTRAINT "similar_pairs_low_id_high_id_pk" PRIMARY KEY("low_id","high_id")
);
--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "pairs_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "similar_pairs" ADD CONSTRAINT "similar_pairs_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "similar_pairs_campaign_idx" ON "similar_pairs" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "similar_pairs_high_idx" ON "similar_pairs" USING btree ("high_id");--> statement-breakpoint
CREATE INDEX "submissions_pairs_unchecked_idx" ON "submissions" USING btree ("created_at") WHERE pairs_checked_at IS NULL;