CREATE TYPE "public"."draft_status" AS ENUM('draft', 'published', 'adopted');--> statement-breakpoint
CREATE TYPE "public"."endorsement_stance" AS ENUM('endorse', 'object');--> statement-breakpoint
CREATE TYPE "public"."panel_note_target" AS ENUM('submission', 'draft');--> statement-breakpoint
CREATE TABLE "assessments" (
	"submission_id" uuid NOT NULL,
	"expert_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"scores" jsonb NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessments_submission_id_expert_id_pk" PRIMARY KEY("submission_id","expert_id")
);
--> statement-breakpoint
CREATE TABLE "draft_endorsements" (
	"draft_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"expert_id" uuid NOT NULL,
	"stance" "endorsement_stance" NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "draft_endorsements_draft_id_version_expert_id_pk" PRIMARY KEY("draft_id","version","expert_id")
);
--> statement-breakpoint
CREATE TABLE "draft_versions" (
	"draft_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"text" text NOT NULL,
	"rationale" text NOT NULL,
	"source_submission_ids" uuid[] NOT NULL,
	"author_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "draft_versions_draft_id_number_pk" PRIMARY KEY("draft_id","number")
);
--> statement-breakpoint
CREATE TABLE "draft_votes" (
	"campaign_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"draft_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "draft_votes_campaign_id_user_id_pk" PRIMARY KEY("campaign_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "drafts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"status" "draft_status" DEFAULT 'draft' NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"endorsements" integer DEFAULT 0 NOT NULL,
	"objections" integer DEFAULT 0 NOT NULL,
	"vote_count" integer DEFAULT 0 NOT NULL,
	"comment_count" integer DEFAULT 0 NOT NULL,
	"published_at" timestamp with time zone,
	"adopted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "panel_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"target_type" "panel_note_target" NOT NULL,
	"target_id" uuid NOT NULL,
	"parent_id" uuid,
	"depth" smallint NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stage_transitions" (
	"campaign_id" uuid NOT NULL,
	"stage" "stage" NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stage_transitions_campaign_id_stage_pk" PRIMARY KEY("campaign_id","stage")
);
--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_expert_id_users_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draft_endorsements" ADD CONSTRAINT "draft_endorsements_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draft_endorsements" ADD CONSTRAINT "draft_endorsements_expert_id_users_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draft_versions" ADD CONSTRAINT "draft_versions_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draft_versions" ADD CONSTRAINT "draft_versions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draft_votes" ADD CONSTRAINT "draft_votes_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draft_votes" ADD CONSTRAINT "draft_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draft_votes" ADD CONSTRAINT "draft_votes_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_notes" ADD CONSTRAINT "panel_notes_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_notes" ADD CONSTRAINT "panel_notes_parent_id_panel_notes_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."panel_notes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_notes" ADD CONSTRAINT "panel_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_transitions" ADD CONSTRAINT "stage_transitions_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessments_campaign_idx" ON "assessments" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "draft_endorsements_expert_idx" ON "draft_endorsements" USING btree ("expert_id");--> statement-breakpoint
CREATE INDEX "draft_versions_author_idx" ON "draft_versions" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "draft_votes_draft_idx" ON "draft_votes" USING btree ("draft_id");--> statement-breakpoint
CREATE INDEX "draft_votes_user_idx" ON "draft_votes" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "drafts_campaign_idx" ON "drafts" USING btree ("campaign_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "drafts_one_adopted_key" ON "drafts" USING btree ("campaign_id") WHERE status IN ('adopted');--> statement-breakpoint
CREATE INDEX "panel_notes_target_idx" ON "panel_notes" USING btree ("target_type","target_id","created_at");--> statement-breakpoint
CREATE INDEX "panel_notes_author_idx" ON "panel_notes" USING btree ("author_id");--> statement-breakpointCREATE FUNCTION draft_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'draft versions are immutable: write a new version instead'
    USING ERRCODE = 'restrict_violation';
END $$;--> statement-breakpoint
CREATE TRIGGER draft_versions_immutable BEFORE UPDATE OR DELETE ON "draft_versions"
  FOR EACH ROW EXECUTE FUNCTION draft_versions_immutable();--> statement-breakpoint
CREATE TRIGGER draft_versions_no_truncate BEFORE TRUNCATE ON "draft_versions"
  FOR EACH STATEMENT EXECUTE FUNCTION draft_versions_immutable();--> statement-breakpoint
INSERT INTO "stage_transitions" ("campaign_id", "stage", "started_at")
  SELECT id, 'collect', created_at FROM "campaigns";--> statement-breakpoint
INSERT INTO "stage_transitions" ("campaign_id", "stage", "started_at")
  SELECT DISTINCT ON (c.id, a.details->>'to') c.id, (a.details->>'to')::stage, a.created_at
  FROM "audit_log" a JOIN "campaigns" c ON c.id::text = a.target_id
  WHERE a.action = 'campaign.stage_changed' AND a.details->>'to' IS NOT NULL
  ORDER BY c.id, a.details->>'to', a.created_at
  ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "stage_transitions" ("campaign_id", "stage", "started_at")
  SELECT c.id, s.stage, c.updated_at
  FROM "campaigns" c CROSS JOIN unnest(enum_range(NULL::stage)) AS s(stage)
  WHERE s.stage <= c.stage
  ON CONFLICT DO NOTHING;
