import { sql } from 'drizzle-orm';
import { inStatusSet, type ModerationAction, type SubmissionStatus } from '@city-spirit/shared';
import type { Database, Executor } from '../../db/client.ts';
import { AppError, conflict, notFound } from '../../errors.ts';
import { notify } from '../notifications/service.ts';
import { recordAction, tellAuthor, toModerationAction, type Moderator } from './record.ts';
import { loadContent, type ModeratedContent } from './targets.ts';

const invalid = (path: string, detail: string) => new AppError('validation_failed', 400, detail, { errors: [{ path, message: detail }] });

/** Both entries, locked in a fixed order so that two merges of the same pair cannot deadlock. */
async function lockPair(tx: Executor, sourceId: string, targetId: string) {
  const [first, second] = [sourceId, targetId].sort();
  const a = await loadContent(tx, 'submission', first!, true);
  const b = await loadContent(tx, 'submission', second!, true);
  const source = a?.id === sourceId ? a : b;
  const target = a?.id === targetId ? a : b;
  return { source, target };
}

/**
 * Merges one entry into another of the same campaign: the merged entry stays readable (status
 * merged, mergedIntoId); each of its votes moves to the target, or is dropped where its voter
 * supports the target already (one vote each, and the budget place comes back); every move is kept,
 * so that restoring gives each vote back. Its comparisons count for the target in the ranking.
 * The author and every voter whose vote moved are told, and may take the vote back.
 */
export async function mergeEntry(db: Database, moderator: Moderator, sourceId: string, targetId: string | undefined, reason: string) {
  if (!targetId) throw invalid('body.mergeIntoId', 'name the entry to merge into (mergeIntoId)');
  if (targetId === sourceId) throw invalid('body.mergeIntoId', 'an entry cannot be merged into itself');
  return db.transaction(async (tx) => {
    const { source, target } = await lockPair(tx, sourceId, targetId);
    if (!source) throw notFound('There is no such entry.');
    if (!target) throw invalid('body.mergeIntoId', 'there is no such entry to merge into');
    if (source.campaign.id !== target.campaign.id) throw invalid('body.mergeIntoId', 'both entries must be in the same campaign');
    for (const entry of [source, target]) {
      if (!inStatusSet('listed', entry.status as SubmissionStatus)) {
        throw new AppError('conflict', 409, `Only entries in the lists can be merged; "${entry.title}" is ${entry.status}.`, { currentStatus: entry.status, entryId: entry.id });
      }
    }
    const { rows: into } = await tx.execute(sql`SELECT 1 FROM submissions WHERE merged_into_id = ${source.id} AND status = 'merged' LIMIT 1`);
    if (into.length > 0) throw conflict('Other entries were merged into this one: merge them into the new target first, or restore them.');

    const action = await recordAction(tx, {
      campaignId: source.campaign.id,
      targetType: 'submission',
      targetId: source.id,
      targetAuthorId: source.authorId,
      action: 'merge',
      reason,
      actor: moderator,
      details: { mergedIntoId: target.id, from: source.status },
    });
    // Every vote of the merged entry: moved where its voter has none on the target, dropped where they have.
    const { rows: moves } = await tx.execute<{ user_id: string; kind: 'moved' | 'dropped' }>(sql`
      WITH gone AS (DELETE FROM votes WHERE submission_id = ${source.id} RETURNING user_id, campaign_id, created_at),
           moved AS (
             INSERT INTO votes (user_id, submission_id, campaign_id, created_at)
             SELECT user_id, ${target.id}, campaign_id, created_at FROM gone
             ON CONFLICT (user_id, submission_id) DO NOTHING RETURNING user_id)
      INSERT INTO merge_vote_moves (action_id, user_id, kind, voted_at)
      SELECT ${action.id}, g.user_id, CASE WHEN m.user_id IS NULL THEN 'dropped' ELSE 'moved' END, g.created_at
      FROM gone g LEFT JOIN moved m ON m.user_id = g.user_id
      RETURNING user_id, kind`);
    const moved = moves.filter((move) => move.kind === 'moved');
    await tx.execute(sql`UPDATE submissions SET vote_count = vote_count - ${moves.length}, status = 'merged', merged_into_id = ${target.id}, updated_at = now() WHERE id = ${source.id}`);
    await tx.execute(sql`UPDATE submissions SET vote_count = vote_count + ${moved.length}, updated_at = now() WHERE id = ${target.id}`);
    await tx.execute(sql`DELETE FROM shortlist_entries WHERE submission_id = ${source.id}`);

    const details = { reason, mergedIntoId: target.id, mergedIntoPhrase: target.title };
    await tellAuthor(tx, source, 'entry.merged', details);
    for (const move of moves) {
      if (move.user_id === source.authorId) continue;
      await notify(tx, {
        userId: move.user_id,
        kind: 'entry.merged',
        campaignId: source.campaign.id,
        subject: { type: 'submission', id: source.id, title: source.title },
        entryId: target.id,
        actorId: null,
        details: { ...details, yourVote: move.kind },
      });
    }
    return { action: toModerationAction(action) as ModerationAction, status: 'merged', campaignSlug: source.campaign.slug };
  });
}

