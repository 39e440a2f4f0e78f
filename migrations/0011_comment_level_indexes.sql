DROP INDEX "comments_top_idx";--> statement-breakpoint
DROP INDEX "comments_new_idx";--> statement-breakpoint
CREATE INDEX "comments_level_top_idx" ON "comments" USING btree ("target_type","target_id","wilson" DESC NULLS FIRST,"created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE parent_id IS NULL;--> statement-breakpoint
CREATE INDEX "comments_level_new_idx" ON "comments" USING btree ("target_type","target_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE parent_id IS NULL;--> statement-breakpoint
CREATE INDEX "comments_replies_top_idx" ON "comments" USING btree ("parent_id","wilson" DESC NULLS FIRST,"created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "comments_replies_new_idx" ON "comments" USING btree ("parent_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);