import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { isStaff, type ModerationAction, type moderationActionCreateSchema, type NotificationKind } from '@city-spirit/shared';
import type { Database, Executor } from '../../db/client.ts';
import { statusIn } from '../../db/status-sql.ts';
import { AppError, conflict, forbidden, notFound } from '../../errors.ts';
import { hideContent, publishContent, rejectContent } from './content.ts';
import { recordAction, tellAuthor, toModerationAction, type Moderator } from './record.ts';
import { isShownContent, loadContent, type ModeratedContent } from './targets.ts';
import { mergeEntry, unmergeEntry } from './merge.ts';

type Input = z.output<typeof moderationActionCreateSchema>;
type ContentAction = 'approve' | 'hide' | 'restore' | 'reject';

type Step = { change: (tx: Executor, content: ModeratedContent) => Promise<void>; after: string; tell: NotificationKind | null };

const isHidden = (content: ModeratedContent) => content.status === 'hidden';
const keep = async () => undefined;

/**
 * What each action does from each state, or null where it does not apply (409 with the current
 * state, so a moderator who acted second sees what the first did). An action on content under an
 * open appeal answers the appeal: restore upholds it, hide or reject keeps the decision.
 */
function stepFor(action: ContentAction, content: ModeratedContent, openReports: number, appealed: boolean): Step | null {
  const entry = content.type === 'submission';
  switch (action) {
    case 'approve':
      if (entry && content.status === 'pending') return { change: publishContent, after: 'published', tell: 'entry.approved' };
      // Reports (or a vote flag) found unfounded: the content stays as it is, they are closed.
      if (isShownContent(content) && openReports > 0) return { change: keep, after: content.status, tell: null };
      return null;
    case 'hide':
      if (isShownContent(content) || (entry && content.status === 'pending')) return { change: hideContent, after: 'hidden', tell: entry ? 'entry.hidden' : 'comment.hidden' };
      if (isHidden(content) && (appealed || openReports > 0)) return { change: keep, after: 'hidden', tell: entry ? 'entry.hidden' : 'comment.hidden' };
      return null;
    case 'reject':
      if (!entry) return null;
      if (content.status === 'pending' || content.status === 'hidden') return { change: rejectContent, after: 'rejected', tell: 'entry.rejected' };
      if (content.status === 'rejected' && appealed) return { change: keep, after: 'rejected', tell: 'entry.rejected' };
      return null;
    case 'restore':
      if (isHidden(content) || (entry && content.status === 'rejected')) {
        return { change: publishContent, after: entry ? 'published' : 'visible', tell: entry ? 'entry.restored' : 'comment.restored' };
      }
      return null;
  }
}

async function openAppeal(tx: Executor, content: ModeratedContent): Promise<{ id: string } | null> {
  const { rows } = await tx.execute<{ id: string }>(sql`
    SELECT a.id FROM appeals a JOIN moderation_actions m ON m.id = a.action_id
    WHERE m.target_type = ${content.type} AND m.target_id = ${content.id} AND a.answered_at IS NULL LIMIT 1`);
  return rows[0] ?? null;
}

async function actOnContent(db: Database, moderator: Moderator, input: Input & { action: ContentAction }) {
  return db.transaction(async (tx) => {
    if (input.targetType === 'user') throw new AppError('validation_failed', 400, 'Only ban applies to an account.', { errors: [{ path: 'body.action', message: 'use ban for accounts' }] });
    const content = await loadContent(tx, input.targetType, input.targetId, true);
    if (!content || content.status === 'deleted') throw notFound('There is no such entry or comment (or its author deleted it).');
    if (input.action === 'restore' && content.status === 'merged') return unmergeEntry(tx, moderator, content, input.reason);
    // Open reports and an open vote flag are what an approve of shown content dismisses.
    const { rows: open } = await tx.execute<{ n: string }>(sql`
      SELECT (SELECT count(*) FROM reports WHERE target_type = ${content.type} AND target_id = ${content.id} AND resolved_at IS NULL)
        + (SELECT count(*) FROM vote_flags WHERE ${content.type} = 'submission' AND submission_id = ${content.id} AND resolved_at IS NULL) AS n`);
    const appeal = await openAppeal(tx, content);
    const step = stepFor(input.action, content, Number(open[0]!.n), appeal !== null);
    if (!step) {
      throw new AppError('conflict', 409, `This ${content.type === 'submission' ? 'entry' : 'comment'} is ${content.status}: "${input.action}" does not apply to it now. Reload to see its current state.`, {
        currentStatus: content.status,
      });
    }
    await step.change(tx, content);
    const row = await recordAction(tx, {
      campaignId: content.campaign.id,
      targetType: content.type,
      targetId: content.id,
      targetAuthorId: content.authorId,
      action: input.action,
      reason: input.reason,
      actor: moderator,
      details: { from: content.status, to: step.after, ...(appeal && { appealId: appeal.id }) },
    });
    if (appeal) {
      await tx.execute(sql`UPDATE appeals SET answered_at = now(), answer_action_id = ${row.id} WHERE id = ${appeal.id}`);
      await tellAuthor(tx, content, 'appeal.answered', { outcome: input.action === 'restore' ? 'restored' : 'kept', reason: input.reason });
    } else if (step.tell) {
      await tellAuthor(tx, content, step.tell, { reason: input.reason });
    }
    return { action: toModerationAction(row), status: step.after, campaignSlug: content.campaign.slug };
  });
}

