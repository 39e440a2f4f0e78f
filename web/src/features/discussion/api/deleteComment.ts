import { useMutation } from '@tanstack/react-query';
import { sendJson } from '../../../api/client.ts';
import { patchComment } from './cache.ts';
import { commentKeys, commentPath, type CommentTarget } from './keys.ts';

/** Deletes one's own comment: it keeps its place, without text or author, and its replies stay. */
export function useDeleteComment(target: CommentTarget) {
  return useMutation({
    mutationFn: ({ id }: { id: string }, { client }) => sendJson(client, { method: 'DELETE', path: commentPath(id) }),
    onSuccess: (_data, { id }, _result, { client }) => {
      patchComment(client, target, id, (comment) => ({ ...comment, deleted: true, body: null, author: null, editableUntil: null }));
      void client.invalidateQueries({ queryKey: commentKeys.summary(target) });
    },
  });
}
