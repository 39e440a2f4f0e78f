-- The browse lists sort by created_at DESC and vote_count DESC, which PostgreSQL reads as NULLS FIRST.
-- Built with NULLS LAST, these indexes could not serve those orders: every list sorted all the
-- campaign's entries (83 ms for the first page of sort=new at 100 000 entries).
DROP INDEX "submissions_new_idx";--> statement-breakpoint
DROP INDEX "submissions_top_idx";--> statement-breakpoint
CREATE INDEX "submissions_new_idx" ON "submissions" USING btree ("campaign_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "submissions_top_idx" ON "submissions" USING btree ("campaign_id","vote_count" DESC NULLS FIRST,"created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);