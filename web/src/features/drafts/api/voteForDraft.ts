import { useMutation } from '@tanstack/react-query';
import { draftVoteResultSchema, type Draft } from '@city-spirit/shared';
import { sendJson } from '../../../api/client.ts';
import { applyVoteResult, moveOwnVote } from './cache.ts';
import { draftKeys, draftPath } from './keys.ts';

type Snapshot = { items: Draft[] } | undefined;

/**
 * Gives the resident's one draft vote to `draft` (moving it from another), or takes it back: the
 * cards change at once, then take the counts the server sends; a refusal puts them back.
 */
export function useVoteForDraft(slug: string) {
  return useMutation({
    mutationFn: ({ draft, vote }: { draft: Draft; vote: boolean }, { client }) =>
      sendJson(client, { method: vote ? 'PUT' : 'DELETE', path: `${draftPath(draft.id)}/vote`, schema: draftVoteResultSchema }),
    onMutate: async ({ draft, vote }, { client }): Promise<{ snapshot: Snapshot }> => {
      await client.cancelQueries({ queryKey: draftKeys.list(slug) });
      const snapshot = client.getQueryData<{ items: Draft[] }>(draftKeys.list(slug));
      moveOwnVote(client, slug, vote ? draft.id : null);
      return { snapshot };
    },
    onError: (_error, _variables, context, { client }) => {
      if (context?.snapshot) client.setQueryData(draftKeys.list(slug), context.snapshot);
    },
    onSuccess: (result, _variables, _context, { client }) => applyVoteResult(client, result),
  });
}
