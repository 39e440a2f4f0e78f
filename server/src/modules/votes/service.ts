import { and, eq, sql } from 'drizzle-orm';
import type { Role, VoteResult } from '@city-spirit/shared';
import type { Executor } from '../../db/client.ts';
import { submissions, users, votes } from '../../db/schema.ts';
import { AppError, conflict, forbidden, notFound } from '../../errors.ts';
import { DEFAULT_CAMPAIGN_SETTINGS, voteCountsHiddenInStage } from '@city-spirit/shared';
import { campaignRules, type CampaignRules } from '../campaigns/service.ts';
import { assertStageAllows } from '../campaigns/stages.ts';

type Voter = { id: string; role: Role };

const VOTABLE = ['published', 'shortlisted'];

/** Vote counts stay hidden from residents while the campaign says so, until the discuss stage ends. */
export function voteCountsHiddenFor(campaign: CampaignRules, viewer: { role: Role } | null): boolean {
  const staff = viewer?.role === 'moderator' || viewer?.role === 'admin';
  return voteCountsHiddenInStage(campaign) && !staff;
}

async function budget(tx: Executor, campaign: CampaignRules, voterId: string) {
  const { rows } = await tx.execute<{ n: string }>(sql`
    SELECT count(*) AS n FROM votes WHERE user_id = ${voterId} AND campaign_id = ${campaign.id}`);
  const used = Number(rows[0]?.n ?? 0);
  const max = campaign.settings.maxVotesPerUser;
  return { used, max, remaining: Math.max(0, max - used) };
}

/** The entry with its campaign's rules in one query; 404 for entries the voter may not see. */
async function votableEntry(tx: Executor, voter: Voter, submissionId: string) {
  const { rows } = await tx.execute<{ id: string; status: string; author_id: string; campaign_id: string; slug: string; stage: CampaignRules['stage']; settings: CampaignRules['settings'] }>(sql`
    SELECT s.id, s.status, s.author_id, c.id AS campaign_id, c.slug, c.stage, c.settings
    FROM submissions s JOIN campaigns c ON c.id = s.campaign_id WHERE s.id = ${submissionId}`);
  const row = rows[0];
  const staff = voter.role === 'moderator' || voter.role === 'admin';
  if (!row || (!VOTABLE.includes(row.status) && row.status !== 'merged' && !staff && row.author_id !== voter.id)) {
    throw notFound('There is no such entry, or it is not public.');
  }
  const campaign: CampaignRules = { id: row.campaign_id, slug: row.slug, stage: row.stage, settings: { ...DEFAULT_CAMPAIGN_SETTINGS, ...row.settings } };
  assertStageAllows(campaign, 'vote');
  return { entry: { id: row.id, status: row.status }, campaign };
}

function result(campaign: CampaignRules, voter: Voter, voted: boolean, voteCount: number, used: { used: number; max: number; remaining: number }): VoteResult {
  return { voted, voteCount: voteCountsHiddenFor(campaign, voter) ? null : voteCount, budget: used };
}

/**
 * Supports an entry, once: the vote row and the counter change in one transaction, and one
 * resident's votes in a campaign are counted one request at a time, so the budget holds exactly.
 */
export async function castVote(db: Executor, voter: Voter, submissionId: string): Promise<VoteResult> {
  return db.transaction(async (tx) => {
    const { entry, campaign } = await votableEntry(tx, voter, submissionId);
    if (!VOTABLE.includes(entry.status)) throw conflict(`This entry is ${entry.status}; it cannot be supported.`);
    if (campaign.settings.votingRequiresVerification) {
      const [user] = await tx.select({ verifiedAt: users.verifiedAt }).from(users).where(eq(users.id, voter.id));
      if (!user?.verifiedAt) throw forbidden('This campaign counts votes from verified residents only: verify your mobile number on your account page first.');
    }
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${campaign.id}), hashtext(${`votes:${voter.id}`}))`);
    const { rows } = await tx.execute<{ used: string; voted: boolean }>(sql`
      SELECT count(*) AS used, coalesce(bool_or(submission_id = ${entry.id}), false) AS voted
      FROM votes WHERE user_id = ${voter.id} AND campaign_id = ${campaign.id}`);
    const max = campaign.settings.maxVotesPerUser;
    const used = Number(rows[0]?.used ?? 0);
    if (!rows[0]?.voted && used >= max) {
      throw new AppError('vote_limit_reached', 409, `You have used all ${max} of your votes in this campaign. Withdraw one to support this entry.`, {
        budget: { used, max, remaining: 0 },
      });
    }
    const inserted = await tx
      .insert(votes)
      .values({ userId: voter.id, submissionId: entry.id, campaignId: campaign.id })
      .onConflictDoNothing()
      .returning({ userId: votes.userId });
    const [counter] = await tx
      .update(submissions)
      .set({ voteCount: sql`${submissions.voteCount} + ${inserted.length}` })
      .where(eq(submissions.id, entry.id))
      .returning({ voteCount: submissions.voteCount });
    const nowUsed = used + inserted.length;
    return result(campaign, voter, true, counter!.voteCount, { used: nowUsed, max, remaining: Math.max(0, max - nowUsed) });
  });
}

export async function withdrawVote(db: Executor, voter: Voter, submissionId: string): Promise<VoteResult> {
  return db.transaction(async (tx) => {
    const { entry, campaign } = await votableEntry(tx, voter, submissionId);
    const removed = await tx
      .delete(votes)
      .where(and(eq(votes.userId, voter.id), eq(votes.submissionId, entry.id)))
      .returning({ userId: votes.userId });
    const [counter] = await tx
      .update(submissions)
      .set({ voteCount: sql`${submissions.voteCount} - ${removed.length}` })
      .where(eq(submissions.id, entry.id))
      .returning({ voteCount: submissions.voteCount });
    return result(campaign, voter, false, counter!.voteCount, await budget(tx, campaign, voter.id));
  });
}

export async function voteBudget(db: Executor, voterId: string, slug: string) {
  return budget(db, await campaignRules(db, { slug }), voterId);
}
