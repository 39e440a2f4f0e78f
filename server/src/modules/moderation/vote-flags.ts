import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Database, Executor } from '../../db/client.ts';
import { statusIn } from '../../db/status-sql.ts';

/** Votes in the last hour at least this many times the entry's own hourly baseline over the 24 hours before are a burst. */
export const BURST_FACTOR = 5;
/** Below this many votes (in the hour for a burst, in the day for new accounts) nothing is flagged: a new entry's noise. */
export const FLAG_MIN_VOTES = 20;

/**
 * Flags listed entries whose voting looks organised: a burst over their own baseline, or a majority
 * of the last day's voters with accounts under 24 hours old when they voted. An entry is flagged
 * once; after a moderator resolves its flag, it is not flagged again for 24 hours. Reads the votes
 * of the last 25 hours through `votes_campaign_time_idx`. Returns how many entries it flagged.
 */
export async function flagSuspiciousVotes(db: Executor): Promise<number> {
  const { rows } = await db.execute(sql`
    WITH recent AS (
      SELECT v.submission_id,
        count(*) FILTER (WHERE v.created_at > now() - interval '1 hour')::int AS last_hour,
        (count(*) FILTER (WHERE v.created_at <= now() - interval '1 hour') / 24.0)::float8 AS baseline,
        count(*) FILTER (WHERE v.created_at > now() - interval '24 hours')::int AS last_day,
        count(*) FILTER (WHERE v.created_at > now() - interval '24 hours' AND v.created_at - u.created_at < interval '24 hours')::int AS new_accounts
      FROM votes v JOIN users u ON u.id = v.user_id
      WHERE v.campaign_id IN (SELECT id FROM campaigns) AND v.created_at > now() - interval '25 hours'
      GROUP BY v.submission_id
      HAVING count(*) FILTER (WHERE v.created_at > now() - interval '24 hours') >= ${FLAG_MIN_VOTES}
    ), suspicious AS (
      SELECT r.*, CASE WHEN r.last_hour >= ${FLAG_MIN_VOTES} AND r.last_hour >= ${BURST_FACTOR} * r.baseline THEN 'burst' ELSE 'new_accounts' END AS reason
      FROM recent r
      WHERE (r.last_hour >= ${FLAG_MIN_VOTES} AND r.last_hour >= ${BURST_FACTOR} * r.baseline) OR r.new_accounts * 2 > r.last_day
    )
    INSERT INTO vote_flags (campaign_id, submission_id, reason, votes_last_hour, hourly_baseline, voters_last_day, new_account_share)
    SELECT s.campaign_id, s.id, x.reason, x.last_hour, x.baseline, x.last_day, x.new_accounts::float8 / x.last_day
    FROM suspicious x JOIN submissions s ON s.id = x.submission_id
    WHERE ${statusIn('s.status', 'listed')}
      AND NOT EXISTS (SELECT 1 FROM vote_flags f WHERE f.submission_id = s.id AND (f.resolved_at IS NULL OR f.resolved_at > now() - interval '24 hours'))
    ON CONFLICT DO NOTHING
    RETURNING id`);
  return rows.length;
}

/** A moderator's decision on an entry resolves its flag, whatever the decision. */
export async function resolveVoteFlag(tx: Executor, submissionId: string): Promise<void> {
  await tx.execute(sql`UPDATE vote_flags SET resolved_at = now() WHERE submission_id = ${submissionId} AND resolved_at IS NULL`);
}

/** Runs the check every minute, off the request path. */
export function scheduleVoteFlags(db: Database, log: FastifyBaseLogger, intervalMs = 60_000): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() =>
      flagSuspiciousVotes(db).then(
        (flagged) => {
          if (flagged > 0) log.info({ flagged }, 'entries flagged for suspicious voting');
        },
        (error: unknown) => {
          if (!stopped) log.warn({ err: error }, 'suspicious voting not checked');
        },
      ),
    );
  }, intervalMs);
  timer.unref();
  // Stopping waits for a check under way, so that the database pool is not closed under it.
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
