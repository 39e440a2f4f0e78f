-- A resident's budget counts only votes on the entries given in p_counted (the policy's listed
-- statuses, passed by the server): a vote on an entry that left the lists (withdrawn, hidden,
-- rejected, merged away) gives its place back. The vote row stays, so the entry's count and the
-- voter's right to take it back stay too. Whether the voter already supports this entry is read
-- from every vote, counted or not.
DROP FUNCTION cast_vote(uuid, uuid, uuid, integer);
--> statement-breakpoint
DROP FUNCTION withdraw_vote(uuid, uuid, uuid);
--> statement-breakpoint
CREATE FUNCTION cast_vote(p_user uuid, p_submission uuid, p_campaign uuid, p_max integer, p_counted submission_status[],
  OUT voted boolean, OUT used integer, OUT vote_count integer)
LANGUAGE plpgsql AS $$
DECLARE
  added integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext(p_campaign::text), hashtext('votes:' || p_user::text));
  SELECT count(*) FILTER (WHERE s.status = ANY(p_counted))::integer, coalesce(bool_or(v.submission_id = p_submission), false) INTO used, voted
    FROM votes v JOIN submissions s ON s.id = v.submission_id WHERE v.user_id = p_user AND v.campaign_id = p_campaign;
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
CREATE FUNCTION withdraw_vote(p_user uuid, p_submission uuid, p_campaign uuid, p_counted submission_status[],
  OUT used integer, OUT vote_count integer)
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext(p_campaign::text), hashtext('votes:' || p_user::text));
  DELETE FROM votes v WHERE v.user_id = p_user AND v.submission_id = p_submission;
  IF FOUND THEN
    UPDATE submissions s SET vote_count = s.vote_count - 1 WHERE s.id = p_submission RETURNING s.vote_count INTO vote_count;
  ELSE
    SELECT s.vote_count INTO vote_count FROM submissions s WHERE s.id = p_submission;
  END IF;
  SELECT count(*)::integer INTO used FROM votes v JOIN submissions s ON s.id = v.submission_id
    WHERE v.user_id = p_user AND v.campaign_id = p_campaign AND s.status = ANY(p_counted);
END
$$;
