DROP INDEX "submissions_author_idx";--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "normalized" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "bigrams" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "chars" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "search_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "search_terms" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "pending_reason" text;--> statement-breakpoint
CREATE INDEX "submissions_new_idx" ON "submissions" USING btree ("campaign_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "submissions_top_idx" ON "submissions" USING btree ("campaign_id","vote_count" DESC NULLS LAST,"created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "submissions_bigrams_idx" ON "submissions" USING gin ("bigrams");--> statement-breakpoint
CREATE INDEX "submissions_chars_idx" ON "submissions" USING gin ("chars");--> statement-breakpoint
CREATE INDEX "submissions_search_idx" ON "submissions" USING gin ("search_terms");--> statement-breakpoint
CREATE UNIQUE INDEX "submissions_normalized_key" ON "submissions" USING btree ("campaign_id","normalized") WHERE status IN ('pending', 'published', 'shortlisted') AND normalized <> '';--> statement-breakpoint
CREATE INDEX "submissions_author_idx" ON "submissions" USING btree ("author_id","campaign_id");