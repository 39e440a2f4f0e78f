-- withdraw_vote takes the same lock as cast_vote: a withdrawal racing a vote of the same resident
-- could otherwise land between cast_vote's count and its insert, and the budget it reported
-- would be one too high (the rows and the counter were right either way).
CREATE OR REPLACE FUNCTION withdraw_vote(p_user uuid, p_submission uuid, p_campaign uuid,
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
  SELECT count(*)::integer INTO used FROM votes v WHERE v.user_id = p_user AND v.campaign_id = p_campaign;
END
$$;
