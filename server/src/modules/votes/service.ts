import { eq, sql } from 'drizzle-orm';
import type { Role, VoteResult } from '@city-spirit/shared';
import { preparedStatement, type Database, type Executor } from '../../db/client.ts';
import { campaigns, submissions } from '../../db/schema.ts';
import { AppError, conflict, forbidden, notFound, rateLimited } from '../../errors.ts';
import { canSeeSubmission, inStatusSet, isStaff, voteCountsHiddenInStage } from '@city-spirit/shared';
import { statusArray, statusIn } from '../../db/status-sql.ts';
import { campaignRules, toCampaignRules, type CampaignRules } from '../campaigns/service.ts';
import { assertStageAllows } from '../campaigns/stages.ts';

/** The signed-in resident as the session lookup read them. */
export type Voter = { id: string; role: Role; verified: boolean };

/** A campaign that counts verified residents' votes only refuses the others (support votes and draft votes alike). */
export function assertVoterCounts(campaign: CampaignRules, voter: { verified: boolean }): void {
  if (campaign.settings.votingRequiresVerification && !voter.verified) {
    throw forbidden('This campaign counts votes from verified residents only: verify your mobile number on your account page first.');
  }
}

/** Vote counts stay hidden from residents while the campaign says so, until the discuss stage ends. */
export function voteCountsHiddenFor(campaign: CampaignRules, viewer: { role: Role } | null): boolean {
  return voteCountsHiddenInStage(campaign) && !isStaff(viewer);
}

async function budget(tx: Executor, campaign: CampaignRules, voterId: string) {
  const { rows } = await tx.execute<{ n: string }>(sql`
    SELECT count(*) AS n FROM votes v JOIN submissions s ON s.id = v.submission_id
    WHERE v.user_id = ${voterId} AND v.campaign_id = ${campaign.id} AND ${statusIn('s.status', 'listed')}`);
  const used = Number(rows[0]?.n ?? 0);
  const max = campaign.settings.maxVotesPerUser;
  return { used, max, remaining: Math.max(0, max - used) };
}

// The statements of a vote, prepared once: voting is the busiest write of a campaign.
const entryWithCampaign = preparedStatement((db) =>
  db
    .select({
      id: submissions.id,
      status: submissions.status,
      authorId: submissions.authorId,
      campaignId: campaigns.id,
      slug: campaigns.slug,
      stage: campaigns.stage,
      settings: campaigns.settings,
    })
    .from(submissions)
    .innerJoin(campaigns, eq(campaigns.id, submissions.campaignId))
    .where(eq(submissions.id, sql.placeholder('id')))
    .prepare('vote_entry'),
);

const castVoteStatement = preparedStatement((db) =>
  db
    .select({ voted: sql<boolean>`voted`, used: sql<number>`used`, voteCount: sql<number>`vote_count`, retryAfter: sql<number | null>`retry_after` })
    .from(
      sql`cast_vote(${sql.placeholder('user')}, ${sql.placeholder('entry')}, ${sql.placeholder('campaign')}, ${sql.placeholder('max')}, ${sql.placeholder('perMinute')}, ${statusArray('listed')})`,
    )
    .prepare('cast_vote'),
);

const withdrawVoteStatement = preparedStatement((db) =>
  db
    .select({ used: sql<number>`used`, voteCount: sql<number>`vote_count` })
    .from(sql`withdraw_vote(${sql.placeholder('user')}, ${sql.placeholder('entry')}, ${sql.placeholder('campaign')}, ${statusArray('listed')})`)
    .prepare('withdraw_vote'),
);

/** What a vote sends to PostgreSQL after the session lookup, for the benchmark to replay. */
export const voteStatements = { entryWithCampaign, castVoteStatement, withdrawVoteStatement };

/**
 * The entry with its campaign's rules in one query; 404 for entries the voter may not see, except
 * to take back a vote the voter cast before the entry left the public.
 */
async function votableEntry(db: Database, voter: Voter, submissionId: string, withdrawing = false) {
  const [row] = await entryWithCampaign(db).execute({ id: submissionId });
  const visible = row && canSeeSubmission(row, voter);
  if (!row || (!visible && !(withdrawing && (await holdsVote(db, voter.id, row.id))))) {
    throw notFound('There is no such entry, or it is not public.');
  }
  const campaign = toCampaignRules({ id: row.campaignId, slug: row.slug, stage: row.stage, settings: row.settings });
  assertStageAllows(campaign, 'vote');
  return { entry: { id: row.id, status: row.status }, campaign };
}

async function holdsVote(db: Database, voterId: string, submissionId: string): Promise<boolean> {
  const { rows } = await db.execute(sql`SELECT 1 FROM votes WHERE user_id = ${voterId} AND submission_id = ${submissionId}`);
  return rows.length > 0;
}

function result(campaign: CampaignRules, voter: Voter, voted: boolean, voteCount: number, used: { used: number; max: number; remaining: number }): VoteResult {
  return { voted, voteCount: voteCountsHiddenFor(campaign, voter) ? null : voteCount, budget: used };
}

/**
 * Supports an entry, once. The rules are decided here on the entry as read; `cast_vote` (migration
 * 0021) then changes the vote row and the counter in one transaction, one resident's votes in a
 * campaign one request at a time, so the budget and the per-minute rate hold exactly.
 */
export async function castVote(db: Database, voter: Voter, submissionId: string): Promise<VoteResult> {
  const { entry, campaign } = await votableEntry(db, voter, submissionId);
  if (!inStatusSet('listed', entry.status)) throw conflict(`This entry is ${entry.status}; it cannot be supported.`);
  assertVoterCounts(campaign, voter);
  const { maxVotesPerUser: max, maxVotesPerMinute: perMinute } = campaign.settings;
  const [cast] = await castVoteStatement(db).execute({ user: voter.id, entry: entry.id, campaign: campaign.id, max, perMinute });
  const { voted, used, voteCount, retryAfter } = cast!;
  if (retryAfter !== null) {
    throw rateLimited(`You have cast ${perMinute} votes in the last minute, the most this campaign allows. Try again in ${retryAfter} second(s).`, retryAfter * 1000);
  }
  if (!voted) {
    throw new AppError('vote_limit_reached', 409, `You have used all ${max} of your votes in this campaign. Withdraw one to support this entry.`, {
      budget: { used, max, remaining: 0 },
    });
  }
  return result(campaign, voter, true, voteCount, { used, max, remaining: Math.max(0, max - used) });
}

/** Withdraws support (idempotent): the row and the counter in one transaction, through `withdraw_vote`. */
export async function withdrawVote(db: Database, voter: Voter, submissionId: string): Promise<VoteResult> {
  const { entry, campaign } = await votableEntry(db, voter, submissionId, true);
  const [withdrawn] = await withdrawVoteStatement(db).execute({ user: voter.id, entry: entry.id, campaign: campaign.id });
  const { used, voteCount } = withdrawn!;
  const max = campaign.settings.maxVotesPerUser;
  return result(campaign, voter, false, voteCount, { used, max, remaining: Math.max(0, max - used) });
}

export async function voteBudget(db: Executor, voterId: string, slug: string) {
  return budget(db, await campaignRules(db, { slug }), voterId);
}
