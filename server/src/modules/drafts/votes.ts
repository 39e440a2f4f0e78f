import { sql } from 'drizzle-orm';
import { inDraftStatusSet, type DraftVoteResult } from '@city-spirit/shared';
import type { Database, Executor } from '../../db/client.ts';
import { conflict } from '../../errors.ts';
import { assertStageAllows } from '../campaigns/stages.ts';
import { recordEvent } from '../events/hub.ts';
import { assertVoterCounts, type Voter } from '../votes/service.ts';
import { visibleDraft, type DraftRecord } from './listing.ts';

/**
 * The voter's one vote in the campaign (its row locked), read after taking the voter's own lock:
 * two requests of one resident act one after the other, so neither sees "no vote yet" twice.
 */
async function currentVote(tx: Executor, campaignId: string, voterId: string): Promise<string | null> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('draft_votes'), hashtext(${campaignId} || ${voterId}))`);
  const { rows } = await tx.execute<{ draft_id: string }>(sql`
    SELECT draft_id FROM draft_votes WHERE campaign_id = ${campaignId} AND user_id = ${voterId} FOR UPDATE`);
  return rows[0]?.draft_id ?? null;
}

/**
 * Locks the drafts a vote leaves and reaches in id order, before the vote row is written (whose
 * foreign key shares the draft's row), so that crossing moves never deadlock.
 */
async function lockDrafts(tx: Executor, left: string | null, reached: string | null): Promise<string[]> {
  const ids = [left, reached].filter((id): id is string => id !== null).sort();
  await tx.execute(sql`SELECT id FROM drafts WHERE id = ANY(${sql.param(ids)}::uuid[]) ORDER BY id FOR NO KEY UPDATE`);
  return ids;
}

/** Moves the locked drafts' vote counts by the vote that left one and reached the other, and tells the campaign's pages. */
async function moveCounts(tx: Executor, campaignId: string, ids: string[], reached: string | null) {
  const { rows } = await tx.execute<{ id: string; vote_count: number }>(sql`
    UPDATE drafts SET vote_count = vote_count + CASE WHEN id = ${reached}::uuid THEN 1 ELSE -1 END
    WHERE id = ANY(${sql.param(ids)}::uuid[]) RETURNING id, vote_count`);
  const drafts = rows.map((row) => ({ id: row.id, voteCount: Number(row.vote_count) })).sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const draft of drafts) await recordEvent(tx, campaignId, 'draft.votes', draft);
  return drafts;
}

/**
 * The draft the voter may see, with its campaign's stage and its status read again once the
 * campaign's row is shared: an adoption (which locks it) is then either done or waits for the vote.
 */
async function openDraft(tx: Executor, voter: Voter, id: string): Promise<DraftRecord> {
  const seen = await visibleDraft(tx, id, voter);
  const { rows } = await tx.execute<{ stage: DraftRecord['campaign']['stage']; status: DraftRecord['status'] }>(sql`
    SELECT c.stage, d.status FROM campaigns c JOIN drafts d ON d.campaign_id = c.id WHERE d.id = ${id} FOR SHARE OF c`);
  const draft = { ...seen, status: rows[0]!.status, campaign: { ...seen.campaign, stage: rows[0]!.stage } };
  assertStageAllows(draft.campaign, 'voteOnDraft');
  return draft;
}

/** Votes for a published draft: the voter's one vote in the campaign moves here from wherever it was, counts and row in one transaction. */
export async function voteForDraft(db: Database, voter: Voter, id: string): Promise<DraftVoteResult> {
  return db.transaction(async (tx) => {
    const draft = await openDraft(tx, voter, id);
    // Only casting a vote needs a counted voter: a vote cast before the campaign required verification stays its voter's to take back.
    assertVoterCounts(draft.campaign, voter);
    if (!inDraftStatusSet('openToResidents', draft.status)) throw conflict(`This draft is ${draft.status}; only published drafts take residents' votes.`);
    const previous = await currentVote(tx, draft.campaign.id, voter.id);
    if (previous === id) return { draftId: id, drafts: [] };
    const locked = await lockDrafts(tx, previous, id);
    await tx.execute(sql`
      INSERT INTO draft_votes (campaign_id, user_id, draft_id) VALUES (${draft.campaign.id}, ${voter.id}, ${id})
      ON CONFLICT (campaign_id, user_id) DO UPDATE SET draft_id = EXCLUDED.draft_id, created_at = now()`);
    return { draftId: id, drafts: await moveCounts(tx, draft.campaign.id, locked, id) };
  });
}

/** Takes back the voter's vote if it is on this draft (idempotent). */
export async function withdrawDraftVote(db: Database, voter: Voter, id: string): Promise<DraftVoteResult> {
  return db.transaction(async (tx) => {
    const draft = await openDraft(tx, voter, id);
    const previous = await currentVote(tx, draft.campaign.id, voter.id);
    if (previous !== id) return { draftId: previous, drafts: [] };
    const locked = await lockDrafts(tx, id, null);
    await tx.execute(sql`DELETE FROM draft_votes WHERE campaign_id = ${draft.campaign.id} AND user_id = ${voter.id}`);
    return { draftId: null, drafts: await moveCounts(tx, draft.campaign.id, locked, null) };
  });
}
