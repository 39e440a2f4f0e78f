import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  COMMENT_EDIT_WINDOW_MS,
  COMMENT_MAX_DEPTH,
  isStaff,
  type Comment,
  type CommentStance,
  type CommentTargetType,
  type CommentVoteResult,
  type Role,
  type commentCreateSchema,
} from '@city-spirit/shared';
import type { Database, Executor } from '../../db/client.ts';
import { AppError, conflict, forbidden, notFound, rateLimited } from '../../errors.ts';
import { assertStageAllows } from '../campaigns/stages.ts';
import { recordEvent } from '../events/hub.ts';
import { notify } from '../notifications/service.ts';
import { commentColumns, toComment, type CommentRow } from './present.ts';
import { COMMENT_TARGETS, type CommentTarget } from './targets.ts';

export type Commenter = { id: string; role: Role; displayName: string };

const HOUR_MS = 3_600_000;

/** How messages name each kind of target. */
const TARGET_NAMES: Record<CommentTargetType, string> = { submission: 'entry', draft: 'draft' };

/** The target if the viewer may see it, else 404. */
export async function visibleTarget(db: Executor, type: CommentTargetType, id: string, viewer: Commenter | null): Promise<CommentTarget> {
  const target = await COMMENT_TARGETS[type].load(db, id, viewer);
  if (!target) throw notFound(`There is no such ${TARGET_NAMES[type]}, or it is not public.`);
  return target;
}

/** The target taking part in the discussion now: its stage allows it, and it is open to comments. */
function assertOpen(target: CommentTarget): void {
  assertStageAllows(target.campaign, COMMENT_TARGETS[target.type].stageAction);
  if (!target.open) throw conflict(`This ${TARGET_NAMES[target.type]} is not open to discussion; its comments stay readable.`);
}

/** A comment as presented; `lock` takes its row for the rest of the transaction, before anything is decided on it. */
export async function loadComment(db: Executor, id: string, viewer: Commenter | null, lock = false): Promise<CommentRow | null> {
  const { rows } = await db.execute<CommentRow>(sql`
    SELECT ${commentColumns(viewer)} FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id = ${id} ${lock ? sql`FOR UPDATE OF c` : sql``}`);
  return rows[0] ?? null;
}

/** A comment and its target, 404 unless the viewer may see the target. */
async function visibleComment(db: Executor, id: string, viewer: Commenter | null, lock = false): Promise<{ row: CommentRow; target: CommentTarget }> {
  const row = await loadComment(db, id, viewer, lock);
  const target = row ? await COMMENT_TARGETS[row.target_type].load(db, row.target_id, viewer) : null;
  if (!row || !target) throw notFound('There is no such comment.');
  return { row, target };
}

