import type { CommentSort, CommentTargetType, StageAction } from '@city-spirit/shared';

/** What a thread hangs on: an entry or a published draft. */
export type CommentTarget = { type: CommentTargetType; id: string };

/** The orders the thread offers; `old` is the replies' own order. */
export type ThreadSort = Extract<CommentSort, 'top' | 'new'>;

export const commentKeys = {
  all: ['comments'] as const,
  target: (target: CommentTarget) => ['comments', target.type, target.id] as const,
  /** Every order of the top-level list. */
  topLevel: (target: CommentTarget) => ['comments', target.type, target.id, 'top-level'] as const,
  topLevelSorted: (target: CommentTarget, sort: ThreadSort) => ['comments', target.type, target.id, 'top-level', sort] as const,
  replies: (target: CommentTarget, parentId: string) => ['comments', target.type, target.id, 'replies', parentId] as const,
  /** Stances and total, which every page of the thread also brings. */
  summary: (target: CommentTarget) => ['comments', target.type, target.id, 'summary'] as const,
};

const TARGET_PATHS: Record<CommentTargetType, string> = { submission: 'submissions', draft: 'drafts' };

/** The stage action that opens each kind of thread to new comments and votes. */
export const TARGET_STAGE_ACTIONS: Record<CommentTargetType, StageAction> = { submission: 'comment', draft: 'commentOnDraft' };

export const targetCommentsPath = (target: CommentTarget) => `/api/${TARGET_PATHS[target.type]}/${encodeURIComponent(target.id)}/comments`;

export const commentPath = (id: string) => `/api/comments/${encodeURIComponent(id)}`;