/**
 * Bans an account (named, or the author of the content named): it may read, download its data and
 * delete itself, but not contribute. With hideContent, its shown entries and comments are hidden
 * with the same reason, each in the public log.
 */
async function ban(db: Database, moderator: Moderator, input: Input) {
  return db.transaction(async (tx) => {
    let userId = input.targetId;
    let campaignId: string | null = null;
    if (input.targetType !== 'user') {
      const content = await loadContent(tx, input.targetType, input.targetId);
      if (!content) throw notFound('There is no such entry or comment.');
      userId = content.authorId;
      campaignId = content.campaign.id;
    }
    const { rows } = await tx.execute<{ id: string; role: Moderator['role']; banned_at: string | null }>(sql`
      SELECT id, role, banned_at FROM users WHERE id = ${userId} AND deleted_at IS NULL FOR UPDATE`);
    const account = rows[0];
    if (!account) throw notFound('There is no such account.');
    if (account.id === moderator.id) throw conflict('You cannot ban your own account.');
    if (isStaff(account) && moderator.role !== 'admin') throw forbidden('Only an admin may ban a moderator or an admin.');
    if (account.banned_at) throw new AppError('conflict', 409, 'This account is banned already.', { currentStatus: 'banned' });
    await tx.execute(sql`UPDATE users SET banned_at = now(), updated_at = now() WHERE id = ${userId}`);
    let hidden = { entries: 0, comments: 0 };
    if (input.hideContent) hidden = await hideAllOf(tx, moderator, userId, input.reason);
    const row = await recordAction(tx, {
      campaignId,
      targetType: 'user',
      targetId: userId,
      targetAuthorId: userId,
      action: 'ban',
      reason: input.reason,
      actor: moderator,
      details: { hidden },
    });
    return { action: toModerationAction(row), status: 'banned', campaignSlug: null };
  });
}

async function hideAllOf(tx: Executor, moderator: Moderator, userId: string, reason: string) {
  const { rows: entries } = await tx.execute<{ id: string }>(sql`
    SELECT id FROM submissions WHERE author_id = ${userId} AND ${statusIn('status', 'holdingPhrase')} ORDER BY id FOR UPDATE`);
  const { rows: comments } = await tx.execute<{ id: string }>(sql`
    SELECT id FROM comments WHERE author_id = ${userId} AND hidden_at IS NULL AND deleted_at IS NULL ORDER BY id FOR UPDATE`);
  for (const [type, list] of [['submission', entries], ['comment', comments]] as const) {
    for (const { id } of list) {
      const content = (await loadContent(tx, type, id))!;
      await hideContent(tx, content);
      await recordAction(tx, { campaignId: content.campaign.id, targetType: type, targetId: id, targetAuthorId: userId, action: 'hide', reason, actor: moderator, details: { withBan: true } });
    }
  }
  return { entries: entries.length, comments: comments.length };
}

export async function performAction(db: Database, moderator: Moderator, input: Input): Promise<{ action: ModerationAction; status: string; campaignSlug: string | null }> {
  if (input.action === 'ban') return ban(db, moderator, input);
  if (input.action === 'merge') {
    if (input.targetType !== 'submission') throw new AppError('validation_failed', 400, 'Only entries can be merged.', { errors: [{ path: 'body.targetType', message: 'merge applies to entries' }] });
    return mergeEntry(db, moderator, input.targetId, input.mergeIntoId, input.reason);
  }
  return actOnContent(db, moderator, { ...input, action: input.action });
}

