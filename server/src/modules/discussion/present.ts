import { sql, type SQL } from 'drizzle-orm';
import { COMMENT_EDIT_WINDOW_MS, isStaff, type Comment, type CommentStance, type CommentTargetType, type PolicyViewer, type Role } from '@city-spirit/shared';

/** A comment row with what its presentation needs, as `commentColumns` selects it. */
export type CommentRow = {
  id: string;
  target_type: CommentTargetType;
  target_id: string;
  parent_id: string | null;
  depth: number;
  reply_to_id: string | null;
  reply_to_name: string | null;
  author_id: string;
  author_name: string;
  author_role: Role;
  stance: CommentStance;
  body: string;
  upvotes: number;
  downvotes: number;
  reply_count: number;
  viewer_vote: number | null;
  created_at: string;
  created_exact: string;
  wilson_exact: string;
  edited_at: string | null;
  deleted_at: string | null;
  hidden_at: string | null;
};

/** Columns of comments c with author u, the answered comment's author, and the viewer's vote: one row per comment. */
export const commentColumns = (viewer: PolicyViewer): SQL => sql`
  c.id, c.target_type, c.target_id, c.parent_id, c.depth, c.reply_to_id, c.author_id, c.stance, c.body,
  c.upvotes, c.downvotes, c.reply_count, c.created_at, c.created_at::text AS created_exact, c.wilson::text AS wilson_exact,
  c.edited_at, c.deleted_at, c.hidden_at, u.display_name AS author_name, u.role AS author_role,
  (SELECT ru.display_name FROM comments r JOIN users ru ON ru.id = r.author_id WHERE r.id = c.reply_to_id AND r.deleted_at IS NULL AND r.hidden_at IS NULL) AS reply_to_name,
  ${viewer ? sql`(SELECT cv.value FROM comment_votes cv WHERE cv.comment_id = c.id AND cv.user_id = ${viewer.id})` : sql`NULL::smallint`} AS viewer_vote`;

const iso = (text: string | null) => (text === null ? null : new Date(text).toISOString());
const voteValue = (value: number | null) => (value === 1 ? 1 : value === -1 ? -1 : null);

export function toComment(row: CommentRow, viewer: PolicyViewer, now = Date.now()): Comment {
  const deleted = row.deleted_at !== null;
  const own = viewer?.id === row.author_id;
  const hidden = row.hidden_at !== null;
  const withheld = deleted || (hidden && !own && !isStaff(viewer));
  const editableUntil = new Date(new Date(row.created_at).getTime() + COMMENT_EDIT_WINDOW_MS);
  return {
    id: row.id,
    targetType: row.target_type,
    targetId: row.target_id,
    parentId: row.parent_id,
    depth: Number(row.depth),
    // A deleted comment's author is withheld, also where a reply names whom it answers.
    replyTo: row.reply_to_id && row.reply_to_name !== null ? { id: row.reply_to_id, displayName: row.reply_to_name } : null,
    stance: row.stance,
    body: withheld ? null : row.body,
    author: withheld ? null : { displayName: row.author_name, role: row.author_role },
    score: Number(row.upvotes) - Number(row.downvotes),
    upvotes: Number(row.upvotes),
    downvotes: Number(row.downvotes),
    replyCount: Number(row.reply_count),
    viewerVote: voteValue(row.viewer_vote === null ? null : Number(row.viewer_vote)),
    viewerIsAuthor: own,
    editableUntil: own && !deleted && editableUntil.getTime() > now ? editableUntil.toISOString() : null,
    edited: row.edited_at !== null,
    editedAt: iso(row.edited_at),
    deleted,
    hidden,
    createdAt: iso(row.created_at)!,
  };
}
