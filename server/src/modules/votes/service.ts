import { eq, sql } from 'drizzle-orm';
import type { Role, SubmissionStatus, VoteResult } from '@city-spirit/shared';
import { preparedStatement, type Database, type Executor } from '../../db/client.ts';
import { campaigns, submissions } from '../../db/schema.ts';
import { AppError, conflict, forbidden, notFound, rateLimited, unavailable } from '../../errors.ts';
import { canSeeSubmission, inStatusSet, isStaff, stageAllows, voteCountsHiddenInStage } from '@city-spirit/shared';
import { statusArray, statusIn } from '../../db/status-sql.ts';
import { campaignRules, toCampaignRules, type CampaignRules } from '../campaigns/service.ts';
import { assertStageAllows } from '../campaigns/stages.ts';

/** The signed-in resident as the session lookup read them. */
export type Voter = { id: string; role: Role; verified: boolean };

/** Whether the campaign counts this resident's votes: all residents', or verified residents' only. */
const voterCounts = (campaign: CampaignRules, voter: { verified: boolean }): boolean => !campaign.settings.votingRequiresVerification || voter.verified;

/** A campaign that counts verified residents' votes only refuses the others (support votes and draft votes alike). */
export function assertVoterCounts(campaign: CampaignRules, voter: { verified: boolean }): void {
  if (!voterCounts(campaign, voter)) {
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
      version: sql<string>`${campaigns}.xmin::text`,
    })
    .from(submissions)
    .innerJoin(campaigns, eq(campaigns.id, submissions.campaignId))
    .where(eq(submissions.id, sql.placeholder('id')))
    .prepare('vote_entry'),
);

const entryAnswer = { entryStatus: sql<SubmissionStatus>`entry_status`, entryAuthor: sql<string>`entry_author` };

const castVoteStatement = preparedStatement((db) =>
  db
    .select({ outcome: sql<'cast' | 'limit' | 'rate' | Retry | 'unlisted'>`outcome`, used: sql<number>`used`, voteCount: sql<number>`vote_count`, retryAfter: sql<number | null>`retry_after`, ...entryAnswer })
    .from(
      sql`cast_vote(${sql.placeholder('user')}, ${sql.placeholder('entry')}, ${sql.placeholder('campaign')}, ${sql.placeholder('version')}, ${sql.placeholder('max')}, ${sql.placeholder('perMinute')}, ${statusArray('listed')})`,
    )
    .prepare('cast_vote'),
);

const withdrawVoteStatement = preparedStatement((db) =>
  db
    .select({ outcome: sql<'removed' | 'absent' | Retry>`outcome`, used: sql<number>`used`, voteCount: sql<number>`vote_count`, ...entryAnswer })
    .from(sql`withdraw_vote(${sql.placeholder('user')}, ${sql.placeholder('entry')}, ${sql.placeholder('campaign')}, ${sql.placeholder('version')}, ${statusArray('listed')})`)
    .prepare('withdraw_vote'),
);

/** What a vote sends to PostgreSQL after the session lookup, for the benchmark to replay. */
export const voteStatements = { entryWithCampaign, castVoteStatement, withdrawVoteStatement };

/** The answers of the vote functions (migration 0023) after which the vote is decided again on the rows read afresh. */
type Retry = 'stale' | 'missing';

/** A campaign's rules as of its row version (`campaigns.xmin`), which the vote functions check. */
type KnownCampaign = { rules: CampaignRules; version: string };

/**
 * What a vote remembers between requests, per database handle: which campaign an entry belongs to
 * (it never moves) and each campaign's rules with their row version. Nothing here needs expiring:
 * a vote decided on rules that are no longer current is refused by the function as 'stale'.
 */
type VoteMemory = { campaignOf: Map<string, string>; campaigns: Map<string, KnownCampaign> };
const memories = new WeakMap<Database, VoteMemory>();
const MAX_REMEMBERED_ENTRIES = 100_000;

function memoryOf(db: Database): VoteMemory {
  let memory = memories.get(db);
  if (!memory) memories.set(db, (memory = { campaignOf: new Map(), campaigns: new Map() }));
  return memory;
}

type VoteAction = 'cast' | 'withdraw';

/** Whether the campaign's own rules let this voter do it: the stage, and verification for casting. */
const campaignAllows = (campaign: CampaignRules, voter: Voter, action: VoteAction) =>
  stageAllows(campaign.stage, 'vote') && (action === 'withdraw' || voterCounts(campaign, voter));

/**
 * The campaign rules a vote is decided on. Once the entry was seen, they come from memory, and the
 * vote function checks that they are still current. Otherwise (or when they would refuse, so that
 * refusals keep their order: no such entry first, then the stage, the entry's status, verification)
 * the entry and its campaign are read and every rule is checked on them here.
 */
