CREATE TYPE "public"."pair_choice" AS ENUM('left', 'right', 'skip');--> statement-breakpoint
CREATE TABLE "comparisons" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"token" text NOT NULL,
	"left_id" uuid NOT NULL,
	"right_id" uuid NOT NULL,
	"choice" "pair_choice" NOT NULL,
	"valid" boolean NOT NULL,
	"invalid_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pair_tokens" (
	"token" text PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"left_id" uuid NOT NULL,
	"right_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "comparison_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "comparisons" ADD CONSTRAINT "comparisons_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparisons" ADD CONSTRAINT "comparisons_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pair_tokens" ADD CONSTRAINT "pair_tokens_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pair_tokens" ADD CONSTRAINT "pair_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pair_tokens" ADD CONSTRAINT "pair_tokens_left_id_submissions_id_fk" FOREIGN KEY ("left_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pair_tokens" ADD CONSTRAINT "pair_tokens_right_id_submissions_id_fk" FOREIGN KEY ("right_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "comparisons_campaign_idx" ON "comparisons" USING btree ("campaign_id","valid");--> statement-breakpoint
CREATE INDEX "pair_tokens_user_idx" ON "pair_tokens" USING btree ("user_id","campaign_id");