-- Votes per resident per minute (the campaign's maxVotesPerMinute), counted in the same scan and
-- under the same lock as the budget, so concurrent votes beyond the rate are refused exactly.
DROP FUNCTION cast_vote(uuid, uuid, uuid, integer, submission_status[]);
--> statement-breakpoint
CREATE FUNCTION cast_vote(p_user uuid, p_submission uuid, p_campaign uuid, p_max integer, p_per_minute integer, p_counted submission_status[],
  OUT voted boolean, OUT used integer, OUT vote_count integer, OUT retry_after integer)
LANGUAGE plpgsql AS $$
DECLARE
  added integer := 0;
  last_minute integer;
  oldest timestamptz;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext(p_campaign::text), hashtext('votes:' || p_user::text));
  SELECT count(*) FILTER (WHERE s.status = ANY(p_counted))::integer, coalesce(bool_or(v.submission_id = p_submission), false),
         count(*) FILTER (WHERE v.created_at > clock_timestamp() - interval '1 minute')::integer,
         min(v.created_at) FILTER (WHERE v.created_at > clock_timestamp() - interval '1 minute')
    INTO used, voted, last_minute, oldest
    FROM votes v JOIN submissions s ON s.id = v.submission_id WHERE v.user_id = p_user AND v.campaign_id = p_campaign;
  IF NOT voted AND used < p_max AND last_minute >= p_per_minute THEN
    retry_after := greatest(1, ceil(extract(epoch FROM oldest + interval '1 minute' - clock_timestamp())))::integer;
  ELSIF voted OR used < p_max THEN
    INSERT INTO votes (user_id, submission_id, campaign_id, created_at) VALUES (p_user, p_submission, p_campaign, clock_timestamp())
      ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS added = ROW_COUNT;
    used := used + added;
    voted := true;
  END IF;
  IF added > 0 THEN
    UPDATE submissions s SET vote_count = s.vote_count + added WHERE s.id = p_submission RETURNING s.vote_count INTO vote_count;
  ELSE
    SELECT s.vote_count INTO vote_count FROM submissions s WHERE s.id = p_submission;
  END IF;
END
$$;
