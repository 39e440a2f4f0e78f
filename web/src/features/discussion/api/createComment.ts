import { useMutation } from '@tanstack/react-query';
import { commentCreatedSchema, type commentCreateSchema } from '@city-spirit/shared';
import type { z } from 'zod';
import { sendJson } from '../../../api/client.ts';
import { addOwnComment } from './cache.ts';
import { targetCommentsPath, type CommentTarget } from './keys.ts';

export type CommentInput = z.output<typeof commentCreateSchema>;

/** Posts a comment or a reply; it shows at once where it belongs. */
export function useCreateComment(target: CommentTarget) {
  return useMutation({
    mutationFn: (input: CommentInput, { client }) =>
      sendJson(client, { method: 'POST', path: targetCommentsPath(target), body: input, schema: commentCreatedSchema }),
    onSuccess: ({ comment }, _input, _result, { client }) => addOwnComment(client, target, comment),
  });
}