async function rulesFor(db: Database, voter: Voter, submissionId: string, action: VoteAction, remembered: boolean): Promise<KnownCampaign> {
  const memory = memoryOf(db);
  const campaignId = memory.campaignOf.get(submissionId);
  const known = remembered && campaignId !== undefined ? memory.campaigns.get(campaignId) : undefined;
  if (known && campaignAllows(known.rules, voter, action)) return known;

  const [row] = await entryWithCampaign(db).execute({ id: submissionId });
  if (!row || (!canSeeSubmission(row, voter) && !(action === 'withdraw' && (await holdsVote(db, voter.id, row.id))))) {
    throw noSuchEntry();
  }
  const rules = toCampaignRules({ id: row.campaignId, slug: row.slug, stage: row.stage, settings: row.settings });
  if (memory.campaignOf.size >= MAX_REMEMBERED_ENTRIES) memory.campaignOf.clear();
  memory.campaignOf.set(row.id, row.campaignId);
  memory.campaigns.set(row.campaignId, { rules, version: row.version });
  assertStageAllows(rules, 'vote');
  if (action === 'cast') {
    if (!inStatusSet('listed', row.status)) throw unlisted(row.status);
    assertVoterCounts(rules, voter);
  }
  return { rules, version: row.version };
}

const unlisted = (status: SubmissionStatus) => conflict(`This entry is ${status}; it cannot be supported.`);
const noSuchEntry = () => notFound('There is no such entry, or it is not public.');

async function holdsVote(db: Database, voterId: string, submissionId: string): Promise<boolean> {
  const { rows } = await db.execute(sql`SELECT 1 FROM votes WHERE user_id = ${voterId} AND submission_id = ${submissionId}`);
  return rows.length > 0;
}

/**
 * Runs a vote function on the rules it was decided on; when the function finds them no longer
 * current ('stale') or the entry not where memory put it ('missing'), decides again on the rows as
 * they are now. A campaign that changes again between every read and vote gets a 503 after three tries.
 */
async function decided<T extends { outcome: string }>(db: Database, voter: Voter, submissionId: string, action: VoteAction, vote: (known: KnownCampaign) => Promise<T>) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const known = await rulesFor(db, voter, submissionId, action, attempt === 0);
    const answer = await vote(known);
    if (answer.outcome !== 'stale' && answer.outcome !== 'missing') return { campaign: known.rules, answer: answer as T & { outcome: Exclude<T['outcome'], Retry> } };
  }
  throw unavailable('The campaign changed while your vote was being counted; try again.', 1);
}

function result(campaign: CampaignRules, voter: Voter, voted: boolean, voteCount: number, used: number): VoteResult {
  const max = campaign.settings.maxVotesPerUser;
  return { voted, voteCount: voteCountsHiddenFor(campaign, voter) ? null : voteCount, budget: { used, max, remaining: Math.max(0, max - used) } };
}

/**
 * Supports an entry, once. The rules are decided here; `cast_vote` (migration 0023) checks that they
 * still hold, then changes the vote row and the counter in one transaction, one resident's votes in a
 * campaign one request at a time, so the budget and the per-minute rate hold exactly.
 */
export async function castVote(db: Database, voter: Voter, submissionId: string): Promise<VoteResult> {
  const { campaign, answer } = await decided(db, voter, submissionId, 'cast', ({ rules, version }) =>
    castVoteStatement(db)
      .execute({ user: voter.id, entry: submissionId, campaign: rules.id, version, max: rules.settings.maxVotesPerUser, perMinute: rules.settings.maxVotesPerMinute })
      .then((rows) => rows[0]!),
  );
  const { maxVotesPerUser: max, maxVotesPerMinute: perMinute } = campaign.settings;
  switch (answer.outcome) {
    case 'unlisted':
      throw canSeeSubmission({ status: answer.entryStatus, authorId: answer.entryAuthor }, voter) ? unlisted(answer.entryStatus) : noSuchEntry();
    case 'rate':
      throw rateLimited(`You have cast ${perMinute} votes in the last minute, the most this campaign allows. Try again in ${answer.retryAfter} second(s).`, answer.retryAfter! * 1000);
    case 'limit':
      throw new AppError('vote_limit_reached', 409, `You have used all ${max} of your votes in this campaign. Withdraw one to support this entry.`, {
        budget: { used: answer.used, max, remaining: 0 },
      });
    case 'cast':
      return result(campaign, voter, true, answer.voteCount, answer.used);
  }
}

/**
 * Withdraws support (idempotent): the row and the counter in one transaction, through `withdraw_vote`.
 * A vote cast before the entry left the public stays the voter's to take back; anyone else gets 404.
 */
export async function withdrawVote(db: Database, voter: Voter, submissionId: string): Promise<VoteResult> {
  const { campaign, answer } = await decided(db, voter, submissionId, 'withdraw', ({ rules, version }) =>
    withdrawVoteStatement(db)
      .execute({ user: voter.id, entry: submissionId, campaign: rules.id, version })
      .then((rows) => rows[0]!),
  );
  if (answer.outcome === 'absent' && !canSeeSubmission({ status: answer.entryStatus, authorId: answer.entryAuthor }, voter)) throw noSuchEntry();
  return result(campaign, voter, false, answer.voteCount, answer.used);
}

export async function voteBudget(db: Executor, voterId: string, slug: string) {
  return budget(db, await campaignRules(db, { slug }), voterId);
}
