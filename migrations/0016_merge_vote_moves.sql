CREATE TABLE "merge_vote_moves" (
	"action_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"voted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "merge_vote_moves_action_id_user_id_pk" PRIMARY KEY("action_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "merge_vote_moves" ADD CONSTRAINT "merge_vote_moves_action_id_moderation_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."moderation_actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_vote_moves" ADD CONSTRAINT "merge_vote_moves_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "merge_vote_moves_user_idx" ON "merge_vote_moves" USING btree ("user_id");