/**
 * Undoes the merge of a merged entry: each moved vote still on the target goes back (one its voter
 * took back stays taken back), each dropped vote comes back, with its first time; votes cast on the
 * target since stay there. Counters change by the rows moved.
 */
export async function unmergeEntry(tx: Executor, moderator: Moderator, source: ModeratedContent, reason: string) {
  const { rows: merges } = await tx.execute<{ id: string; into: string }>(sql`
    SELECT m.id, s.merged_into_id AS into FROM moderation_actions m JOIN submissions s ON s.id = m.target_id
    WHERE m.target_type = 'submission' AND m.target_id = ${source.id} AND m.action = 'merge' ORDER BY m.created_at DESC, m.id DESC LIMIT 1`);
  const merge = merges[0];
  if (!merge?.into) throw conflict('This entry was not merged by a moderator; there is nothing to undo.');
  await tx.execute(sql`SELECT 1 FROM submissions WHERE id = ${merge.into} FOR UPDATE`);
  const { rows: back } = await tx.execute<{ taken: number; restored: number }>(sql`
    WITH moves AS (SELECT user_id, kind, voted_at FROM merge_vote_moves WHERE action_id = ${merge.id}),
         taken AS (
           DELETE FROM votes v USING moves m
           WHERE m.kind = 'moved' AND v.user_id = m.user_id AND v.submission_id = ${merge.into}
           RETURNING v.user_id),
         restored AS (
           INSERT INTO votes (user_id, submission_id, campaign_id, created_at)
           SELECT m.user_id, ${source.id}, ${source.campaign.id}, m.voted_at FROM moves m
           WHERE m.kind = 'dropped' OR m.user_id IN (SELECT user_id FROM taken)
           ON CONFLICT (user_id, submission_id) DO NOTHING RETURNING user_id)
    SELECT (SELECT count(*) FROM taken)::int AS taken, (SELECT count(*) FROM restored)::int AS restored`);
  const counts = { taken: Number(back[0]!.taken), restored: Number(back[0]!.restored) };
  await tx.execute(sql`UPDATE submissions SET vote_count = vote_count - ${counts.taken}, updated_at = now() WHERE id = ${merge.into}`);
  await tx.execute(sql`UPDATE submissions SET vote_count = vote_count + ${counts.restored}, status = 'published', merged_into_id = NULL, updated_at = now() WHERE id = ${source.id}`);
  const action = await recordAction(tx, {
    campaignId: source.campaign.id,
    targetType: 'submission',
    targetId: source.id,
    targetAuthorId: source.authorId,
    action: 'restore',
    reason,
    actor: moderator,
    details: { from: 'merged', to: 'published', unmergedFrom: merge.into, votesBack: counts.restored },
  });
  await tellAuthor(tx, source, 'entry.restored', { reason });
  return { action: toModerationAction(action), status: 'published', campaignSlug: source.campaign.slug };
}