/** Comments per person per hour in a campaign (the campaign's maxCommentsPerHour), counted exactly under the caller's lock. */
async function assertWithinCommentLimit(tx: Executor, target: CommentTarget, author: Commenter): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('comments'), hashtext(${author.id}))`);
  const limit = target.campaign.settings.maxCommentsPerHour;
  const { rows } = await tx.execute<{ n: string; oldest: string | null }>(sql`
    SELECT count(*) AS n, min(created_at)::text AS oldest FROM comments
    WHERE author_id = ${author.id} AND campaign_id = ${target.campaign.id} AND created_at > now() - interval '1 hour'`);
  const recent = rows[0]!;
  if (Number(recent.n) < limit) return;
  const wait = recent.oldest ? new Date(recent.oldest).getTime() + HOUR_MS - Date.now() : HOUR_MS;
  throw rateLimited(`You have posted ${limit} comments in the last hour, the most this campaign allows. Try again in ${Math.ceil(wait / 60_000)} minute(s).`, wait);
}

type Placement = { parentId: string | null; replyToId: string | null; depth: number; answered: { id: string; authorId: string } | null };

/**
 * Where a reply goes: under its parent one level deeper, or, under a deepest comment, beside it
 * (same parent, same depth) naming whom it answers. The parent it lands under is locked, for its replyCount.
 */
async function placeReply(tx: Executor, target: CommentTarget, parentId: string | undefined): Promise<Placement> {
  if (!parentId) return { parentId: null, replyToId: null, depth: 1, answered: null };
  const { rows } = await tx.execute<{ id: string; parent_id: string | null; depth: number; target_type: string; target_id: string; author_id: string; deleted_at: string | null }>(sql`
    SELECT id, parent_id, depth, target_type, target_id, author_id, deleted_at FROM comments WHERE id = ${parentId} FOR UPDATE`);
  const parent = rows[0];
  if (!parent || parent.target_type !== target.type || parent.target_id !== target.id) {
    throw new AppError('validation_failed', 400, 'The comment you answer is not in this discussion.', {
      errors: [{ path: 'body.parentId', message: 'not a comment on this entry' }],
    });
  }
  if (parent.deleted_at) throw conflict('The comment you answer has been deleted; answer the discussion instead.');
  const answered = { id: parent.id, authorId: parent.author_id };
  if (Number(parent.depth) < COMMENT_MAX_DEPTH) return { parentId: parent.id, replyToId: null, depth: Number(parent.depth) + 1, answered };
  await tx.execute(sql`SELECT 1 FROM comments WHERE id = ${parent.parent_id} FOR UPDATE`);
  return { parentId: parent.parent_id, replyToId: parent.id, depth: COMMENT_MAX_DEPTH, answered };
}

async function countStance(tx: Executor, target: { type: string; id: string }, stance: CommentStance, delta: 1 | -1): Promise<void> {
  const column = sql.identifier(stance);
  await tx.execute(sql`
    INSERT INTO comment_stances (target_type, target_id, ${column}) VALUES (${target.type}, ${target.id}, ${Math.max(delta, 0)})
    ON CONFLICT (target_type, target_id) DO UPDATE SET ${column} = comment_stances.${column} + ${delta}`);
}

/** Who hears of a new comment: the author it answers, and the target's author; never the commenter. */
async function notifyOfComment(tx: Executor, target: CommentTarget, author: Commenter, placement: Placement, commentId: string): Promise<void> {
  const common = { campaignId: target.campaign.id, entryId: target.entryId, actorId: author.id };
  const answeredAuthor = placement.answered?.authorId ?? null;
  if (answeredAuthor && answeredAuthor !== author.id) {
    await notify(tx, {
      ...common,
      userId: answeredAuthor,
      kind: 'comment.reply',
      subject: { type: 'comment', id: placement.answered!.id, title: target.title },
      details: { commentId },
    });
  }
  if (target.authorId !== author.id && target.authorId !== answeredAuthor) {
    await notify(tx, {
      ...common,
      userId: target.authorId,
      kind: 'comment.on_entry',
      subject: { type: target.type, id: target.id, title: target.title },
      details: { commentId },
    });
  }
}

/**
 * Posts a comment: the comment, its parent's replyCount, the target's commentCount and stance
 * counts, the notifications and the live event, all in one transaction.
 */
export async function createComment(
  db: Database,
  author: Commenter,
  targetType: CommentTargetType,
  targetId: string,
  input: z.output<typeof commentCreateSchema>,
): Promise<Comment> {
  const id = await db.transaction(async (tx) => {
    const target = await visibleTarget(tx, targetType, targetId, author);
    assertOpen(target);
    await assertWithinCommentLimit(tx, target, author);
    const placement = await placeReply(tx, target, input.parentId);
    const { rows } = await tx.execute<{ id: string }>(sql`
      INSERT INTO comments (campaign_id, target_type, target_id, parent_id, reply_to_id, depth, author_id, stance, body)
      VALUES (${target.campaign.id}, ${target.type}, ${target.id}, ${placement.parentId}, ${placement.replyToId}, ${placement.depth}, ${author.id}, ${input.stance}, ${input.body})
      RETURNING id`);
    const commentId = rows[0]!.id;
    if (placement.parentId) await tx.execute(sql`UPDATE comments SET reply_count = reply_count + 1 WHERE id = ${placement.parentId}`);
    await COMMENT_TARGETS[target.type].countComments(tx, target.id, 1);
    await countStance(tx, target, input.stance, 1);
    await notifyOfComment(tx, target, author, placement, commentId);
    await recordEvent(tx, target.campaign.id, 'comment.created', { id: commentId, targetType: target.type, targetId: target.id, parentId: placement.parentId });
    return commentId;
  });
  return toComment((await loadComment(db, id, author))!, author);
}

/** The author's own comment, locked, that is not deleted. */
async function ownLiveComment(tx: Executor, author: Commenter, id: string): Promise<{ row: CommentRow; target: CommentTarget }> {
  const found = await visibleComment(tx, id, author, true);
  if (found.row.author_id !== author.id) throw forbidden('Only its author may change or delete a comment.');
  return found;
}

/** Edits within the edit window; the earlier text is kept for moderators. */
export async function editComment(db: Database, author: Commenter, id: string, body: string): Promise<Comment> {
  await db.transaction(async (tx) => {
    const { row, target } = await ownLiveComment(tx, author, id);
    if (row.deleted_at) throw conflict('This comment has been deleted.');
    if (row.hidden_at) throw conflict('This comment is hidden by moderation; it can be appealed, not edited.');
    assertStageAllows(target.campaign, COMMENT_TARGETS[target.type].stageAction);
    if (Date.now() - new Date(row.created_at).getTime() > COMMENT_EDIT_WINDOW_MS) {
      throw conflict(`A comment can be edited for ${COMMENT_EDIT_WINDOW_MS / 60_000} minutes after posting; this one no longer can. Post a reply to add to it.`);
    }
    if (row.body === body) return;
    await tx.execute(sql`INSERT INTO comment_edits (comment_id, body) VALUES (${id}, ${row.body})`);
    await tx.execute(sql`UPDATE comments SET body = ${body}, edited_at = now() WHERE id = ${id}`);
    await recordEvent(tx, target.campaign.id, 'comment.changed', { id, targetType: target.type, targetId: target.id, parentId: row.parent_id });
  });
  return toComment((await loadComment(db, id, author))!, author);
}

/** Soft delete (idempotent): the comment keeps its place and its replies; the counts drop in the same transaction. */
export async function deleteComment(db: Database, author: Commenter, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { row, target } = await ownLiveComment(tx, author, id);
    if (row.deleted_at) return;
    // The thread's counts are part of the stage's record: once its discussion is closed, so are they.
    assertStageAllows(target.campaign, COMMENT_TARGETS[target.type].stageAction);
    const { rows } = await tx.execute<{ id: string }>(sql`
      UPDATE comments SET deleted_at = now() WHERE id = ${id} AND deleted_at IS NULL RETURNING id`);
    if (rows.length === 0) return;
    await COMMENT_TARGETS[target.type].countComments(tx, target.id, -1);
    await countStance(tx, target, row.stance, -1);
    await recordEvent(tx, target.campaign.id, 'comment.changed', { id, targetType: target.type, targetId: target.id, parentId: row.parent_id });
  });
}

/**
 * Sets (value 1 or -1) or removes (null) the voter's vote on a comment. The comment's row is locked
 * first, so its up and down counts and its Wilson bound follow the votes exactly.
 */
export async function voteOnComment(db: Database, voter: Commenter, id: string, value: 1 | -1 | null): Promise<CommentVoteResult> {
  return db.transaction(async (tx) => {
    const { row, target } = await visibleComment(tx, id, voter, true);
    assertOpen(target);
    if (row.deleted_at) throw conflict('This comment has been deleted; it can no longer be voted on.');
    if (row.hidden_at) throw conflict('This comment is hidden by moderation; it cannot be voted on.');
    if (row.author_id === voter.id) throw conflict('You cannot vote on your own comment.');
    const { rows: previousRows } = await tx.execute<{ value: number }>(sql`
      SELECT value FROM comment_votes WHERE comment_id = ${id} AND user_id = ${voter.id}`);
    const previous = previousRows[0] ? Number(previousRows[0].value) : 0;
    if (value === null) await tx.execute(sql`DELETE FROM comment_votes WHERE comment_id = ${id} AND user_id = ${voter.id}`);
    else {
      await tx.execute(sql`
        INSERT INTO comment_votes (comment_id, user_id, value) VALUES (${id}, ${voter.id}, ${value})
        ON CONFLICT (comment_id, user_id) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`);
    }
    const next = value ?? 0;
    const up = (next === 1 ? 1 : 0) - (previous === 1 ? 1 : 0);
    const down = (next === -1 ? 1 : 0) - (previous === -1 ? 1 : 0);
    const { rows } = await tx.execute<{ upvotes: number; downvotes: number }>(sql`
      UPDATE comments SET upvotes = upvotes + ${up}, downvotes = downvotes + ${down},
        wilson = comment_wilson(upvotes + ${up}, downvotes + ${down})
      WHERE id = ${id} RETURNING upvotes, downvotes`);
    const counts = rows[0]!;
    return {
      score: Number(counts.upvotes) - Number(counts.downvotes),
      upvotes: Number(counts.upvotes),
      downvotes: Number(counts.downvotes),
      viewerVote: value,
    };
  });
}

/** A comment's earlier texts, for moderators. */
export async function commentEdits(db: Executor, viewer: Commenter, id: string) {
  if (!isStaff(viewer)) throw forbidden('Only moderators may read the edit history of comments.');
  const { row } = await visibleComment(db, id, viewer);
  const { rows } = await db.execute<{ body: string; replaced_at: string }>(sql`
    SELECT body, replaced_at FROM comment_edits WHERE comment_id = ${id} ORDER BY id`);
  return {
    items: rows.map((edit) => ({ body: edit.body, replacedAt: new Date(edit.replaced_at).toISOString() })),
    current: row.body,
    deleted: row.deleted_at !== null,
  };
}
