import { useMutation } from '@tanstack/react-query';
import { commentCreatedSchema } from '@city-spirit/shared';
import { sendJson } from '../../../api/client.ts';
import { patchComment } from './cache.ts';
import { commentPath, type CommentTarget } from './keys.ts';

/** Edits one's own comment within the edit window; the comment is replaced by the server's answer. */
export function useEditComment(target: CommentTarget) {
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: string }, { client }) =>
      sendJson(client, { method: 'PATCH', path: commentPath(id), body: { body }, schema: commentCreatedSchema }),
    onSuccess: ({ comment }, _input, _result, { client }) => patchComment(client, target, comment.id, () => comment),
  });
}
