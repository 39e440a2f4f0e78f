-- Pair choice in big campaigns samples entries by their number of comparisons (pair-choice.ts,
-- sampledPair): pair_key is a random place among the entries with as many comparisons, drawn again
-- whenever the entry is compared, and the partial index walks a group from a random point.
ALTER TABLE "submissions" ADD COLUMN "pair_key" double precision DEFAULT random() NOT NULL;--> statement-breakpoint
CREATE INDEX "submissions_pair_idx" ON "submissions" USING btree ("campaign_id","comparison_count","pair_key") WHERE status IN ('published', 'shortlisted');