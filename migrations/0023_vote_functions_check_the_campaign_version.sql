-- A vote in one statement after the session lookup. The functions read the entry themselves (its
-- status and author, for the caller's visibility rule) and take the campaign's row version
-- (campaigns.xmin, as text) on which the caller decided the stage and settings rules: a campaign
-- changed since then (a stage or settings change, from any instance or by hand) answers 'stale' and
-- changes nothing, and the caller decides again on the row read afresh. An entry that is not in
-- p_counted (the policy's listed statuses) is never supported ('unlisted'); an entry that does not
-- exist, or is not in p_campaign, answers 'missing'.
DROP FUNCTION cast_vote(uuid, uuid, uuid, integer, integer, submission_status[]);
--> statement-breakpoint
DROP FUNCTION withdraw_vote(uuid, uuid, uuid, submission_status[]);
--> statement-breakpoint
-- The entry as both functions read it, and whether the vote may go on: outcome is null when the
-- entry is in p_campaign and the campaign row is still at p_version, else 'missing' or 'stale'.
CREATE FUNCTION vote_target(p_submission uuid, p_campaign uuid, p_version text,
  OUT outcome text, OUT entry_status submission_status, OUT entry_author uuid)
LANGUAGE plpgsql AS $$
DECLARE
  entry_campaign uuid;
BEGIN
  SELECT s.status, s.author_id, s.campaign_id INTO entry_status, entry_author, entry_campaign FROM submissions s WHERE s.id = p_submission;
  IF NOT FOUND OR entry_campaign <> p_campaign THEN
    outcome := 'missing';
  ELSIF NOT EXISTS (SELECT 1 FROM campaigns c WHERE c.id = p_campaign AND c.xmin::text = p_version) THEN
    outcome := 'stale';
  END IF;
END
$$;
--> statement-breakpoint
CREATE FUNCTION cast_vote(p_user uuid, p_submission uuid, p_campaign uuid, p_version text, p_max integer, p_per_minute integer, p_counted submission_status[],
  OUT outcome text, OUT used integer, OUT vote_count integer, OUT retry_after integer, OUT entry_status submission_status, OUT entry_author uuid)
LANGUAGE plpgsql AS $$
DECLARE
  added integer := 0;
  voted boolean;
  last_minute integer;
  oldest timestamptz;
BEGIN
  SELECT t.outcome, t.entry_status, t.entry_author INTO outcome, entry_status, entry_author FROM vote_target(p_submission, p_campaign, p_version) t;
  IF outcome IS NOT NULL THEN
    RETURN;
  END IF;
  IF NOT (entry_status = ANY(p_counted)) THEN
    outcome := 'unlisted';
    RETURN;
  END IF;
  -- One resident's votes in a campaign one at a time, so the budget and the per-minute rate hold exactly.
  PERFORM pg_advisory_xact_lock(hashtext(p_campaign::text), hashtext('votes:' || p_user::text));
  SELECT count(*) FILTER (WHERE s.status = ANY(p_counted))::integer, coalesce(bool_or(v.submission_id = p_submission), false),
         count(*) FILTER (WHERE v.created_at > clock_timestamp() - interval '1 minute')::integer,
         min(v.created_at) FILTER (WHERE v.created_at > clock_timestamp() - interval '1 minute')
    INTO used, voted, last_minute, oldest
    FROM votes v JOIN submissions s ON s.id = v.submission_id WHERE v.user_id = p_user AND v.campaign_id = p_campaign;
  IF NOT voted AND used < p_max AND last_minute >= p_per_minute THEN
    retry_after := greatest(1, ceil(extract(epoch FROM oldest + interval '1 minute' - clock_timestamp())))::integer;
    outcome := 'rate';
  ELSIF voted OR used < p_max THEN
    INSERT INTO votes (user_id, submission_id, campaign_id, created_at) VALUES (p_user, p_submission, p_campaign, clock_timestamp())
      ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS added = ROW_COUNT;
    used := used + added;
    outcome := 'cast';
  ELSE
    outcome := 'limit';
  END IF;
  IF added > 0 THEN
    UPDATE submissions s SET vote_count = s.vote_count + added WHERE s.id = p_submission RETURNING s.vote_count INTO vote_count;
  ELSE
    SELECT s.vote_count INTO vote_count FROM submissions s WHERE s.id = p_submission;
  END IF;
END
$$;
--> statement-breakpoint
-- outcome 'removed' or 'absent' (the resident held no vote on it; the caller's visibility rule then
-- decides between an idempotent answer and 404), or 'stale' and 'missing' as above.
CREATE FUNCTION withdraw_vote(p_user uuid, p_submission uuid, p_campaign uuid, p_version text, p_counted submission_status[],
  OUT outcome text, OUT used integer, OUT vote_count integer, OUT entry_status submission_status, OUT entry_author uuid)
LANGUAGE plpgsql AS $$
BEGIN
  SELECT t.outcome, t.entry_status, t.entry_author INTO outcome, entry_status, entry_author FROM vote_target(p_submission, p_campaign, p_version) t;
  IF outcome IS NOT NULL THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext(p_campaign::text), hashtext('votes:' || p_user::text));
  DELETE FROM votes v WHERE v.user_id = p_user AND v.submission_id = p_submission;
  IF FOUND THEN
    outcome := 'removed';
    UPDATE submissions s SET vote_count = s.vote_count - 1 WHERE s.id = p_submission RETURNING s.vote_count INTO vote_count;
  ELSE
    outcome := 'absent';
    SELECT s.vote_count INTO vote_count FROM submissions s WHERE s.id = p_submission;
  END IF;
  SELECT count(*)::integer INTO used FROM votes v JOIN submissions s ON s.id = v.submission_id
    WHERE v.user_id = p_user AND v.campaign_id = p_campaign AND s.status = ANY(p_counted);
END
$$;
