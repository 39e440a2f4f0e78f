CREATE TABLE "account_counts" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"registered" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_activity" (
	"campaign_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"entries" integer DEFAULT 0 NOT NULL,
	"votes" integer DEFAULT 0 NOT NULL,
	"comparisons" integer DEFAULT 0 NOT NULL,
	"comments" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "campaign_activity_campaign_id_user_id_pk" PRIMARY KEY("campaign_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "campaign_daily_stats" (
	"campaign_id" uuid NOT NULL,
	"day" date NOT NULL,
	"shard" smallint NOT NULL,
	"entries" integer DEFAULT 0 NOT NULL,
	"votes" integer DEFAULT 0 NOT NULL,
	"support" integer DEFAULT 0 NOT NULL,
	"oppose" integer DEFAULT 0 NOT NULL,
	"neutral" integer DEFAULT 0 NOT NULL,
	"participants" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "campaign_daily_stats_campaign_id_day_shard_pk" PRIMARY KEY("campaign_id","day","shard")
);
--> statement-breakpoint
CREATE TABLE "campaign_day_participants" (
	"campaign_id" uuid NOT NULL,
	"day" date NOT NULL,
	"user_id" uuid NOT NULL,
	"activities" integer NOT NULL,
	CONSTRAINT "campaign_day_participants_campaign_id_day_user_id_pk" PRIMARY KEY("campaign_id","day","user_id")
);
--> statement-breakpoint
CREATE TABLE "campaign_district_activity" (
	"campaign_id" uuid NOT NULL,
	"district_code" text NOT NULL,
	"participants" integer DEFAULT 0 NOT NULL,
	"submitted" integer DEFAULT 0 NOT NULL,
	"voted" integer DEFAULT 0 NOT NULL,
	"commented" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "campaign_district_activity_campaign_id_district_code_pk" PRIMARY KEY("campaign_id","district_code")
);
--> statement-breakpoint
CREATE TABLE "campaign_moderation_stats" (
	"campaign_id" uuid PRIMARY KEY NOT NULL,
	"reports" integer DEFAULT 0 NOT NULL,
	"actions" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_report_delays" (
	"campaign_id" uuid NOT NULL,
	"minutes" integer NOT NULL,
	"reports" integer NOT NULL,
	CONSTRAINT "campaign_report_delays_campaign_id_minutes_pk" PRIMARY KEY("campaign_id","minutes")
);
--> statement-breakpoint
CREATE TABLE "campaign_terms" (
	"campaign_id" uuid NOT NULL,
	"term" text NOT NULL,
	"entries" integer NOT NULL,
	"submission_ids" uuid[] NOT NULL,
	CONSTRAINT "campaign_terms_campaign_id_term_pk" PRIMARY KEY("campaign_id","term")
);
--> statement-breakpoint
CREATE TABLE "submission_district_support" (
	"submission_id" uuid NOT NULL,
	"district_code" text NOT NULL,
	"supporters" integer NOT NULL,
	CONSTRAINT "submission_district_support_submission_id_district_code_pk" PRIMARY KEY("submission_id","district_code")
);
--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "terms" text[];--> statement-breakpoint
ALTER TABLE "campaign_activity" ADD CONSTRAINT "campaign_activity_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_daily_stats" ADD CONSTRAINT "campaign_daily_stats_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_day_participants" ADD CONSTRAINT "campaign_day_participants_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_district_activity" ADD CONSTRAINT "campaign_district_activity_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_moderation_stats" ADD CONSTRAINT "campaign_moderation_stats_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_report_delays" ADD CONSTRAINT "campaign_report_delays_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_terms" ADD CONSTRAINT "campaign_terms_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_district_support" ADD CONSTRAINT "submission_district_support_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_activity_user_idx" ON "campaign_activity" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "campaign_terms_top_idx" ON "campaign_terms" USING btree ("campaign_id","entries" DESC NULLS FIRST,"term");--> statement-breakpoint
-- The campaign's insights follow the rows they count, in the same transaction (ADR 0014). An
-- activity is a public entry (published, shortlisted or merged, as in policy.ts's public set,
-- counted for its author), a support vote, a valid comparison, or a comment not deleted. Days are
-- calendar days in Asia/Shanghai.
CREATE FUNCTION insight_day(p_at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT (p_at AT TIME ZONE 'Asia/Shanghai')::date
$$;
--> statement-breakpoint
CREATE FUNCTION move_district_activity(p_campaign uuid, p_district text, p_participants integer, p_submitted integer, p_voted integer, p_commented integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_participants = 0 AND p_submitted = 0 AND p_voted = 0 AND p_commented = 0 THEN RETURN; END IF;
  INSERT INTO campaign_district_activity AS d (campaign_id, district_code, participants, submitted, voted, commented)
    VALUES (p_campaign, p_district, p_participants, p_submitted, p_voted, p_commented)
    ON CONFLICT (campaign_id, district_code) DO UPDATE SET
      participants = d.participants + EXCLUDED.participants, submitted = d.submitted + EXCLUDED.submitted,
      voted = d.voted + EXCLUDED.voted, commented = d.commented + EXCLUDED.commented;
END
$$;
--> statement-breakpoint
-- One activity of an account, added (p_delta 1) or taken away (-1): the day's figures (in the
-- account's shard, so that different people's votes do not queue on one row), the day's
-- participants (the account's first or last activity that day), the account's activity by kind,
-- and its district's funnel when one of its kinds goes 0 → 1 or 1 → 0.
CREATE FUNCTION count_insight_activity(p_campaign uuid, p_user uuid, p_at timestamptz, p_kind text, p_delta integer, p_stance comment_stance DEFAULT NULL)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_day date := insight_day(p_at);
  n integer;
  first_or_last integer := 0;
  e integer; v integer; p integer; c integer;
  v_district text;
BEGIN
  INSERT INTO campaign_day_participants AS dp (campaign_id, day, user_id, activities) VALUES (p_campaign, v_day, p_user, p_delta)
    ON CONFLICT (campaign_id, day, user_id) DO UPDATE SET activities = dp.activities + p_delta
    RETURNING activities INTO n;
  IF p_delta > 0 AND n = 1 THEN first_or_last := 1; ELSIF p_delta < 0 AND n = 0 THEN first_or_last := -1; END IF;
  INSERT INTO campaign_daily_stats AS d (campaign_id, day, shard, entries, votes, support, oppose, neutral, participants)
    VALUES (p_campaign, v_day, hashtext(p_user::text) & 7,
      CASE WHEN p_kind = 'entry' THEN p_delta ELSE 0 END,
      CASE WHEN p_kind = 'vote' THEN p_delta ELSE 0 END,
      CASE WHEN p_stance = 'support' THEN p_delta ELSE 0 END,
      CASE WHEN p_stance = 'oppose' THEN p_delta ELSE 0 END,
      CASE WHEN p_stance = 'neutral' THEN p_delta ELSE 0 END,
      first_or_last)
    ON CONFLICT (campaign_id, day, shard) DO UPDATE SET
      entries = d.entries + EXCLUDED.entries, votes = d.votes + EXCLUDED.votes, support = d.support + EXCLUDED.support,
      oppose = d.oppose + EXCLUDED.oppose, neutral = d.neutral + EXCLUDED.neutral, participants = d.participants + EXCLUDED.participants;
  INSERT INTO campaign_activity AS a (campaign_id, user_id, entries, votes, comparisons, comments)
    VALUES (p_campaign, p_user,
      CASE WHEN p_kind = 'entry' THEN p_delta ELSE 0 END, CASE WHEN p_kind = 'vote' THEN p_delta ELSE 0 END,
      CASE WHEN p_kind = 'comparison' THEN p_delta ELSE 0 END, CASE WHEN p_kind = 'comment' THEN p_delta ELSE 0 END)
    ON CONFLICT (campaign_id, user_id) DO UPDATE SET
      entries = a.entries + EXCLUDED.entries, votes = a.votes + EXCLUDED.votes,
      comparisons = a.comparisons + EXCLUDED.comparisons, comments = a.comments + EXCLUDED.comments
    RETURNING a.entries, a.votes, a.comparisons, a.comments INTO e, v, p, c;
  -- Only the kind just counted moved by p_delta: was it, or the account's whole activity, at 0?
  n := CASE p_kind WHEN 'entry' THEN e WHEN 'vote' THEN v WHEN 'comparison' THEN p ELSE c END;
  IF (p_delta > 0 AND n = 1) OR (p_delta < 0 AND n = 0) THEN
    SELECT coalesce(district_code, '') INTO v_district FROM users WHERE id = p_user;
    PERFORM move_district_activity(p_campaign, coalesce(v_district, ''),
      CASE WHEN e + v + p + c = CASE WHEN p_delta > 0 THEN 1 ELSE 0 END THEN p_delta ELSE 0 END,
      CASE WHEN p_kind = 'entry' THEN p_delta ELSE 0 END,
      CASE WHEN p_kind = 'vote' THEN p_delta ELSE 0 END,
      CASE WHEN p_kind = 'comment' THEN p_delta ELSE 0 END);
  END IF;
END
$$;
--> statement-breakpoint
-- An entry's distinct terms (submissions.terms, written by the server) counted for its campaign; each
-- term keeps the ids of up to 50 of its entries (TERM_ENTRY_IDS in shared/src/insights.ts), in
-- term order so that two writers never lock the same terms the other way round.
CREATE FUNCTION count_phrase_terms(p_campaign uuid, p_id uuid, p_terms text[], p_delta integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_terms IS NULL OR cardinality(p_terms) = 0 THEN RETURN; END IF;
  IF p_delta > 0 THEN
    INSERT INTO campaign_terms AS t (campaign_id, term, entries, submission_ids)
      SELECT p_campaign, term, 1, ARRAY[p_id] FROM (SELECT DISTINCT unnest(p_terms) AS term) terms ORDER BY term
      ON CONFLICT (campaign_id, term) DO UPDATE SET entries = t.entries + 1,
        submission_ids = CASE WHEN cardinality(t.submission_ids) < 50 THEN t.submission_ids || p_id ELSE t.submission_ids END;
  ELSE
    PERFORM 1 FROM campaign_terms WHERE campaign_id = p_campaign AND term = ANY (p_terms) ORDER BY term FOR UPDATE;
    UPDATE campaign_terms SET entries = entries - 1, submission_ids = array_remove(submission_ids, p_id)
      WHERE campaign_id = p_campaign AND term = ANY (p_terms);
  END IF;
END
$$;
--> statement-breakpoint
CREATE FUNCTION submissions_keep_insights() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was boolean := false;
  is_now boolean := false;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN was := OLD.status IN ('published', 'shortlisted', 'merged'); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN is_now := NEW.status IN ('published', 'shortlisted', 'merged'); END IF;
  IF TG_OP = 'UPDATE' AND was AND is_now AND NEW.campaign_id = OLD.campaign_id AND NEW.author_id = OLD.author_id
     AND NEW.created_at = OLD.created_at AND NEW.terms IS NOT DISTINCT FROM OLD.terms THEN
    RETURN NULL;
  END IF;
  IF was THEN
    PERFORM count_insight_activity(OLD.campaign_id, OLD.author_id, OLD.created_at, 'entry', -1);
    PERFORM count_phrase_terms(OLD.campaign_id, OLD.id, OLD.terms, -1);
  END IF;
  IF is_now THEN
    PERFORM count_insight_activity(NEW.campaign_id, NEW.author_id, NEW.created_at, 'entry', 1);
    PERFORM count_phrase_terms(NEW.campaign_id, NEW.id, NEW.terms, 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Named after submissions_campaign_counts, so it fires after it: entry writes in one campaign queue on its campaign_counts row first.
CREATE TRIGGER submissions_insights
  AFTER INSERT OR DELETE OR UPDATE OF status, campaign_id, author_id, created_at, terms ON submissions
  FOR EACH ROW EXECUTE FUNCTION submissions_keep_insights();
--> statement-breakpoint
CREATE FUNCTION count_district_support(p_submission uuid, p_user uuid, p_delta integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_district text;
BEGIN
  SELECT coalesce(district_code, '') INTO v_district FROM users WHERE id = p_user;
  INSERT INTO submission_district_support AS s (submission_id, district_code, supporters) VALUES (p_submission, coalesce(v_district, ''), p_delta)
    ON CONFLICT (submission_id, district_code) DO UPDATE SET supporters = s.supporters + p_delta;
END
$$;
--> statement-breakpoint
CREATE FUNCTION votes_keep_insights() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM count_district_support(OLD.submission_id, OLD.user_id, -1);
    PERFORM count_insight_activity(OLD.campaign_id, OLD.user_id, OLD.created_at, 'vote', -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM count_district_support(NEW.submission_id, NEW.user_id, 1);
    PERFORM count_insight_activity(NEW.campaign_id, NEW.user_id, NEW.created_at, 'vote', 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER votes_insights
  AFTER INSERT OR DELETE OR UPDATE OF submission_id, campaign_id, user_id, created_at ON votes
  FOR EACH ROW EXECUTE FUNCTION votes_keep_insights();
--> statement-breakpoint
CREATE FUNCTION comparisons_keep_insights() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.valid THEN
    PERFORM count_insight_activity(OLD.campaign_id, OLD.user_id, OLD.created_at, 'comparison', -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.valid THEN
    PERFORM count_insight_activity(NEW.campaign_id, NEW.user_id, NEW.created_at, 'comparison', 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER comparisons_insights
  AFTER INSERT OR DELETE OR UPDATE OF valid, campaign_id, user_id, created_at ON comparisons
  FOR EACH ROW EXECUTE FUNCTION comparisons_keep_insights();
--> statement-breakpoint
CREATE FUNCTION comments_keep_insights() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.deleted_at IS NULL) = (NEW.deleted_at IS NULL) AND NEW.stance = OLD.stance
     AND NEW.campaign_id = OLD.campaign_id AND NEW.author_id = OLD.author_id AND NEW.created_at = OLD.created_at THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL THEN
    PERFORM count_insight_activity(OLD.campaign_id, OLD.author_id, OLD.created_at, 'comment', -1, OLD.stance);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.deleted_at IS NULL THEN
    PERFORM count_insight_activity(NEW.campaign_id, NEW.author_id, NEW.created_at, 'comment', 1, NEW.stance);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER comments_insights
  AFTER INSERT OR DELETE OR UPDATE OF deleted_at, stance, campaign_id, author_id, created_at ON comments
  FOR EACH ROW EXECUTE FUNCTION comments_keep_insights();
--> statement-breakpoint
-- An account that moves (or is erased, its district set to null) takes its participation and its
-- support votes with it; the two districts' rows are taken in code order, campaigns and entries in id order.
CREATE FUNCTION users_keep_insights() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_district text := coalesce(OLD.district_code, '');
  new_district text := coalesce(NEW.district_code, '');
  r record;
  d text;
BEGIN
  IF old_district = new_district THEN RETURN NULL; END IF;
  FOR r IN SELECT campaign_id, (entries + votes + comparisons + comments > 0)::int AS participant, (entries > 0)::int AS submitted,
      (votes > 0)::int AS voted, (comments > 0)::int AS commented
    FROM campaign_activity WHERE user_id = NEW.id ORDER BY campaign_id
  LOOP
    FOREACH d IN ARRAY ARRAY[least(old_district, new_district), greatest(old_district, new_district)] LOOP
      PERFORM move_district_activity(r.campaign_id, d,
        CASE WHEN d = old_district THEN -r.participant ELSE r.participant END,
        CASE WHEN d = old_district THEN -r.submitted ELSE r.submitted END,
        CASE WHEN d = old_district THEN -r.voted ELSE r.voted END,
        CASE WHEN d = old_district THEN -r.commented ELSE r.commented END);
    END LOOP;
  END LOOP;
  FOR r IN SELECT submission_id FROM votes WHERE user_id = NEW.id ORDER BY submission_id LOOP
    FOREACH d IN ARRAY ARRAY[least(old_district, new_district), greatest(old_district, new_district)] LOOP
      INSERT INTO submission_district_support AS s (submission_id, district_code, supporters)
        VALUES (r.submission_id, d, CASE WHEN d = old_district THEN -1 ELSE 1 END)
        ON CONFLICT (submission_id, district_code) DO UPDATE SET supporters = s.supporters + EXCLUDED.supporters;
    END LOOP;
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER users_insights AFTER UPDATE OF district_code ON users
  FOR EACH ROW EXECUTE FUNCTION users_keep_insights();
--> statement-breakpoint
CREATE FUNCTION count_report_delay(p_campaign uuid, p_created timestamptz, p_resolved timestamptz, p_delta integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_resolved IS NULL THEN RETURN; END IF;
  INSERT INTO campaign_report_delays AS r (campaign_id, minutes, reports)
    VALUES (p_campaign, floor(extract(epoch FROM p_resolved - p_created) / 60)::integer, p_delta)
    ON CONFLICT (campaign_id, minutes) DO UPDATE SET reports = r.reports + p_delta;
END
$$;
--> statement-breakpoint
CREATE FUNCTION count_moderation(p_campaign uuid, p_reports integer, p_actions integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_campaign IS NULL OR (p_reports = 0 AND p_actions = 0) THEN RETURN; END IF;
  INSERT INTO campaign_moderation_stats AS m (campaign_id, reports, actions) VALUES (p_campaign, p_reports, p_actions)
    ON CONFLICT (campaign_id) DO UPDATE SET reports = m.reports + p_reports, actions = m.actions + p_actions;
END
$$;
--> statement-breakpoint
CREATE FUNCTION reports_keep_insights() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.campaign_id = OLD.campaign_id AND NEW.created_at = OLD.created_at
     AND NEW.resolved_at IS NOT DISTINCT FROM OLD.resolved_at THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM count_moderation(OLD.campaign_id, -1, 0);
    PERFORM count_report_delay(OLD.campaign_id, OLD.created_at, OLD.resolved_at, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM count_moderation(NEW.campaign_id, 1, 0);
    PERFORM count_report_delay(NEW.campaign_id, NEW.created_at, NEW.resolved_at, 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER reports_insights
  AFTER INSERT OR DELETE OR UPDATE OF campaign_id, created_at, resolved_at ON reports
  FOR EACH ROW EXECUTE FUNCTION reports_keep_insights();
--> statement-breakpoint
CREATE FUNCTION moderation_actions_keep_insights() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM count_moderation(OLD.campaign_id, 0, -1); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM count_moderation(NEW.campaign_id, 0, 1); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER moderation_actions_insights
  AFTER INSERT OR DELETE OR UPDATE OF campaign_id ON moderation_actions
  FOR EACH ROW EXECUTE FUNCTION moderation_actions_keep_insights();
--> statement-breakpoint
CREATE FUNCTION users_count_accounts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  delta integer := 0;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL THEN delta := delta - 1; END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.deleted_at IS NULL THEN delta := delta + 1; END IF;
  IF delta <> 0 THEN
    INSERT INTO account_counts AS a (id, registered) VALUES (true, delta)
      ON CONFLICT (id) DO UPDATE SET registered = a.registered + delta;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER users_account_counts AFTER INSERT OR DELETE OR UPDATE OF deleted_at ON users
  FOR EACH ROW EXECUTE FUNCTION users_count_accounts();
--> statement-breakpoint
-- Every insight counted again from the rows: for the rows already there, and after a bulk load that
-- ran with triggers off (the benchmark's). Terms come from submissions.terms, which start-up fills in
-- for older entries through the trigger above.
CREATE FUNCTION rebuild_campaign_insights() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM campaign_daily_stats;
  DELETE FROM campaign_day_participants;
  DELETE FROM campaign_activity;
  DELETE FROM campaign_district_activity;
  DELETE FROM campaign_terms;
  DELETE FROM submission_district_support;
  DELETE FROM campaign_moderation_stats;
  DELETE FROM campaign_report_delays;
  DELETE FROM account_counts;
  INSERT INTO account_counts (id, registered) SELECT true, count(*) FROM users WHERE deleted_at IS NULL;
  CREATE TEMP TABLE insight_activities ON COMMIT DROP AS
    SELECT campaign_id, author_id AS user_id, created_at AS at, 'entry' AS kind, NULL::comment_stance AS stance
      FROM submissions WHERE status IN ('published', 'shortlisted', 'merged')
    UNION ALL SELECT campaign_id, user_id, created_at, 'vote', NULL FROM votes
    UNION ALL SELECT campaign_id, user_id, created_at, 'comparison', NULL FROM comparisons WHERE valid
    UNION ALL SELECT campaign_id, author_id, created_at, 'comment', stance FROM comments WHERE deleted_at IS NULL;
  INSERT INTO campaign_day_participants (campaign_id, day, user_id, activities)
    SELECT campaign_id, insight_day(at), user_id, count(*) FROM insight_activities GROUP BY 1, 2, 3;
  INSERT INTO campaign_daily_stats (campaign_id, day, shard, entries, votes, support, oppose, neutral, participants)
    SELECT campaign_id, day, hashtext(user_id::text) & 7, sum(entries), sum(votes), sum(support), sum(oppose), sum(neutral), count(*)
    FROM (
      SELECT campaign_id, insight_day(at) AS day, user_id,
        count(*) FILTER (WHERE kind = 'entry') AS entries, count(*) FILTER (WHERE kind = 'vote') AS votes,
        count(*) FILTER (WHERE stance = 'support') AS support, count(*) FILTER (WHERE stance = 'oppose') AS oppose,
        count(*) FILTER (WHERE stance = 'neutral') AS neutral
      FROM insight_activities GROUP BY 1, 2, 3
    ) per_account
    GROUP BY 1, 2, 3;
  INSERT INTO campaign_activity (campaign_id, user_id, entries, votes, comparisons, comments)
    SELECT campaign_id, user_id, count(*) FILTER (WHERE kind = 'entry'), count(*) FILTER (WHERE kind = 'vote'),
      count(*) FILTER (WHERE kind = 'comparison'), count(*) FILTER (WHERE kind = 'comment')
    FROM insight_activities GROUP BY 1, 2;
  INSERT INTO campaign_district_activity (campaign_id, district_code, participants, submitted, voted, commented)
    SELECT a.campaign_id, coalesce(u.district_code, ''), count(*), count(*) FILTER (WHERE a.entries > 0),
      count(*) FILTER (WHERE a.votes > 0), count(*) FILTER (WHERE a.comments > 0)
    FROM campaign_activity a JOIN users u ON u.id = a.user_id GROUP BY 1, 2;
  INSERT INTO submission_district_support (submission_id, district_code, supporters)
    SELECT v.submission_id, coalesce(u.district_code, ''), count(*) FROM votes v JOIN users u ON u.id = v.user_id GROUP BY 1, 2;
  INSERT INTO campaign_terms (campaign_id, term, entries, submission_ids)
    SELECT s.campaign_id, term, count(*), (array_agg(s.id ORDER BY s.created_at, s.id))[1:50]
    FROM submissions s CROSS JOIN LATERAL (SELECT DISTINCT unnest(s.terms) AS term) t
    WHERE s.status IN ('published', 'shortlisted', 'merged') GROUP BY 1, 2;
  INSERT INTO campaign_moderation_stats (campaign_id, reports, actions)
    SELECT c.id, (SELECT count(*) FROM reports r WHERE r.campaign_id = c.id), (SELECT count(*) FROM moderation_actions m WHERE m.campaign_id = c.id)
    FROM campaigns c;
  INSERT INTO campaign_report_delays (campaign_id, minutes, reports)
    SELECT campaign_id, floor(extract(epoch FROM resolved_at - created_at) / 60)::integer, count(*)
    FROM reports WHERE resolved_at IS NOT NULL GROUP BY 1, 2;
END
$$;
--> statement-breakpoint
SELECT rebuild_campaign_insights();
