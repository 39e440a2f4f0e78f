import { useMutation } from '@tanstack/react-query';
import { commentVoteResultSchema, type Comment } from '@city-spirit/shared';
import { sendJson } from '../../../api/client.ts';
import { patchComment } from './cache.ts';
import { commentPath, type CommentTarget } from './keys.ts';

export type CommentVote = 1 | -1 | null;

/** The comment as it is with the viewer's vote changed to `vote`. */
export function withVote(comment: Comment, vote: CommentVote): Comment {
  const upvotes = comment.upvotes - (comment.viewerVote === 1 ? 1 : 0) + (vote === 1 ? 1 : 0);
  const downvotes = comment.downvotes - (comment.viewerVote === -1 ? 1 : 0) + (vote === -1 ? 1 : 0);
  return { ...comment, upvotes, downvotes, score: upvotes - downvotes, viewerVote: vote };
}

/** Votes a comment up or down, or takes the vote back: at once on the page, undone if the server refuses. */
export function useVoteOnComment(target: CommentTarget) {
  return useMutation({
    mutationFn: ({ comment, vote }: { comment: Comment; vote: CommentVote }, { client }) =>
      sendJson(client, {
        method: vote === null ? 'DELETE' : 'PUT',
        path: `${commentPath(comment.id)}/vote`,
        body: vote === null ? undefined : { value: vote },
        schema: commentVoteResultSchema,
      }),
    onMutate: ({ comment, vote }, { client }) => {
      patchComment(client, target, comment.id, (old) => withVote(old, vote));
    },
    // Only the votes go back: anything else that changed meanwhile (an edit, more replies) stays.
    onError: (_error, { comment }, _context, { client }) => {
      const { upvotes, downvotes, score, viewerVote } = comment;
      patchComment(client, target, comment.id, (old) => ({ ...old, upvotes, downvotes, score, viewerVote }));
    },
    onSuccess: (result, { comment }, _context, { client }) => {
      patchComment(client, target, comment.id, (old) => ({ ...old, ...result }));
    },
  });
}
