-- A support vote and its withdrawal, each one statement from the server (votes/service.ts decides
-- the rules first). Both change the vote row and the entry's counter in one transaction.

-- The advisory lock serialises one resident's votes in a campaign; each statement after it reads a
-- fresh snapshot, so the budget holds exactly under racing requests. voted = false: the budget is
-- used up and nothing changed.
CREATE FUNCTION cast_vote(p_user uuid, p_submission uuid, p_campaign uuid, p_max integer,
  OUT voted boolean, OUT used integer, OUT vote_count integer)
LANGUAGE plpgsql AS $$
DECLARE
  added integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext(p_campaign::text), hashtext('votes:' || p_user::text));
  SELECT count(*)::integer, coalesce(bool_or(v.submission_id = p_submission), false) INTO used, voted
    FROM votes v WHERE v.user_id = p_user AND v.campaign_id = p_campaign;
  IF voted OR used < p_max THEN
    INSERT INTO votes (user_id, submission_id, campaign_id) VALUES (p_user, p_submission, p_campaign)
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
--> statement-breakpoint
-- Idempotent: withdrawing a vote that does not exist changes nothing.
CREATE FUNCTION withdraw_vote(p_user uuid, p_submission uuid, p_campaign uuid,
  OUT used integer, OUT vote_count integer)
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM votes v WHERE v.user_id = p_user AND v.submission_id = p_submission;
  IF FOUND THEN
    UPDATE submissions s SET vote_count = s.vote_count - 1 WHERE s.id = p_submission RETURNING s.vote_count INTO vote_count;
  ELSE
    SELECT s.vote_count INTO vote_count FROM submissions s WHERE s.id = p_submission;
  END IF;
  SELECT count(*)::integer INTO used FROM votes v WHERE v.user_id = p_user AND v.campaign_id = p_campaign;
END
$$;
